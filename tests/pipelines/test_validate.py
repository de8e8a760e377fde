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
                   signals={"navigation_share": 0.0, "article_markup": True, **signals})


def test_an_article_passes_and_loses_its_extraction_signals(pipeline):
    item = pipeline.process_item(article("\n".join([PROSE] * 3)))
    assert "signals" not in item
    assert pipeline.stats.get_value("newsbot/articles") == 1


TEASERS = "\n".join(f"정부가 {n}일 새 대책을 내놓았다. 세금을 줄이는 안이 담겨 있으며 여야는 곧 심사에… 2016-09-{n:02d} 14:26"
                     for n in range(1, 13))
TABLE = "\n".join(f"| 항목 {n} | 올해 {n}분기 매출은 전년보다 {n}% 늘어난 것으로 집계됐다. |" for n in range(1, 12))


@pytest.mark.parametrize("text, signals, reason", [
    ("", {}, "empty_body"),
    ("\n".join([PROSE] * 3), {"navigation_share": 0.6, "article_markup": False}, "listing_page"),
    ("\n".join([PROSE] * 3), {"navigation_share": 0.95}, "listing_page"),
    (TEASERS, {"article_markup": False}, "listing_page"),
    ("\n".join([PROSE] * 3), {"article_markup": False, "search_query": "페이히어"}, "listing_page"),
    ("짧은 글이다.", {}, "too_short"),
    ("메뉴\n로그인\n회원가입\n검색\n전체 메뉴\n오늘의 뉴스\n많이 본 뉴스\n구독 신청하기\n이벤트 안내 바로가기", {}, "too_short"),
])
def test_what_is_not_an_article_is_dropped_and_counted(pipeline, text, signals, reason):
    with pytest.raises(NotAnArticle) as dropped:
        pipeline.process_item(article(text, **signals))
    assert dropped.value.reason == reason
    assert pipeline.stats.get_value(f"newsbot/dropped/{reason}") == 1


@pytest.mark.parametrize("text, signals", [
    (TABLE, {"article_markup": False}),                                        # a table layout
    ("\n".join([PROSE] * 3), {"article_markup": False, "navigation_share": 0.3}),  # links inside prose
    (TEASERS, {"article_markup": True}),                                        # a dated digest with markup
    ("\n".join([PROSE] * 3), {"navigation_share": 0.7}),                        # a link roundup with markup
])
def test_articles_of_every_shape_are_kept(pipeline, text, signals):
    pipeline.process_item(article(text, **signals))
    assert pipeline.stats.get_value("newsbot/articles") == 1


def test_a_short_article_all_in_sentences_is_kept_and_a_short_scrap_is_not():
    pipeline = ValidatePipeline.from_crawler(get_crawler())          # NEWSBOT_MIN_TEXT_CHARS = 200
    pipeline.process_item(article(PROSE + "\n" + PROSE.replace("주력한다", "나선다")))
    with pytest.raises(NotAnArticle, match="too_short"):
        pipeline.process_item(article(PROSE + "\n관련 기사 보기\n사진 더보기\n이전 기사\n다음 기사\n목록으로"))
