"""The story index on disk: a crawl that reads only what it needs places articles exactly as a
replay of the whole corpus does, and three crawls leave what the rebuild commands make."""

import json
import shutil
import sqlite3
import subprocess
import sys

import pytest

from scrapy.utils.project import get_project_settings

from newsbot.datadir import DataDir
from newsbot.facts.extract import FactExtractor
from newsbot.facts.rules import load_fact_rules
from newsbot.rules import load_rules
from newsbot.stories import index as story_index
from newsbot.stories.days import StatedDay
from newsbot.stories.index import StoryIndex
from newsbot.stories.rebuild import rebuild
from newsbot.stories.store import StoryStore
from newsbot.stories.terms import TermExtractor
from tests.conftest import ROOT, bench_articles, near_copy, run_crawl, stories_files

TERMS = TermExtractor(load_rules())
SETTINGS = {"span_days": 4, "stated_day": StatedDay(load_fact_rules())}   # as a crawl's


def records(count):
    """Bench articles (every fourth without its date, its opening naming a day of the month
    instead), fetched ten days apart by thirties."""
    return [{"id": f"a{i}", "url": f"https://example.org/{i}", "title": a["title"],
             "text": a["text"] if i % 4 else f"{1 + i % 28}일 " + a["text"],
             "published": a.get("published") if i % 4 else None,
             "fetched_at": f"2026-0{1 + i // 90}-{1 + i % 90 // 30 * 10:02d}T09:00:00",
             "facts": []} for i, a in enumerate(bench_articles(count))]


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
    in_memory = StoryIndex(TERMS, **SETTINGS)
    expected = [in_memory.add(r) for r in articles]
    placed = []
    for sitting in (articles[i:i + 30] for i in range(0, len(articles), 30)):
        store = StoryStore(tmp_path / "stories.sqlite")
        index = StoryIndex(TERMS, store=store, **SETTINGS)   # a new crawl: nothing of the store in memory yet
        placed += [index.add(r) for r in sitting]
        index.save()
        store.close()
    assert placed == expected
    assert len(set(placed)) < len(placed)                # some stories took several articles


def test_a_replay_that_saves_and_releases_as_it_goes_stores_what_one_held_in_memory_stores(tmp_path):
    """Memory holds what was placed since the last release; the stories are the same."""
    lines = list(enumerate(records(300), 1))
    whole = StoryIndex(TERMS, store=StoryStore(tmp_path / "whole.sqlite"), **SETTINGS)
    assert whole.replay(lines, every=10**6) == 300
    whole.save()
    parts = StoryIndex(TERMS, store=StoryStore(tmp_path / "parts.sqlite"), **SETTINGS)
    covered = []
    parts.replay(lines, lambda offset: covered.append(offset) or {"corpus_size": offset}, every=7)
    assert covered == list(range(7, 301, 7))
    assert len(parts.members) == 300 - 294 < len(whole.members)
    parts.save()
    tables = ("term", "posting", "story", "member", "stale")
    assert rows(tmp_path / "parts.sqlite", *tables) == rows(tmp_path / "whole.sqlite", *tables)
    assert parts.n == whole.n and parts.began == whole.began
    with pytest.raises(RuntimeError):
        StoryIndex(TERMS).release()                        # nothing to read it back from


def test_a_catch_up_saves_as_it_goes_and_an_interrupted_one_resumes_where_it_stopped(tmp_path, monkeypatch,
                                                                                      caplog):
    """A folder whose corpus the story index has not recorded (an older version's, a crawl killed
    before its commit) is caught up a few articles at a time; killed in the middle, the next open
    takes up the lines after the last save, and the index ends as one catch-up makes it."""
    def folder(name):
        datadir = DataDir(tmp_path / name)
        datadir.root.mkdir()
        datadir.corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(12)),
                                  encoding="utf-8")
        return datadir

    whole, interrupted = folder("whole"), folder("interrupted")
    whole.stories
    whole.close()
    monkeypatch.setattr(story_index, "RELEASE_EVERY", 5)
    add = StoryIndex.add

    def killed_at_the_eleventh(index, record, facts=None):
        if record["id"] == "a10":
            raise KeyboardInterrupt
        return add(index, record, facts)

    monkeypatch.setattr(StoryIndex, "add", killed_at_the_eleventh)
    with pytest.raises(KeyboardInterrupt):
        interrupted.stories
    monkeypatch.setattr(StoryIndex, "add", add)
    tenth_line_end = sum(len(line) for line in interrupted.corpus.read_bytes().splitlines(keepends=True)[:10])
    store = StoryStore(interrupted.story_store_path)
    assert store.get_meta("corpus_size") == tenth_line_end
    store.close()
    again = DataDir(interrupted.root)
    with caplog.at_level("WARNING"):
        again.stories
    again.close()
    assert "caught up with 2 corpus lines" in caplog.text
    tables = ("meta", "term", "posting", "story", "member", "stale")
    assert rows(whole.story_store_path, *tables) == rows(interrupted.story_store_path, *tables)


def test_three_crawls_leave_the_stories_and_indexes_the_rebuild_commands_make(bench_seed_folder, tmp_path,
                                                                              monkeypatch):
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
    # a rebuild that holds one article (or copy) at a time, saved and released as it goes, makes
    # the same
    assert len((data / "duplicates.jsonl").read_text(encoding="utf-8").splitlines()) > 1
    released = tmp_path / "released"
    shutil.copytree(rebuilt, released)
    monkeypatch.setattr(story_index, "RELEASE_EVERY", 1)
    with DataDir.for_command(str(released), get_project_settings()) as datadir:
        rebuild(datadir, FactExtractor.from_settings(get_project_settings()))
    assert stories_files(released) == stories_files(rebuilt)
    story_tables = ("meta", "term", "posting", "story", "member", "copy", "stale")
    assert rows(data / "stories.sqlite", *story_tables) == rows(rebuilt / "stories.sqlite", *story_tables) \
        == rows(released / "stories.sqlite", *story_tables)
    assert rows(data / "stories.sqlite", "stale") == {"stale": []}
    assert rows(data / "index.sqlite", "article", "key") == rows(rebuilt / "index.sqlite", "article", "key")
    pages_seen = "SELECT url, n FROM page"
    assert sorted(sqlite3.connect(data / "index.sqlite").execute(pages_seen)) == \
        sorted(sqlite3.connect(rebuilt / "index.sqlite").execute(pages_seen))


def test_member_data_is_stored_compressed_and_a_text_row_of_an_older_folder_still_reads(tmp_path):
    data = {"title": "이재용 미국 출장", "url": "https://example.org/1", "source": "example.org", "publisher": None,
            "published": None, "facts": [{"key": "trip.duration", "text": "약 2주간의 출장"}] * 20}
    store = StoryStore(tmp_path / "stories.sqlite")
    store.save(n=1, stories=[], members=[("a1", "sa1", json.dumps(data, ensure_ascii=False))], dfs=[], postings=[],
               copies=[], stale=set(), meta={})
    (stored,) = store.db.execute("SELECT data FROM member").fetchone()
    assert isinstance(stored, bytes) and len(stored) < len(json.dumps(data, ensure_ascii=False).encode()) / 4
    store.db.execute("INSERT INTO member VALUES('a2', 'sa2', ?)", (json.dumps(data, ensure_ascii=False),))
    assert store.members(["a1", "a2"]) == {"a1": ("sa1", data), "a2": ("sa2", data)}
    store.close()
