"""Downloader middlewares that are Scrapy's own with a cost taken off: they decide as Scrapy's do."""

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefreshMiddleware
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newsbot.middlewares import MetaRefreshMiddleware

REFRESH = '<html><head><META HTTP-EQUIV="Refresh" CONTENT="0; url=/moved"></head><body>옮겼습니다</body></html>'
PLAIN = "<html><head><title>기사</title></head><body>" + "<p>본문입니다.</p>" * 2000 + "</body></html>"
RELOAD = PLAIN.replace("<title>", '<meta http-equiv="refresh" content="600"><title>')     # not a redirect


def decisions(page: str, encoding: str):
    """What ours and Scrapy's middleware make of the page: the URL redirected to, or None."""
    out = []
    for cls in (MetaRefreshMiddleware, ScrapyMetaRefreshMiddleware):
        request = Request("https://news.example/a")
        response = HtmlResponse(request.url, body=page.encode(encoding), encoding=encoding, request=request)
        result = cls.from_crawler(get_crawler()).process_response(request, response)
        out.append(None if result is response else result.url)
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "cp949", "utf-16"])
@pytest.mark.parametrize("page", [REFRESH, PLAIN, RELOAD])
def test_a_page_is_redirected_exactly_when_scrapy_would(page, encoding):
    ours, scrapys = decisions(page, encoding)
    assert ours == scrapys
    assert (ours or "").startswith("https://news.example/moved") == (page is REFRESH)


def test_a_page_without_a_refresh_goes_on_undecoded():
    request = Request("https://news.example/b")
    response = HtmlResponse(request.url, body=PLAIN.encode(), request=request)
    assert MetaRefreshMiddleware.from_crawler(get_crawler()).process_response(request, response) is response
    assert response._cached_ubody is None             # Scrapy's decoded text was never made
