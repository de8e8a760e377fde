"""`scrapy crawl urls -a urls=URL,URL` or `scrapy crawl urls -a url_file=FILE` (one URL a line).

Fetches each article page (robots.txt obeyed, AutoThrottle on, retries); follows no links.
Pages the data folder's corpus already holds are not fetched again (NEWSBOT_RECHECK_KNOWN).
"""

from __future__ import annotations

import scrapy

from newsbot.spiders.base import ArticleSpider, url_list


class UrlsSpider(ArticleSpider):
    name = "urls"

    def __init__(self, urls: str = "", url_file: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.start_list = url_list(urls, url_file)
        if not self.start_list:
            raise ValueError("give article URLs: -a urls=URL,URL or -a url_file=FILE")

    async def start(self):
        self.check_data_dir()
        for url in self.start_list:
            if not url.startswith(("http://", "https://")):
                self.reject(url, "bad_url", "not an http(s) URL")
                continue
            yield scrapy.Request(url, callback=self.parse_article, errback=self.fetch_failed,
                                 meta={"newsbot_article": True})
