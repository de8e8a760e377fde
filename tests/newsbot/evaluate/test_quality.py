"""The crawl against trafilatura alone on public pages nobody tuned for (../shared/eval/web-html),
scored with that set's own metric; and each evaluation folder's scorer on what it is given."""

import gzip
import json

import pytest

from newsbot.evaluate import corpus_output, score
from newsbot.evaluate.pages import pages, seed_path
from newsbot.extract.dates import SOURCES
from tests.conftest import EVAL_DIR, SHARED, read_jsonl

WEB = SHARED / "eval" / "web-html"
MORE = SHARED / "eval" / "kr-more"


def reference(name: str) -> dict:
    """trafilatura 2.3.1's stored output on web-html ({path: text}), as the folder ships it."""
    with gzip.open(WEB / "reference" / f"trafilatura-2.3.1-{name}.json.gz", "rt", encoding="utf-8") as fh:
        return {path: {"text": text} for path, text in json.load(fh).items() if text}


@pytest.fixture(scope="module")
def web_crawl(tmp_path_factory):
    from tests.conftest import run_crawl

    data = tmp_path_factory.mktemp("web-html")
    result = run_crawl("seeds", data, "-a", f"path={seed_path(WEB)}", "-a", f"manifest={WEB / 'manifest.jsonl'}",
                       timeout=600)
    return result, read_jsonl(data / "duplicates.jsonl")


@pytest.mark.shared
def test_the_crawl_scores_at_least_as_well_as_trafilatura_alone_on_pages_nobody_tuned_for(web_crawl):
    result, duplicates = web_crawl
    ours = score(WEB, corpus_output(result.corpus, WEB, duplicates))
    best = max(score(WEB, reference(name))["f"] for name in ("defaults", "precision"))
    assert ours["f"] >= best, (ours["f"], best)
    assert ours["with_output"] >= 980                  # pages dropped as "not an article": a handful


@pytest.mark.shared
def test_english_pages_score_at_least_as_well_as_trafilatura_alone_with_their_own_days(web_crawl):
    result, duplicates = web_crawl
    ours = score(WEB, corpus_output(result.corpus, WEB, duplicates), "en")
    best = max(score(WEB, reference(name), "en")["f"] for name in ("defaults", "precision"))
    assert ours["pages"] >= 150 and ours["f"] >= best, (ours["f"], best)
    # the day each page states (0.59 when every stated offset was turned into Korean time)
    assert ours["date_match"] >= 0.8, ours["date_match"]


@pytest.mark.shared
def test_every_date_of_the_web_pages_says_where_it_came_from(web_crawl):
    result, _ = web_crawl
    dated = [r for r in result.corpus if r["published"]]
    assert len(dated) > 500
    assert {r["published_source"] for r in dated} <= set(SOURCES) - {"given"}


def test_the_folders_scorers_count_what_they_are_given():
    kr_pages = pages(EVAL_DIR)
    assert "not-articles/naver_search_results.html" in kr_pages and seed_path(EVAL_DIR) == EVAL_DIR
    assert seed_path(WEB) == WEB / "pages"
    empty = score(EVAL_DIR, {})
    assert (empty["body_f1"], empty["title"], empty["listings_kept"]) == (0.0, 0, [])
    listing = score(MORE, {"not-articles/23_search.naver.com.html": {"text": "검색 결과"}})
    assert listing["listings_kept"] == ["not-articles/23_search.naver.com.html"] and listing["start"] == 0
    first = json.loads((MORE / "articles" / "01_news.chosun.com.expected.json").read_text(encoding="utf-8"))
    one = score(MORE, {"articles/01_news.chosun.com.html": {
        "text": first["body_first"] + " … " + first["body_last"], "title": first["title"],
        "published": first["published"], "authors": first["authors"]}})
    assert (one["start"], one["end"], one["title"], one["published"], one["authors"]) == (1, 1, 1, 1, 1)
