"""`scrapy crawl feeds -a feeds=URL,URL` or `scrapy crawl feeds -a feed_file=FILE` (one a line).

Reads RSS and Atom feeds and sitemaps (sitemap indexes followed, .gz sitemaps unpacked) and
fetches the article pages they list. Made for recurring crawls: pages the data folder's corpus
already holds are skipped (KnownPagesMiddleware) unless their feed or sitemap date is newer
than the last fetch, so a second run fetches only what is new or changed.
"""

from __future__ import annotations

import scrapy
from scrapy.utils.gz import gunzip

from newsbot.feeds import read_feed
from newsbot.spiders.base import ArticleSpider, url_list


class FeedsSpider(ArticleSpider):
    name = "feeds"

    def __init__(self, feeds: str = "", feed_file: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.feed_urls = url_list(feeds, feed_file)
        if not self.feed_urls:
            raise ValueError("give feed or sitemap URLs: -a feeds=URL,URL or -a feed_file=FILE")

    async def start(self):
        self.check_data_dir()
        for url in self.feed_urls:
            yield self.feed_request(url)

    def feed_request(self, url: str):
        """Feeds and sitemaps are read on every run, even where request fingerprints persist
        (distributed mode): dont_filter, with this run's own guard against a sitemap loop."""
        seen = self.__dict__.setdefault("_feeds_seen", set())
        if url in seen:
            return None
        seen.add(url)
        return scrapy.Request(url, callback=self.parse_feed, errback=self.fetch_failed, dont_filter=True)

    def parse_feed(self, response):
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=self.max_unpacked)
            except Exception as exc:       # truncated or too large: this feed only
                self.reject(response.url, "bad_feed", f"cannot unpack: {exc}")
                return
        feed = read_feed(body, response.url, self.timezone)
        self.crawler.stats.inc_value(f"newsbot/feeds/{feed.kind}")
        if feed.kind == "unknown":
            self.reject(response.url, "bad_feed", "neither RSS, Atom nor a sitemap")
            return
        self.logger.info("Feed %s (%s): %d entries, %d sitemaps", response.url, feed.kind,
                         len(feed.entries), len(feed.sitemaps))
        for url in feed.sitemaps:
            request = self.feed_request(url)
            if request is not None:
                yield request
        for entry in feed.entries:
            yield scrapy.Request(entry.url, callback=self.parse_article, errback=self.fetch_failed,
                                 meta={"newsbot_article": True, "lastmod": entry.lastmod,
                                       "source_published": entry.published})
