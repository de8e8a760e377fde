"""`scrapy crawl seeds`, run for real in a subprocess."""

import gzip
import json
import shutil

import pytest

from newsbot.evaluate import corpus_output, score
from tests.conftest import EVAL_DIR, ROOT

# Every record read through CrawlResult.corpus is checked against the shipped JSON Schema.


def test_the_seed_folder_gives_one_valid_utf8_record_per_page(crawl, tmp_path):
    result = crawl("seeds")
    raw = (tmp_path / "data" / "corpus.jsonl").read_text(encoding="utf-8")
    assert "\\u" not in raw, "UTF-8 text, never \\uXXXX escapes"
    records = result.corpus
    assert len(records) == 2
    by_title = {r["title"]: r for r in records}
    fn = by_title["이재용 미국 출장 끝마쳐...저커버그 등 美 빅테크 CEO와 대화"]
    assert fn["published"] == "2024-06-14T10:44:00+09:00" and fn["authors"] == ["홍윤기"]
    assert fn["publisher"] == "한국금융신문" and fn["language"] == "ko" and fn["version"] == 1
    assert result.stat("newsbot/articles") == 2


# -O other.jsonl writes other.jsonl beside the corpus: tests/newsbot/commands/test_crawl.py


def test_nested_folders_gz_and_manifest_urls(crawl, tmp_path):
    seeds = tmp_path / "seeds"
    (seeds / "deep" / "er").mkdir(parents=True)
    page = (ROOT / "seeds" / "000_03d8b73ba3cd1737.txt").read_bytes()
    (seeds / "deep" / "er" / "a.txt.gz").write_bytes(gzip.compress(page))
    shutil.copy(ROOT / "seeds" / "002_de77e6a0a0fda483.txt", seeds / "b.txt")
    (seeds / "notes.md").write_text("not a seed", encoding="utf-8")
    (seeds / "manifest.jsonl").write_text(
        json.dumps({"path": "deep/er/a.txt.gz", "url": "https://www.fntimes.com/html/view.php?ud=1&utm_source=x"}) + "\n"
        + json.dumps({"path": "b.txt", "url": "https://example.com/b", "published": "2024-06-05 09:00"}) + "\n",
        encoding="utf-8")
    records = {r["url"]: r for r in crawl("seeds", "-a", f"path={seeds}").corpus}
    assert set(records) == {"https://www.fntimes.com/html/view.php?ud=1&utm_source=x", "https://example.com/b"}
    fn = records["https://www.fntimes.com/html/view.php?ud=1&utm_source=x"]
    assert fn["canonical_url"] == "https://www.fntimes.com/html/view.php?ud=1" and fn["source"] == "fntimes.com"
    assert records["https://example.com/b"]["published"] == "2024-06-05T09:00:00+09:00"


@pytest.mark.shared
def test_eval_pages_meet_the_quality_bar_and_listings_are_dropped(crawl):
    result = crawl("seeds", "-a", f"path={EVAL_DIR}")
    records = result.corpus
    scores = score(EVAL_DIR, corpus_output(records, EVAL_DIR))
    assert scores["pages"] == 11
    assert scores["body_f1"] >= 0.95 and scores["min_f1"] >= 0.85, scores
    assert scores["title"] >= 10 and scores["published"] >= 10 and scores["authors"] >= 9
    assert scores["listings_kept"] == []
    assert len(records) == 13
    assert result.stat("newsbot/dropped/listing_page") == 2
    assert "Dropped: not an article (listing_page): https://news.naver.com/section/100" in result.log
