"""The corpus loads as users load it: `published` is a timestamp for pandas and DuckDB (the
precision the page gave in a field of its own), and ids do not depend on where a folder lies."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT, SHARED, read_jsonl, run_crawl

EVAL_FOLDERS = ["kr-html", "kr-more", "web-html"]


@pytest.fixture(scope="module")
def eval_corpus(tmp_path_factory):
    """Every evaluation folder crawled into one data folder."""
    data = tmp_path_factory.mktemp("eval") / "data"
    for name in EVAL_FOLDERS:
        run_crawl("seeds", data, "-a", f"path={SHARED / 'eval' / name}", "-s", "LOG_LEVEL=WARNING", timeout=600)
    return data / "corpus.jsonl"


@pytest.mark.shared
def test_published_loads_as_a_timestamp_in_pandas_and_duckdb(eval_corpus):
    import duckdb
    import pandas as pd

    records = read_jsonl(eval_corpus)
    assert len(records) > 500
    dated = [r for r in records if r["published"]]
    assert len(dated) > 100
    assert {r["published_precision"] for r in dated} <= {"day", "minute", "second"}
    assert all(r["published_raw"] for r in dated)
    assert all(r["published_precision"] is None for r in records if not r["published"])

    frame = pd.read_json(eval_corpus, lines=True, dtype={"published": "string"})
    stamps = pd.to_datetime(frame["published"], utc=True)           # raises on a mixed column
    assert stamps.notna().sum() == len(dated)

    con = duckdb.connect()
    kind = con.execute(f"SELECT typeof(published::TIMESTAMPTZ) FROM read_json_auto('{eval_corpus}') "
                       "WHERE published IS NOT NULL LIMIT 1").fetchone()[0]
    assert kind == "TIMESTAMP WITH TIME ZONE"
    count = con.execute(f"SELECT count(published::TIMESTAMPTZ) FROM read_json_auto('{eval_corpus}')").fetchone()[0]
    assert count == len(dated)


def test_the_same_seed_folder_in_two_places_gives_the_same_ids(tmp_path):
    ids = []
    for place in ("here", "there/deeper"):
        folder = tmp_path / place / "seeds"
        shutil.copytree(ROOT / "seeds", folder)
        result = run_crawl("seeds", tmp_path / place / "data", "-a", f"path={folder}")
        ids.append(sorted(r["id"] for r in result.corpus))
    assert ids[0] == ids[1] and len(ids[0]) == 2
