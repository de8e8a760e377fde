"""English news pages (tests/fixtures/en, written for the tests) come out as cleanly as Korean ones:
title, date in the page's own terms, authors from bylines, the body without datelines, share bars,
captions, related lists, newsletter boxes, end marks and footers."""

from pathlib import Path

import pytest

from newsbot.loaders import ArticleBuilder
from newsbot.rules import load_rules
from pipelines.normalize import NormalizePipeline

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "en"
RULES = load_rules()


def record(name: str) -> dict:
    """The record a crawl writes for a fixture page (extraction, the loader, the normalize stage)."""
    _, fields = ArticleBuilder(RULES).build((FIXTURES / name).read_bytes(), f"https://news.example.com/{name}")
    return {**fields, **NormalizePipeline(RULES).normalized(fields)}


def test_a_wire_report_loses_its_dateline_byline_caption_and_end_mark():
    r = record("wire_trip_return.html")
    assert r["language"] == "en"
    assert r["title"] == "Samsung chief Lee returns home after two-week U.S. trip"
    assert r["published"] == "2024-06-14T10:30:00+09:00" and r["published_source"] == "date-line"
    assert r["authors"] == ["Kim Min-ji"]
    assert r["text"].startswith("Samsung Electronics Chairman Lee Jae-yong returned home Friday")
    assert r["text"].endswith("includes $6.4 billion in U.S. government subsidies.")
    assert r["captions"] == ["Samsung Electronics Chairman Lee Jae-yong arrives at Gimpo International Airport in "
                             "western Seoul on June 14, 2024. (Yonhap)"]
    for chrome in ("(Yonhap) --", "Published", "Facebook", "(END)", "Related articles", "All rights reserved"):
        assert chrome not in r["text"], chrome


def test_a_newspaper_report_loses_its_share_bar_newsletter_box_and_footer():
    r = record("paper_trip_meetings.html")
    assert r["title"] == "Samsung's Lee wraps up 2-week US tour with Zuckerberg, Jassy talks"
    assert r["published"] == "2024-06-14T15:20:00+09:00" and r["authors"] == ["Park Ji-won"]
    assert r["text"].startswith("Samsung Electronics Chairman Lee Jae-yong came back to Seoul on Friday")
    assert r["text"].endswith("high-bandwidth memory chips from U.S. customers.")
    assert "The two last met in February" in r["text"]           # the paragraph after the newsletter box
    for chrome in ("By Park", "Share", "Tweet", "newsletter", "Read more", "Copyright"):
        assert chrome not in r["text"], chrome


@pytest.mark.parametrize("stated, published", [
    ("2024-06-14T10:30:00-04:00", "2024-06-14T10:30:00-04:00"),     # a New York page: its own day
    ("2024-06-14T01:30:00Z", "2024-06-14T01:30:00+00:00"),
])
def test_an_english_page_keeps_the_offset_it_states(stated, published):
    page = (f'<html lang="en"><head><title>Samsung chief returns home</title><meta property="article:published_time" '
            f'content="{stated}"></head><body><article><h1>Samsung chief returns home</h1><p>'
            + "Samsung Electronics Chairman Lee Jae-yong returned home on Friday after a trip. " * 4
            + "</p></article></body></html>").encode()
    _, fields = ArticleBuilder(RULES).build(page, "https://news.example.com/a")
    assert fields["published"] == published


def test_a_korean_page_states_its_times_in_korean_time():
    page = ('<html lang="ko"><head><title>이재용 회장 귀국</title><meta property="article:published_time" '
            'content="2024-06-14T01:30:00Z"></head><body><article><h1>이재용 회장 귀국</h1><p>'
            + "이재용 삼성전자 회장이 약 2주간의 미국 출장을 마치고 14일 귀국했다. " * 4
            + "</p></article></body></html>").encode()
    _, fields = ArticleBuilder(RULES).build(page, "https://news.example.co.kr/a")
    assert fields["published"] == "2024-06-14T10:30:00+09:00"
