"""The story index on disk: a crawl that reads only what it needs places articles exactly as a
replay of the whole corpus does, and three crawls leave what the rebuild commands make."""

import shutil
import sqlite3
import subprocess
import sys

import pytest

from newsbot.rules import load_rules
from newsbot.stories import index as story_index
from newsbot.stories.index import StoryIndex
from newsbot.stories.store import StoryStore
from newsbot.stories.terms import TermExtractor
from tests.conftest import ROOT, bench_articles, near_copy, run_crawl, stories_files

TERMS = TermExtractor(load_rules())


def records(count):
    return [{"id": f"a{i}", "url": f"https://example.org/{i}", "title": a["title"], "text": a["text"],
             "published": a.get("published"), "facts": []} for i, a in enumerate(bench_articles(count))]


def rows(path, *tables):
    db = sqlite3.connect(path)
    try:
        return {t: sorted(db.execute(f"SELECT * FROM {t}")) for t in tables}
    finally:
        db.close()


@pytest.mark.parametrize("probe_stories", [100, 2])     # 2: each probe's candidates cut to the latest two
def test_placing_through_the_store_in_ten_sittings_equals_one_replay_in_memory(tmp_path, monkeypatch,
                                                                                 probe_stories):
    monkeypatch.setattr(story_index, "PROBE_STORIES", probe_stories)
    articles = records(300)
    in_memory = StoryIndex(TERMS)
    expected = [in_memory.add(r) for r in articles]
    placed = []
    for sitting in (articles[i:i + 30] for i in range(0, len(articles), 30)):
        store = StoryStore(tmp_path / "stories.sqlite")
        index = StoryIndex(TERMS, store=store)           # a new crawl: nothing of the store in memory yet
        placed += [index.add(r) for r in sitting]
        index.save()
        store.close()
    assert placed == expected
    assert len(set(placed)) < len(placed)                # some stories took several articles


def test_three_crawls_leave_the_stories_and_indexes_the_rebuild_commands_make(bench_seed_folder, tmp_path):
    """Pages of one story fall in different crawls, and later crawls bring copies of earlier pages."""
    pages = sorted(bench_seed_folder.glob("*.txt"))[:90]
    sets = [tmp_path / f"set{i}" for i in range(3)]
    for folder in sets:
        folder.mkdir()
    for i, page in enumerate(pages):
        shutil.copy(page, sets[i % 3] / page.name)
    for k, page in enumerate(pages[0:24:3]):            # pages of the first crawl, copied by another outlet
        title, _, text = page.read_text(encoding="utf-8").partition("\n\n")
        (sets[1 + k % 2] / f"copy-{page.name}").write_text(f"{title}\n\n{near_copy(text)}\n", encoding="utf-8")
    data = tmp_path / "data"
    crawls = [run_crawl("seeds", data, "-a", f"path={folder}") for folder in sets]
    assert crawls[1].stat("newsbot/dedupe/near") and crawls[1].stat("newsbot/stories/joined")

    rebuilt = tmp_path / "rebuilt"
    rebuilt.mkdir()
    for name in ("corpus.jsonl", "duplicates.jsonl"):
        shutil.copy(data / name, rebuilt / name)
    for command in ("newsbot.dedupe", "newsbot.stories"):
        proc = subprocess.run([sys.executable, "-m", command, "rebuild", str(rebuilt)], cwd=ROOT,
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]

    assert stories_files(data) == stories_files(rebuilt)
    story_tables = ("meta", "term", "posting", "story", "member", "copy", "stale")
    assert rows(data / "stories.sqlite", *story_tables) == rows(rebuilt / "stories.sqlite", *story_tables)
    assert rows(data / "stories.sqlite", "stale") == {"stale": []}
    assert rows(data / "index.sqlite", "article", "key") == rows(rebuilt / "index.sqlite", "article", "key")
    pages_seen = "SELECT url, n FROM page"
    assert sorted(sqlite3.connect(data / "index.sqlite").execute(pages_seen)) == \
        sorted(sqlite3.connect(rebuilt / "index.sqlite").execute(pages_seen))
