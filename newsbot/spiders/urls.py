"""`scrapy crawl urls -a urls=URL,URL` or `scrapy crawl urls -a url_file=FILE` (one URL a line).

Fetches each article page (robots.txt obeyed, AutoThrottle on, retries); follows no links.
Pages the data folder's corpus already holds are not fetched again (NEWSBOT_RECHECK_KNOWN).
"""

from __future__ import annotations

from newsbot.spiders.base import ArticleSpider, required_urls
from newsbot.urlpolicy import USER


class UrlsSpider(ArticleSpider):
    """Article pages by URL (robots.txt obeyed, throttled); follows no links."""

    name = "urls"
    arguments = {
        "urls": "article URLs, comma-separated",
        "url_file": "a file of article URLs, one a line (# starts a comment)",
        "allowed_domains": "only these domains (and their subdomains), comma-separated",
    }

    @classmethod
    def check_arguments(cls, urls: str = "", url_file: str | None = None, **kwargs) -> None:
        super().check_arguments(**kwargs)
        required_urls(urls, url_file, "article URLs", "urls", "url_file")

    def __init__(self, urls: str = "", url_file: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.start_list = required_urls(urls, url_file, "article URLs", "urls", "url_file")

    async def start(self):
        self.check_data_dir()
        for url in self.start_list:
            if not url.startswith(("http://", "https://")):
                self.reject(url, "bad_url", "not an http(s) URL")
                continue
            yield self.request(url, USER, callback=self.parse_article, meta={"newsbot_article": True})
