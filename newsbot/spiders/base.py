"""What every newsbot spider shares: the corpus feed, and a response turned into an Article."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.misc import load_object
from twisted.internet import defer
from twisted.internet.error import ConnectionRefusedError, TCPTimedOutError, TimeoutError

from newsbot.datadir import DataDir, corpus_path
from newsbot.extract import MAX_UNPACKED, UnreadableInput
from newsbot.items import Article
from newsbot.loaders import ArticleBuilder
from newsbot.workerpool import WorkerCrashed, WorkerPool, WorkerTimeout


class BadArgument(ValueError):
    """A spider argument that is missing or malformed (exit status 2)."""


class InputUnreadable(ValueError):
    """The input a spider argument names cannot be read (exit status 4)."""


def url_list(inline: str = "", path: str | None = None) -> list[str]:
    """URLs from a comma-separated argument and/or a file: one a line; a # starts a comment,
    at the start of a line or after a space (a URL holds no spaces; its own # fragment stays)."""
    urls = [u.strip() for u in inline.split(",") if u.strip()]
    if path:
        try:
            lines = Path(path).expanduser().read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputUnreadable(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
        for line in lines:
            line = line.split(" #", 1)[0].split("\t#", 1)[0].strip()
            if line and not line.startswith("#"):
                urls.append(line)
    return urls


def required_urls(inline: str, path: str | None, what: str, inline_name: str, file_name: str) -> list[str]:
    """url_list(), which must not be empty: a spider needs something to crawl (BadArgument)."""
    urls = url_list(inline, path)
    if not urls:
        raise BadArgument(f"give {what}: -a {inline_name}=URL,URL or -a {file_name}=FILE")
    return urls


def corpus_feed(settings) -> dict:
    """The FEEDS entry for NEWSBOT_DATA_DIR/corpus.jsonl (appended to, UTF-8); in distributed
    mode this process's part, corpus-<node>.jsonl."""
    return {str(corpus_path(settings)): {"format": "jsonlines", "encoding": "utf-8", "overwrite": False}}


def with_corpus_feed(settings) -> None:
    """FEEDS with the corpus in it: the feeds of `-o`/`-O` (or a FEEDS setting) are written
    beside the corpus, never instead of it."""
    feeds = dict(settings.getdict("FEEDS"))
    corpus = corpus_feed(settings)
    if not any(str(uri) in corpus for uri in feeds):
        feeds.update(corpus)
    priority = max(settings.getpriority("FEEDS") or 0, 30)
    settings.set("FEEDS", feeds, priority=priority)


def distributed_settings(settings) -> None:
    """NEWSBOT_REDIS_URL set: the request queue and the request fingerprints of this run go to
    Redis (scrapy-redis), shared by every process given the same NEWSBOT_RUN (default: today's UTC
    date); the dedupe index goes there too (DataDir), shared across runs, so a later run skips
    the pages it knows unless their feed date moved on (KnownPagesMiddleware)."""
    url = settings.get("NEWSBOT_REDIS_URL")
    if not url:
        return
    run = settings.get("NEWSBOT_RUN") or datetime.now(timezone.utc).strftime("%Y%m%d")
    prefix = f'{settings.get("NEWSBOT_REDIS_PREFIX", "newsbot")}:{run}'
    for name, value in {
        "SCHEDULER": "newsbot.distributed.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": url,
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": f"{prefix}:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:%(spider)s:dupefilter",
    }.items():
        settings.set(name, value, priority="spider")


# Content types that are never a news page, whatever their bytes look like.
NOT_PAGE_TYPES = ("image/", "video/", "audio/", "font/", "application/pdf", "application/zip",
                  "application/x-", "application/vnd.", "application/msword")


def fetch_failure_reason(error: BaseException) -> tuple[str, str]:
    """(reason, message) for a failed download: http_404, timeout, redirect_loop, too_large ..."""
    message = str(error) or type(error).__name__
    response = getattr(error, "response", None)
    if getattr(error, "reason", None):                 # BlockedUrl and its kin carry their reason
        return error.reason, message
    if isinstance(error, HttpError) and response is not None:
        return f"http_{response.status}", f"HTTP {response.status}"
    if isinstance(error, (TimeoutError, defer.TimeoutError, TCPTimedOutError)) or "Timeout" in type(error).__name__:
        return "timeout", message
    if "redirect" in message.lower():
        return "redirect_loop", message
    if "maxsize" in message.lower().replace("_", "") or "max size" in message.lower():
        return "too_large", message
    if isinstance(error, ConnectionRefusedError) or "ConnectionRefused" in type(error).__name__:
        return "connection_refused", message
    return f"fetch_{type(error).__name__}", message


class ArticleSpider(scrapy.Spider):
    """Base class: parse_article() turns a page response into an Article item."""

    # spider arguments (-a NAME=VALUE) and what they do: listed by `scrapy crawl -h`
    arguments: dict[str, str] = {}

    def __init__(self, allowed_domains: str | None = None, **kwargs):
        super().__init__(**kwargs)
        if allowed_domains:           # Scrapy's own attribute, honoured by the URL policy
            self.allowed_domains = [d.strip() for d in allowed_domains.split(",") if d.strip()]

    @classmethod
    def check_arguments(cls, **kwargs) -> None:
        """Raise BadArgument or InputUnreadable for arguments this spider cannot run with (the
        crawl command calls it before the crawl, for a one-line message and its exit status)."""
        known = set(cls.arguments) | {"allowed_domains"}
        unknown = sorted(name for name in set(kwargs) - known if not name.startswith("_"))   # Scrapyd's _job
        if unknown:
            raise BadArgument(f"unknown argument {', '.join(unknown)}; this spider takes "
                              f"{', '.join(f'-a {name}=' for name in sorted(known))}")

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        with_corpus_feed(settings)
        distributed_settings(settings)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.pool = WorkerPool.from_crawler(crawler)
        spider.builder = load_object(crawler.settings.get("NEWSBOT_ARTICLE_BUILDER") or ArticleBuilder)
        spider.timezone = crawler.settings.get("NEWSBOT_TIMEZONE", "Asia/Seoul")
        spider.max_unpacked = crawler.settings.getint("DOWNLOAD_MAXSIZE") or MAX_UNPACKED
        return spider

    def check_data_dir(self) -> None:
        """Close the spider at once when the data folder cannot be used: another crawl holds
        it (data_dir_busy), it cannot be opened or written (data_dir_unusable), or its index
        cannot be used (index_unusable)."""
        datadir = DataDir.from_crawler(self.crawler)
        if datadir.refusal is None:
            datadir.open_index()
        if datadir.refusal is not None:
            self.logger.error("Refusing to crawl: %s", datadir.busy)
            raise CloseSpider(datadir.refusal)

    def request(self, url: str, origin: str, **kwargs) -> scrapy.Request:
        """A request that says who named its URL (newsbot.urlpolicy): "user", or the URL of the
        document that listed it."""
        meta = kwargs.pop("meta", None) or {}
        meta["newsbot_origin"] = origin
        kwargs.setdefault("errback", self.fetch_failed)
        return scrapy.Request(url, meta=meta, **kwargs)

    def reject(self, url: str, reason: str, message: str) -> None:
        """An input that did not become an article: logged, counted (``newsbot/rejected/<reason>``),
        written to rejects.jsonl, and the crawl goes on."""
        self.crawler.stats.inc_value(f"newsbot/rejected/{reason}")
        self.crawler.stats.inc_value("newsbot/rejected")
        self.logger.warning("Rejected %s (%s): %s", url, reason, message)
        DataDir.from_crawler(self.crawler).append_reject(url, reason, message)

    def fetch_failed(self, failure) -> None:
        """Errback: a page or feed that could not be downloaded, with the reason why."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        reason, message = fetch_failure_reason(failure.value)
        self.reject(url, reason, message)

    async def parse_article(self, response):
        """The page as an Article item, built in a worker process (NEWSBOT_ARTICLE_BUILDER)."""
        meta = response.meta
        url = meta.get("source_url") or response.url
        headers = {"Content-Type": response.headers.get("Content-Type", b"").decode("latin-1")}
        content_type = headers["Content-Type"].split(";")[0].strip().lower()
        if content_type.startswith(NOT_PAGE_TYPES):
            self.reject(url, "wrong_content_type", f"served as {content_type}, not a page")
            return
        try:
            kind, fields = await maybe_deferred_to_future(self.pool.call(
                self.builder.from_settings, "build", response.body, url, headers, meta.get("source_published"),
                meta.get("seed_name")))
        except UnreadableInput as exc:
            self.reject(url, exc.reason, str(exc))
            return
        except WorkerTimeout as exc:
            self.reject(url, "extraction_timeout", f"extraction: {exc}")
            return
        except WorkerCrashed as exc:
            self.reject(url, "worker_crashed", f"extraction: {exc}")
            return
        except Exception as exc:          # a bug the page brings out: this page only, with its reason
            self.logger.debug("Extraction of %s failed", url, exc_info=True)
            self.reject(url, "extraction_failed", f"{type(exc).__name__}: {exc}")
            return
        self.crawler.stats.inc_value(f"newsbot/extracted/{kind}")
        yield Article(fields)
