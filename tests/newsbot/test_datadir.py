"""The data folder survives crashes: a crawl killed with SIGKILL at any moment, then run again,
leaves every article in corpus.jsonl exactly once, every line of every output whole, and every
story as its members make it."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time

from newsbot.datadir import DataDir
from tests.conftest import ROOT, read_stories, run_crawl, stories_files


def parse_all(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]     # raises on a cut or glued line


def test_a_crawl_killed_at_random_moments_then_run_again_has_every_article_once(bench_seed_folder, tmp_path):
    seed_folder = bench_seed_folder
    reference = run_crawl("seeds", tmp_path / "reference", "-a", f"path={seed_folder}")
    expected = sorted(r["id"] for r in reference.corpus)
    assert len(expected) > 80

    data = tmp_path / "data"
    cmd = [sys.executable, "-m", "scrapy", "crawl", "seeds", "-a", f"path={seed_folder}",
           "-s", f"NEWSBOT_DATA_DIR={data}", "-s", "NEWSBOT_INDEX_COMMIT_EVERY=7", "-s", "LOG_LEVEL=WARNING"]
    rng = random.Random(7)
    corpus = data / "corpus.jsonl"

    def lines() -> int:
        return corpus.read_bytes().count(b"\n") if corpus.exists() else 0

    killed_mid_run = 0
    for share in (0.1, 0.3, 0.5, 0.7):
        # kill once the corpus holds about this share of the articles, a random moment after that
        target = max(lines() + 1, int(share * len(expected)) + rng.randint(-5, 5))
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while proc.poll() is None and lines() < target:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.03))
        killed_mid_run += proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        parse_all(corpus)
    final = run_crawl("seeds", data, "-a", f"path={seed_folder}")

    assert killed_mid_run >= 3
    records = parse_all(data / "corpus.jsonl")
    assert sorted(r["id"] for r in records) == expected
    for path in [data / "duplicates.jsonl", *(data / "stories").glob("*.jsonl")]:
        if path.exists():
            parse_all(path)
    assert "Traceback" not in final.log
    # every article in the one story its line names; every story as a rebuild from the corpus makes it
    story_of = {a: s["story_id"] for s in read_stories(data) for a in s["articles"]}
    assert sum(len(s["articles"]) for s in read_stories(data)) == len(story_of) == len(expected)
    assert story_of == {r["id"]: r["story_id"] for r in records}
    rebuilt = tmp_path / "rebuilt"
    rebuilt.mkdir()
    for name in ("corpus.jsonl", "duplicates.jsonl"):
        if (data / name).exists():
            shutil.copy(data / name, rebuilt / name)
    proc = subprocess.run([sys.executable, "-m", "newsbot.stories", "rebuild", str(rebuilt)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert stories_files(data) == stories_files(rebuilt)


def test_a_cut_last_line_is_moved_aside_before_anything_is_appended(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(b'{"id": "a"}\n{"id": "b", "te')
    DataDir.repair(corpus)
    assert corpus.read_bytes() == b'{"id": "a"}\n'
    (partial,) = tmp_path.glob("corpus.jsonl.partial-*")
    assert partial.read_bytes() == b'{"id": "b", "te'


def test_the_feed_storage_appends_whole_lines(tmp_path):
    from newsbot.feedstorage import LineFileFeedStorage

    path = tmp_path / "out" / "corpus.jsonl"
    path.parent.mkdir()
    path.write_bytes(b"old\n")
    fh = LineFileFeedStorage(str(path)).open(None)
    fh.write(b"one\n")
    fh.write(b"two\n")
    fh.close()
    assert path.read_bytes() == b"old\none\ntwo\n"


def test_a_folder_an_older_version_wrote_gets_its_story_index_from_the_corpus(tmp_path):
    data = tmp_path / "data"
    first = run_crawl("seeds", data)
    written = stories_files(data)
    shutil.rmtree(data / "stories")
    (data / "stories.sqlite").unlink()
    (data / "stories.jsonl").write_text('{"story_id": "s1"}\n')      # what the older version kept
    again = run_crawl("seeds", data)
    assert again.stat("newsbot/dedupe/unchanged") == len(first.corpus)
    assert "Story index: caught up with 2 corpus lines" in again.log
    assert stories_files(data) == written and not (data / "stories.jsonl").exists()


def test_a_story_index_made_with_other_story_settings_is_made_anew(tmp_path):
    data = tmp_path / "data"
    run_crawl("seeds", data)
    written = stories_files(data)
    again = run_crawl("seeds", data, "-s", "NEWSBOT_STORY_WINDOW_DAYS=7")
    assert "it was made with other story settings, language rules or table layout; making it anew" in again.log
    assert "Story index: caught up with 2 corpus lines" in again.log
    assert stories_files(data) == written


def test_a_new_name_table_remakes_a_story_index_only_where_it_changed_terms(tmp_path):
    """The name table gives English reports the Hangul forms of their names: a folder of Korean
    articles alone (no term of theirs comes from it) keeps its story index when the table
    changes; a folder holding an English report makes it anew."""
    table = tmp_path / "names.toml"
    table.write_text((ROOT / "newsbot" / "rules" / "names_ko.toml").read_text(encoding="utf-8")
                     .replace("[names]\n", '[names]\n"Gyeongbokgung" = "경복궁"\n', 1), encoding="utf-8")
    other_table = ("-s", f"NEWSBOT_NAME_FILES={table}")
    korean = tmp_path / "korean"
    run_crawl("seeds", korean)
    again = run_crawl("seeds", korean, *other_table)
    assert "making it anew" not in again.log
    pages = tmp_path / "pages"
    pages.mkdir()
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, pages / seed.name)
    shutil.copy(ROOT / "tests" / "fixtures" / "en" / "wire_trip_return.html", pages / "wire_trip_return.html")
    mixed = tmp_path / "mixed"
    run_crawl("seeds", mixed, "-a", f"path={pages}")
    again = run_crawl("seeds", mixed, "-a", f"path={pages}", *other_table)
    assert "it was made with other story settings, language rules or table layout; making it anew" in again.log
