"""Publication dates: only what the page states, and where it said it."""

import re

import pytest

from newsbot.extract import dates, extract
from newsbot.extract.decode import decode
from newsbot.rules import load_rules
from tests.conftest import EVAL_DIR, SHARED, bench_articles, write_pages

RULES = load_rules()


def page(head: str = "", body: str = "", lang: str = "ko") -> bytes:
    text = "<p>" + "</p><p>".join(["정부가 5일 새 대책을 내놓았다. 2020년 이후 처음으로 세금을 줄이는 안이다."] * 6) + "</p>"
    return (f"<!doctype html><html lang={lang}><head><meta charset=utf-8><title>정부 새 대책</title>{head}</head>"
            f"<body><article><h1>정부 새 대책</h1>{body}{text}</article></body></html>").encode()


@pytest.mark.parametrize("head, body, url, published, source", [
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-06-14T10:44:00+09:00"}</script>',
     "", "https://example.com/a", "2024-06-14T10:44:00+09:00", "json-ld"),
    ('<meta property="article:published_time" content="2024-06-14T10:44:00+09:00">', "", "https://example.com/a",
     "2024-06-14T10:44:00+09:00", "meta"),
    ("", "<div class=info><span>입력</span> <span>2016.09.17 18:59</span></div>", "https://example.com/a",
     "2016.09.17 18:59", "date-line"),
    ("", '<p class=byline>이용민 기자 | 2020-03-04 16:52:59</p>', "https://example.com/a", "2020-03-04 16:52:59", "date-line"),
    ("", '<time datetime="2021-05-06">5월 6일</time>', "https://example.com/a", "2021-05-06", "markup"),
    ("", "", "https://example.com/site/data/html_dir/2016/09/17/2016091700921.html", "2016-09-17", "url"),
])
def test_each_date_comes_from_the_page_and_says_from_where(head, body, url, published, source):
    out = extract(page(head, body), url)
    assert (out.published, out.published_source) == (published, source)


def test_a_day_only_date_gives_way_to_a_precise_one_of_the_same_day():
    out = extract(page('<meta name="date" content="2016-09-17">', "<div>입력 : 2016.09.17 18:59</div>"), "https://e.com/a")
    assert (out.published, out.published_source) == ("2016.09.17 18:59", "date-line")
    other_day = extract(page('<meta name="date" content="2016-09-16">', "<div>입력 : 2016.09.17 18:59</div>"), "https://e.com/a")
    assert (other_day.published, other_day.published_source) == ("2016-09-16", "meta")


def test_a_year_the_text_mentions_is_never_a_date():
    out = extract(page(), "https://example.com/a")
    assert out.published is None and out.published_source is None


def test_url_dates_need_a_real_day():
    assert dates.url_date("https://e.com/2016/09/17/x.html") == "2016-09-17"
    assert dates.url_date("https://e.com/news/20160917001.html") == "2016-09-17"
    assert dates.url_date("https://e.com/news/2016/13/45/x") is None
    assert dates.url_date("https://e.com/a?d=2016/09/17") is None


def test_an_article_id_that_begins_with_its_day_dates_the_page():
    """연합뉴스, 뉴시스 and YTN write the day at the head of the article's id."""
    assert dates.url_date("https://www.yna.co.kr/view/AKR20260129187800004?input=1195m") == "2026-01-29"
    assert dates.url_date("https://www.newsis.com/view/NISX20260130_0003496515") == "2026-01-30"
    assert dates.url_date("https://www.ytn.co.kr/_ln/0101_202601310402114111") == "2026-01-31"
    assert dates.url_date("https://www.news1.kr/politics/assembly/6049734") is None
    assert dates.url_date("https://www.yna.co.kr/view/AKR99990129187800004") is None


@pytest.mark.shared
def test_bench_articles_written_without_their_date_get_none(crawl, tmp_path):
    """The bench's articles as pages that do not show their date: no date is invented from a year
    the text mentions (htmldate's text search guessed January 1 for 230 of 533 such pages)."""
    articles = [{"title": a["title"], "text": a["text"]} for a in bench_articles(300)]
    write_pages(tmp_path / "pages", articles)
    records = crawl("seeds", "-a", f"path={tmp_path / 'pages'}").corpus
    assert len(records) >= 250
    for record in records:
        if record["published"] is not None:      # only a labelled date line the text itself shows
            assert record["published_source"] == "date-line", record["url"]
            assert re.sub(r"\s+", " ", record["published_raw"]) in re.sub(r"\s+", " ", record["text"] + " " + record["title"]) \
                or record["published_raw"] in (tmp_path / "pages" / record["url"].rsplit("/", 1)[1]).read_text()


@pytest.mark.shared
@pytest.mark.parametrize("folder", [EVAL_DIR, SHARED / "eval" / "kr-more"], ids=["kr-html", "kr-more"])
def test_every_date_in_the_eval_folders_says_where_it_came_from(crawl, folder):
    records = crawl("seeds", "-a", f"path={folder}").corpus
    dated = [r for r in records if r["published"]]
    assert len(dated) >= 10
    for record in dated:
        assert record["published_source"] in dates.SOURCES, record["url"]
        raw = re.sub(r"\s+", " ", record["published_raw"])
        seen = [p for p in folder.rglob("*.html") if raw in re.sub(r"\s+", " ", decode(p.read_bytes(), None)[0])
                or (record["published_source"] == "url" and raw.replace("-", "/") in record["url"])]
        assert seen or record["published_source"] in ("url", "given"), f"{record['url']}: {raw} is not on the page"
