"""How the index judges a page, and that its judgements survive closing, crashes and rebuilds."""

import json
import sqlite3

import pytest

from newsbot.datadir import DataDir
from newsbot.dedupe.__main__ import rebuild
from newsbot.dedupe.corpus import index_corpus
from newsbot.dedupe.index import DedupeIndex, IndexMismatch
from newsbot.dedupe.signature import MinHasher
from newsbot.processors import content_hash
from tests.conftest import ROOT

TEXT = (ROOT / "seeds" / "000_03d8b73ba3cd1737.txt").read_text(encoding="utf-8")
OTHER = (ROOT / "seeds" / "002_de77e6a0a0fda483.txt").read_text(encoding="utf-8")


def page(index, url, id, text):
    """Judge and record a page, as the pipeline does; the verdict."""
    verdict = index.judge(url, id, content_hash(text), text)
    index.add(verdict, url, id, content_hash(text))
    return verdict


@pytest.fixture(params=["rows in memory", "rows read back from disk"])
def index(tmp_path, request):
    if request.param == "rows in memory":
        idx = DedupeIndex(tmp_path / "index.sqlite")
    else:                   # every page committed, and the rows this process added dropped from memory
        idx = DedupeIndex(tmp_path / "index.sqlite", commit_every=1, keep_rows=0)
    yield idx
    idx.db.close()


def test_the_rules_in_order(index):
    assert page(index, "http://a/1", "a1", TEXT).kind == "new"
    assert page(index, "http://a/1", "a1", TEXT).kind == "unchanged"
    edited = TEXT.replace("2주", "3주")
    v = page(index, "http://a/1", "a1", edited)
    assert (v.kind, v.version) == ("version", 2)
    m = page(index, "http://m.a/1", "a1", edited)                  # another page naming the same canonical URL
    assert (m.kind, m.duplicate_of) == ("exact", "a1")
    e = page(index, "http://b/9", "b9", TEXT)                       # same text, another article
    assert (e.kind, e.duplicate_of, e.similarity) == ("exact", "a1", 1.0)
    lines = TEXT.splitlines()
    copy = "(대구=다른일보) 기자 =\n" + "\n".join(lines[: len(lines) // 2] + lines[len(lines) // 2 + 2:])
    n = page(index, "http://c/5", "c5", copy)
    assert n.kind == "near" and n.duplicate_of == "a1" and 0.33 <= n.similarity < 1
    assert page(index, "http://d/7", "d7", OTHER).kind == "new"


def test_judgements_survive_closing_and_reopening(tmp_path):
    index = DedupeIndex(tmp_path / "index.sqlite")
    page(index, "http://a/1", "a1", TEXT)
    index.close()
    again = DedupeIndex(tmp_path / "index.sqlite")
    assert again.judge("http://a/1", "a1", content_hash(TEXT), TEXT).kind == "unchanged"
    assert again.judge("http://x/2", "x2", content_hash(TEXT + "!"), TEXT + " 끝.").kind == "near"
    assert again.seen_at("http://a/1") is not None and again.seen_at("http://a/2") is None


def test_an_index_an_older_version_made_gets_its_key_table_and_judges_the_same(tmp_path):
    index = DedupeIndex(tmp_path / "index.sqlite")
    page(index, "http://a/1", "a1", TEXT)
    index.close()
    db = sqlite3.connect(tmp_path / "index.sqlite")      # as the version that kept its keys in memory left it
    db.executescript("DROP TABLE key; DELETE FROM meta WHERE key='keys';")
    db.close()
    again = DedupeIndex(tmp_path / "index.sqlite")
    assert again.db.execute("SELECT count(*) FROM key").fetchone()[0] == 2 + again.hasher.bands
    assert again.judge("http://a/1", "a1", content_hash(TEXT), TEXT).kind == "unchanged"
    assert again.judge("http://x/2", "x2", content_hash(TEXT + "!"), TEXT + " 끝.").kind == "near"


def test_other_minhash_settings_are_refused_with_the_way_out(tmp_path):
    DedupeIndex(tmp_path / "index.sqlite").close()
    with pytest.raises(IndexMismatch, match="python -m newsbot.dedupe rebuild"):
        DedupeIndex(tmp_path / "index.sqlite", MinHasher(shingle_size=4))


def write_corpus(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def record(id, url, text, version=1):
    return {"id": id, "url": url, "canonical_url": url, "text": text, "content_hash": content_hash(text),
            "version": version}


def test_corpus_lines_the_index_missed_are_caught_up(tmp_path):
    """A crawl killed after writing corpus lines but before the index committed them."""
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, [record("a1", "http://a/1", TEXT), record("d7", "http://d/7", OTHER)])
    with open(corpus, "a", encoding="utf-8") as fh:
        fh.write('{"id": "cut short')                               # a partial last line
    index = DedupeIndex(tmp_path / "index.sqlite")
    assert index_corpus(index, corpus) == 2
    assert index_corpus(index, corpus, offset=0) == 0               # nothing twice
    assert index.judge("http://a/1", "a1", content_hash(TEXT), TEXT).kind == "unchanged"


def test_rebuild_from_corpus_and_duplicates(tmp_path):
    datadir = DataDir(tmp_path)
    write_corpus(datadir.corpus, [record("a1", "http://a/1", TEXT), record("a1", "http://a/1", TEXT + " 추가.", 2)])
    datadir.duplicates.write_text(json.dumps({"url": "http://m/1", "id": "a1", "duplicate_of": "a1",
                                              "kind": "exact", "similarity": 1.0, "seen_at": "x"}) + "\n")
    assert rebuild(datadir) == (2, 1)
    index = DedupeIndex(datadir.index_path)
    assert index.judge("http://a/1", "a1", content_hash(TEXT + " 추가."), TEXT + " 추가.").kind == "unchanged"
    assert index.seen_at("http://m/1") is not None
