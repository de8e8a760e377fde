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
from newsbot.workerpool import WorkerCrashed, WorkerPool


def url_list(inline: str = "", path: str | None = None) -> list[str]:
    """URLs from a comma-separated argument and/or a file (one a line, # for comments)."""
    urls = [u.strip() for u in inline.split(",") if u.strip()]
    if path:
        lines = Path(path).expanduser().read_text(encoding="utf-8").splitlines()
        urls += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return urls


def corpus_feed(settings) -> dict:
    """The FEEDS entry for NEWSBOT_DATA_DIR/corpus.jsonl (appended to, UTF-8); in distributed
    mode this process's part, corpus-<node>.jsonl."""
    return {str(corpus_path(settings)): {"format": "jsonlines", "encoding": "utf-8", "overwrite": False}}


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
    if isinstance(error, HttpError) and response is not None:
        return f"http_{response.status}", f"HTTP {response.status}"
    if isinstance(error, (TimeoutError, defer.TimeoutError, TCPTimedOutError)) or "Timeout" in type(error).__name__:
        return "timeout", message
    if "redirect" in message.lower():
        return "redirect_loop", message
    if "maxsize" in message.lower().replace("_", "") or "max size" in message.lower():
        return "too_large", message
    if isinstance(error, ConnectionRefusedError):
        return "connection_refused", message
    return f"fetch_{type(error).__name__}", message


class ArticleSpider(scrapy.Spider):
    """Base class: parse_article() turns a page response into an Article item."""

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        # `-o`/`-O` on the command line (or FEEDS in settings) win; otherwise write the corpus.
        if not settings.getdict("FEEDS"):
            settings.set("FEEDS", corpus_feed(settings), priority="spider")
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
        """Close the spider at once when another crawl holds the data folder."""
        busy = DataDir.from_crawler(self.crawler).busy
        if busy:
            self.logger.error("Refusing to crawl: %s", busy)
            raise CloseSpider("data_dir_busy")

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
                self.builder.from_settings, "build", response.body, url, headers, meta.get("source_published")))
        except UnreadableInput as exc:
            self.reject(url, exc.reason, str(exc))
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
