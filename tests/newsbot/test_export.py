"""`python -m newsbot.export`: the whole corpus or a selection, in one file for other tools."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

from tests.conftest import ROOT, read_jsonl, run_crawl


def export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsbot.export", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def test_export_the_corpus_or_a_selection(tmp_path):
    data = tmp_path / "data"
    corpus = run_crawl("seeds", data).corpus
    everything = export(str(data), str(tmp_path / "all.jsonl"))
    assert everything.returncode == 0, everything.stderr
    assert json.loads(everything.stdout)["articles"] == 2
    assert read_jsonl(tmp_path / "all.jsonl") == corpus

    dated = export(str(data), str(tmp_path / "june.jsonl"), "--since", "2024-06-01", "--until", "2024-06-30")
    assert dated.returncode == 0
    assert [r["publisher"] for r in read_jsonl(tmp_path / "june.jsonl")] == ["한국금융신문"]   # the other has no date

    outlet = export(str(data), str(tmp_path / "one.csv"), "--outlet", "싱글리스트")
    assert outlet.returncode == 0
    with open(tmp_path / "one.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["publisher"] for r in rows] == ["싱글리스트"] and json.loads(rows[0]["facts"])

    story = corpus[0]["story_id"]
    by_story = export(str(data), str(tmp_path / "story.jsonl"), "--story", story)
    assert len(read_jsonl(tmp_path / "story.jsonl")) == sum(r["story_id"] == story for r in corpus)
    assert by_story.returncode == 0


def test_export_refuses_to_overwrite_the_corpus(tmp_path):
    data = tmp_path / "data"
    run_crawl("seeds", data)
    proc = export(str(data), str(data / "corpus.jsonl"))
    assert proc.returncode == 2 and "is a corpus file" in proc.stderr
    assert len(read_jsonl(data / "corpus.jsonl")) == 2
