"""Validate stage: what is not an article is dropped with a counted reason."""

import pytest
from scrapy.utils.test import get_crawler

from newsbot.items import Article
from pipelines.validate import NotAnArticle, ValidatePipeline

PROSE = "이재용 삼성전자 회장이 약 2주간 미국 동·서부를 가로지르는 출장길에 올라 협력 강화에 주력한다."


@pytest.fixture
def pipeline():
    crawler = get_crawler(settings_dict={"NEWSBOT_MIN_TEXT_CHARS": 100})
    return ValidatePipeline.from_crawler(crawler)


def article(text, **signals):
    return Article(url="https://example.com/1", title="제목", text=text,
                   signals={"link_density": 0.0, "article_markup": True, **signals})


def test_an_article_passes_and_loses_its_extraction_signals(pipeline):
    item = pipeline.process_item(article("\n".join([PROSE] * 3)))
    assert "signals" not in item
    assert pipeline.stats.get_value("newsbot/articles") == 1


@pytest.mark.parametrize("text, signals, reason", [
    ("", {}, "empty_body"),
    ("\n".join([PROSE] * 3), {"link_density": 0.5}, "listing_page"),
    ("메뉴\n로그인\n" + PROSE, {"article_markup": False}, "listing_page"),
    ("짧은 글이다.", {}, "too_short"),
])
def test_what_is_not_an_article_is_dropped_and_counted(pipeline, text, signals, reason):
    with pytest.raises(NotAnArticle) as dropped:
        pipeline.process_item(article(text, **signals))
    assert dropped.value.reason == reason
    assert pipeline.stats.get_value(f"newsbot/dropped/{reason}") == 1
