"""`scrapy crawl feeds -a feeds=URL,URL` or `scrapy crawl feeds -a feed_file=FILE` (one a line).

Reads RSS and Atom feeds and sitemaps (sitemap indexes followed, .gz sitemaps unpacked) and
fetches the article pages they list. Made for recurring crawls: pages the data folder's corpus
already holds are skipped (KnownPagesMiddleware) unless their feed or sitemap date is newer
than the last fetch, so a second run fetches only what is new or changed.
"""

from __future__ import annotations

from scrapy.utils.gz import gunzip

from newsbot.feeds import read_feed
from newsbot.spiders.base import ArticleSpider, required_urls
from newsbot.urlpolicy import USER


class FeedsSpider(ArticleSpider):
    """RSS and Atom feeds and sitemaps, and the article pages they list."""

    name = "feeds"
    arguments = {
        "feeds": "feed or sitemap URLs, comma-separated",
        "feed_file": "a file of feed or sitemap URLs, one a line (# starts a comment)",
        "allowed_domains": "only these domains (and their subdomains), comma-separated",
    }

    @classmethod
    def check_arguments(cls, feeds: str = "", feed_file: str | None = None, **kwargs) -> None:
        super().check_arguments(**kwargs)
        required_urls(feeds, feed_file, "feed or sitemap URLs", "feeds", "feed_file")

    def __init__(self, feeds: str = "", feed_file: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.feed_urls = required_urls(feeds, feed_file, "feed or sitemap URLs", "feeds", "feed_file")

    async def start(self):
        self.check_data_dir()
        self.max_depth = self.crawler.settings.getint("NEWSBOT_FEED_MAX_DEPTH", 3)
        for url in self.feed_urls:
            yield self.feed_request(url, USER, 0)

    def feed_request(self, url: str, origin: str, depth: int):
        """Feeds and sitemaps are read on every run, even where request fingerprints persist
        (distributed mode): dont_filter, with this run's own guard against a sitemap loop, and
        a bound on how deep sitemap indexes may nest (NEWSBOT_FEED_MAX_DEPTH)."""
        seen = self.__dict__.setdefault("_feeds_seen", set())
        if url in seen:
            return None
        seen.add(url)
        if depth > self.max_depth:
            self.reject(url, "feed_too_deep", f"a sitemap index {depth} levels deep (NEWSBOT_FEED_MAX_DEPTH is "
                                              f"{self.max_depth}), named by {origin}")
            return None
        return self.request(url, origin, callback=self.parse_feed, errback=self.feed_failed,
                            meta={"newsbot_feed_depth": depth}, dont_filter=True)

    def feed_failed(self, failure) -> None:
        self.crawler.stats.inc_value("newsbot/feeds/failed")
        self.fetch_failed(failure)

    def parse_feed(self, response):
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=self.max_unpacked)
            except Exception as exc:       # truncated or too large: this feed only
                self.crawler.stats.inc_value("newsbot/feeds/failed")
                self.reject(response.url, "bad_feed", f"cannot unpack: {exc}")
                return
        feed = read_feed(body, response.url, self.timezone)
        self.crawler.stats.inc_value(f"newsbot/feeds/{feed.kind}")
        if feed.kind == "unknown":
            self.crawler.stats.inc_value("newsbot/feeds/failed")
            self.reject(response.url, "bad_feed", "neither RSS, Atom nor a sitemap")
            return
        self.crawler.stats.inc_value("newsbot/feeds/read")
        depth = response.meta.get("newsbot_feed_depth", 0)
        self.logger.info("Feed %s (%s): %d entries, %d sitemaps", response.url, feed.kind,
                         len(feed.entries), len(feed.sitemaps))
        for url in feed.sitemaps:
            request = self.feed_request(url, response.url, depth + 1)
            if request is not None:
                yield request
        for entry in feed.entries:
            yield self.request(entry.url, response.url, callback=self.parse_article,
                               meta={"newsbot_article": True, "lastmod": entry.lastmod,
                                     "source_published": entry.published})
