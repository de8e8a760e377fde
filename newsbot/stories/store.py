"""The story index on disk: what a crawl needs to place new articles, without replaying the corpus.

SQLite file in the data folder (``stories.sqlite``, beside the dedupe index). A crawl reads only
what its articles can match against and writes back what they changed:

- ``term``: how many articles hold each term (the IDF), read for the terms a crawl meets;
- ``posting``: which stories' centroids hold or held a term (by the story's number), read for an
  article's probe terms;
- ``story``: each story's centroid, dates, members and fact intervals, read when it is a candidate;
- ``member``: what the stories output needs of each article (its latest version), by id;
- ``copy``: the pages the dedupe stage found to be copies of an article (from duplicates.jsonl);
- ``stale``: stories whose lines in the stories output are older than what is stored here;
- ``meta``: the articles counted, the corpus and duplicates sizes covered, the settings used.

It is committed with the dedupe index, at moments when every article it holds has its corpus
line on disk, and records the corpus size it covers; a crawl that finds the corpus longer (a
crash after lines were written) catches up from the lines past that point, exactly as a replay
would. What it stores is exact (JSON numbers round-trip), so a crawl's placements equal those of
a replay of the whole corpus.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from newsbot.sqlitetx import transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS term(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS posting(term TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(term, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story(
    seq INTEGER PRIMARY KEY,        -- order the stories began in
    id TEXT NOT NULL UNIQUE,
    part TEXT NOT NULL,             -- the stories output file that holds it (newsbot.stories.output)
    first TEXT, last TEXT,          -- its first and last day (ISO), null while undated
    fetched_first TEXT, fetched_last TEXT,   -- the first and last day its articles were fetched
    centroid TEXT NOT NULL,         -- JSON object term -> weight, in the centroid's order
    articles TEXT NOT NULL,         -- JSON list of member ids, in the order they joined
    facts TEXT NOT NULL,            -- JSON list of [key, subject, [[min, max], ...]]
    days TEXT NOT NULL              -- JSON list of the days of the month its undated articles state
);
CREATE INDEX IF NOT EXISTS story_part ON story(part);
-- data: JSON, zlib-compressed (_pack; text in a folder written before 2026-12-07: both are read)
CREATE TABLE IF NOT EXISTS member(id TEXT PRIMARY KEY, story TEXT NOT NULL, data TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS copy(seq INTEGER PRIMARY KEY, of TEXT NOT NULL, id TEXT NOT NULL, url TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS copy_of ON copy(of);
CREATE TABLE IF NOT EXISTS stale(story TEXT PRIMARY KEY) WITHOUT ROWID;
"""

VERSION = 3           # of the tables above (2: the days a story's articles were fetched; 3: the
                      # days of the month they state); part of the index's fingerprint
                      # (DataDir.story_fingerprint): another is made anew
BATCH = 900           # parameters in one query (under SQLite's oldest limit of 999)


def _batches(values):
    values = list(values)
    for start in range(0, len(values), BATCH):
        yield values[start:start + BATCH]


def _pack(data: str) -> bytes:
    """A member's JSON, compressed: its facts with their sentences are most of the index (11.6 KB
    an article of `make scale` as text, 2.4 KB compressed; 155 us)."""
    return zlib.compress(data.encode("utf-8"), 6)


