"""`scrapy crawl`, newsbot's: the spiders' arguments in its help, and -o/-O beside the corpus."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, read_jsonl, read_stories, run_crawl


def test_the_help_lists_every_spider_s_arguments():
    out = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "seeds", "-h"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60).stdout
    for argument in ("-a path=", "-a manifest=", "-a urls=", "-a url_file=", "-a feeds=", "-a feed_file=",
                     "-a allowed_domains="):
        assert argument in out
    assert "Exit status: 0 finished" in out


def test_a_user_feed_is_written_beside_the_corpus(tmp_path):
    """-O other.jsonl writes other.jsonl and the corpus, and the index agrees with the corpus:
    the next plain crawl appends nothing and the stories hold both seeds."""
    data = tmp_path / "data"
    other = tmp_path / "other.jsonl"
    first = run_crawl("seeds", data, "-O", str(other))
    assert len(read_jsonl(other)) == 2 and len(first.corpus) == 2
    again = run_crawl("seeds", data)
    assert len(again.corpus) == 2 and again.stat("newsbot/dedupe/unchanged") == 2
    stories = read_stories(data)
    assert sorted(a for s in stories for a in s["articles"]) == sorted(r["id"] for r in first.corpus)


def test_a_user_feed_that_is_the_corpus_is_refused(tmp_path):
    data = tmp_path / "data"
    result = run_crawl("seeds", data, "-O", str(data / "corpus.jsonl"), expect=2)
    assert "is the corpus itself" in result.log and not (data / "corpus.jsonl").exists()
