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
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from newsbot.datadir import DataDir

logger = logging.getLogger(__name__)


class KnownPagesMiddleware(BaseSpiderMiddleware):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.recheck = crawler.settings.getbool("NEWSBOT_RECHECK_KNOWN", False)
        self.datadir = DataDir.from_crawler(crawler)

    def get_processed_request(self, request: Request, response=None) -> Request | None:
        if self.recheck or not request.meta.get("newsbot_article") or self.datadir.busy:
            return request
        seen_at = self.datadir.index.seen_at(request.meta.get("source_url") or request.url)
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