def _unpack(data: bytes | str):
    return json.loads(zlib.decompress(data) if isinstance(data, bytes) else data)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class StoryStore:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    # --- meta -----------------------------------------------------------------------------
    def get_meta(self, key: str, default=None):
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def _set_meta(self, key: str, value) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES(?,?)", (key, json.dumps(value)))

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM story LIMIT 1").fetchone() is None

    # --- reading --------------------------------------------------------------------------
    def dfs(self, terms) -> dict[str, int]:
        """df of those of `terms` some article holds."""
        found = {}
        for batch in _batches(terms):
            marks = ",".join("?" * len(batch))
            found.update(self.db.execute(f"SELECT term, df FROM term WHERE term IN ({marks})", batch))
        return found

    def posted(self, terms) -> set[str]:
        """Those of `terms` that some story's centroid holds or held."""
        # one probe each: DISTINCT over IN would read every posting of a common term
        exists = "SELECT 1 FROM posting WHERE term=? LIMIT 1"
        return {t for t in terms if self.db.execute(exists, (t,)).fetchone()}

    def candidates(self, terms, latest: int) -> dict[str, list[tuple]]:
        """term -> [(seq, story id, (first day, last day, first fetched, last fetched))] of the
        `latest` stories (by the order they began) posted under it, for each of `terms`: one
        backward walk of the index each."""
        query = ("SELECT s.seq, s.id, s.first, s.last, s.fetched_first, s.fetched_last FROM posting p "
                 "JOIN story s ON s.seq = p.seq WHERE p.term = ? ORDER BY p.seq DESC LIMIT ?")
        return {t: [(seq, id, tuple(map(_day, days))) for seq, id, *days in self.db.execute(query, (t, latest))]
                for t in terms}

    def stories(self, ids) -> dict[str, dict]:
        """story id -> its stored row (seq, part, first, last, fetched, centroid, articles, facts, days)."""
        found = {}
        for batch in _batches(ids):
            marks = ",".join("?" * len(batch))
            for seq, id, part, first, last, fetched_first, fetched_last, centroid, articles, facts, days in self.db.execute(
                    f"SELECT * FROM story WHERE id IN ({marks})",
                    batch):
                intervals = defaultdict(list)
                for key, subject, values in json.loads(facts):
                    intervals[(key, subject)] = [tuple(v) for v in values]
                found[id] = {"seq": seq, "part": part, "first": _day(first), "last": _day(last),
                             "fetched": (_day(fetched_first), _day(fetched_last)),
                             "centroid": Counter(json.loads(centroid)), "articles": json.loads(articles),
                             "facts": intervals, "days": json.loads(days)}
        return found

    def members(self, ids) -> dict[str, tuple[str, dict]]:
        """article id -> (story id, the member's data)."""
        found = {}
        for batch in _batches(ids):
            marks = ",".join("?" * len(batch))
            for id, story, data in self.db.execute(f"SELECT id, story, data FROM member WHERE id IN ({marks})", batch):
                found[id] = (story, _unpack(data))
        return found

    def copies(self, ids) -> dict[str, list[dict]]:
        """article id -> the duplicates lines (id, url) of its copies, in the file's order."""
        found = defaultdict(list)
        for batch in _batches(ids):
            marks = ",".join("?" * len(batch))
            for of, id, url in self.db.execute(
                    f"SELECT of, id, url FROM copy WHERE of IN ({marks}) ORDER BY seq", batch):
                found[of].append({"id": id, "url": url, "duplicate_of": of})
        return found

    def part_order(self, part: str) -> dict[str, int]:
        """story id -> seq of the stories of one output file."""
        return dict(self.db.execute("SELECT id, seq FROM story WHERE part=?", (part,)))

    def parts(self) -> list[str]:
        return [p for (p,) in self.db.execute("SELECT DISTINCT part FROM story ORDER BY part")]

    def stale(self) -> set[str]:
        return {s for (s,) in self.db.execute("SELECT story FROM stale")}

    # --- writing --------------------------------------------------------------------------
    def save(self, *, n: int, stories: list[tuple], members: list[tuple], dfs: list[tuple], postings: list[tuple],
             copies: list[tuple], stale: set[str], meta: dict) -> None:
        """Write what changed, in one transaction: all of it or (on an error) none of it."""
        with transaction(self.db):
            self.db.executemany("INSERT OR REPLACE INTO story VALUES(?,?,?,?,?,?,?,?,?,?,?)", stories)
            self.db.executemany("INSERT OR REPLACE INTO member VALUES(?,?,?)",
                                ((id, story, _pack(data)) for id, story, data in members))
            self.db.executemany("INSERT OR REPLACE INTO term VALUES(?,?)", dfs)
            self.db.executemany("INSERT OR IGNORE INTO posting VALUES(?,?)", postings)
            self.db.executemany("INSERT INTO copy(of, id, url) VALUES(?,?,?)", copies)
            self.db.executemany("INSERT OR IGNORE INTO stale VALUES(?)", [(s,) for s in stale])
            self._set_meta("n", n)
            for key, value in meta.items():
                self._set_meta(key, value)

    def clear_stale(self, stories) -> None:
        """These stories' lines are written: no longer stale."""
        with transaction(self.db):
            for batch in _batches(stories):
                self.db.execute(f"DELETE FROM stale WHERE story IN ({','.join('?' * len(batch))})", batch)

    def close(self) -> None:
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()

    @staticmethod
    def remove(path: str | Path) -> None:
        path = Path(path)
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
