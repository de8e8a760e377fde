"""newsbot's middlewares.

KnownPagesMiddleware (spider middleware): pages the corpus already holds are not fetched again.
A request marked ``meta["newsbot_article"] = True`` (the spiders mark every article page) is
dropped before download when the data folder's index has seen its URL, unless
- NEWSBOT_RECHECK_KNOWN is true (re-fetch everything; changed text appends a new version), or
- the request carries ``meta["lastmod"]`` (unix time, e.g. from a sitemap's <lastmod> or a
  feed entry's updated date) later than the last fetch.
Skipped pages are counted as ``newsbot/skipped/known``. Feeds and sitemaps themselves are
always fetched. In the spirit of scrapy-deltafetch, but judged by the dedupe index.

RedirectLoopMiddleware (downloader middleware): a redirect loop is a rejected page, not a silence.

MetaRefreshMiddleware (downloader middleware): Scrapy's, without decoding pages that have no
refresh to find.

UrlPolicyMiddleware (downloader middleware): what a remote document names (a feed entry, a
sitemap, a redirect) never reaches a local file or a host the user did not allow
(newsbot.urlpolicy).
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from redis.exceptions import RedisError
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefreshMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.defer import maybe_deferred_to_future

from newsbot.datadir import DataDir
from newsbot.urlpolicy import BlockedUrl, UrlPolicy, is_address, netloc

logger = logging.getLogger(__name__)


class KnownPagesMiddleware(BaseSpiderMiddleware):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.recheck = crawler.settings.getbool("NEWSBOT_RECHECK_KNOWN", False)
        self.datadir = DataDir.from_crawler(crawler)

    def get_processed_request(self, request: Request, response=None) -> Request | None:
        if self.recheck or not request.meta.get("newsbot_article") or self.datadir.busy:
            return request
        try:
            seen_at = self.datadir.index.seen_at(request.meta.get("source_url") or request.url)
        except RedisError as exc:
            self.datadir.service_failed(exc)          # Redis is gone: the crawl stops (exit 8)
            return None
        if seen_at is None:
            return request
        lastmod = request.meta.get("lastmod")
        if lastmod is not None and lastmod > seen_at:
            self.crawler.stats.inc_value("newsbot/recheck/modified")
            return request
        self.crawler.stats.inc_value("newsbot/skipped/known")
        logger.debug("Known page, not fetched again: %s", request.url)
        return None


class RedirectLoopMiddleware:
    """Downloader middleware: a redirect back to a URL already visited on the way is a loop.

    Scrapy's RedirectMiddleware would follow it, and the duplicate filter would then drop the
    repeated request without a word; this raises IgnoreRequest instead, so the request's errback
    records the page as rejected (``redirect_loop``). Placed before RedirectMiddleware (650 > 600:
    responses pass through higher numbers first)."""

    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    def process_response(self, request, response, spider=None):
        location = response.headers.get(b"Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            target = urljoin(request.url, location.decode("latin-1"))
            visited = set(request.meta.get("redirect_urls", [])) | {request.url}
            if target in visited:
                raise IgnoreRequest(f"redirect loop: {request.url} redirects back to {target}")
        return response


class MetaRefreshMiddleware(ScrapyMetaRefreshMiddleware):
    """Scrapy's meta-refresh redirects, unchanged, but a page is decoded for them only when its
    start can hold one. Scrapy reads the first 4,096 characters of every HTML response for
    ``<meta http-equiv="refresh">``, which decodes the whole page in the crawl process (the
    workers decode it again): on a 200 KB Korean page a millisecond of the crawl process's own
    time. Those characters are at most HEAD_BYTES bytes in any ASCII-compatible encoding; a page
    whose first HEAD_BYTES bytes do not say "refresh" in any case goes on undecoded. A page in
    UTF-16 or UTF-32 (zero bytes in its start) is left to Scrapy's own check."""

    HEAD_BYTES = 4096 * 4

    def process_response(self, request, response, spider=None):
        head = response.body[: self.HEAD_BYTES]
        # lower() and a plain search: a tenth of the time of a case-blind regular expression
        if b"\x00" not in head and b"refresh" not in head.lower():
            return response
        return super().process_response(request, response)


def origin_of(request: Request) -> str | None:
    """Who named this request's URL: "user", the URL of the document that listed it, or, for a
    redirect, the page that redirected."""
    redirects = request.meta.get("redirect_urls")
    return redirects[-1] if redirects else request.meta.get("newsbot_origin")


class UrlPolicyMiddleware:
    """Downloader middleware (first in the chain, before robots.txt is asked for): applies
    newsbot.urlpolicy.UrlPolicy to every request, the host resolved through Scrapy's own
    caching resolver. A request without an origin (robots.txt, made by another middleware) is
    let through to a host and port already allowed in this crawl, and otherwise judged as named
    by an unknown document. Blocked requests fail with BlockedUrl, which the spiders' errback
    records as ``blocked_url``; counted as ``newsbot/blocked``."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.settings = crawler.settings
        self.policy: UrlPolicy | None = None
        self.cleared: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _policy(self, spider) -> UrlPolicy:
        if self.policy is None:
            self.policy = UrlPolicy.from_settings(self.settings, getattr(spider, "allowed_domains", None) or ())
        return self.policy

    async def process_request(self, request, spider=None):
        policy = self._policy(spider or self.crawler.spider)
        origin = origin_of(request)
        where = netloc(request.url)
        web = request.url.lower().startswith(("http:", "https:"))
        if origin is None and web and where in self.cleared:
            return None
        try:
            policy.check_name(request.url, origin)
            host = where.rsplit(":", 1)[0].strip("[]")
            if web and host:
                address = host
                if not is_address(host):
                    from twisted.internet import reactor
                    try:
                        address = await maybe_deferred_to_future(reactor.resolve(host))
                    except Exception:          # not resolvable: the download fails with its own error
                        return None
                policy.check_address(request.url, origin, address)
        except BlockedUrl as exc:
            self.crawler.stats.inc_value("newsbot/blocked")
            logger.warning("Blocked: %s", exc)
            raise
        if web:
            self.cleared.add(where)
        return None
