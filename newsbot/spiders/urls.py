"""`scrapy crawl urls -a urls=URL,URL` or `scrapy crawl urls -a url_file=FILE` (one URL a line).

Fetches each article page (robots.txt obeyed, AutoThrottle on, retries); follows no links.
Pages the data folder's corpus already holds are not fetched again (NEWSBOT_RECHECK_KNOWN).
"""

from __future__ import annotations

from pathlib import Path

import scrapy
from twisted.python.failure import Failure

from newsbot.spiders.base import ArticleSpider


def read_url_file(path: str) -> list[str]:
    lines = Path(path).expanduser().read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


class UrlsSpider(ArticleSpider):
    name = "urls"

    def __init__(self, urls: str = "", url_file: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.start_list = [u.strip() for u in urls.split(",") if u.strip()]
        if url_file:
            self.start_list += read_url_file(url_file)
        if not self.start_list:
            raise ValueError("give article URLs: -a urls=URL,URL or -a url_file=FILE")

    async def start(self):
        self.check_data_dir()
        for url in self.start_list:
            if not url.startswith(("http://", "https://")):
                self.reject(url, "bad_url", "not an http(s) URL")
                continue
            yield scrapy.Request(url, callback=self.parse_article, errback=self.failed,
                                 meta={"newsbot_article": True})

    def failed(self, failure: Failure):
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        self.reject(url, f"fetch_{type(failure.value).__name__}", str(failure.value))
