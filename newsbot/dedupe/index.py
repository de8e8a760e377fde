"""The persistent dedupe index: which articles the corpus holds, and how to recognise a copy.

SQLite file in the data folder (no server). It records, for every article version written
to the corpus, its id, version, content hash and MinHash signature, and for every page URL
seen (written or not) the article it resolved to and when. When the index opens, the rows
are read into memory (about 1.1 KB an article: signature, LSH band keys, id and hash lookups),
so judging a page costs no disk read; pages are looked up in SQLite.

A page is judged, in this order (the first rule that matches wins):

1. same id (canonical URL) as an article in the index:
   - fetched from another URL (a mobile and a desktop page naming one canonical URL): ``exact``;
   - from a URL that already gave this article, same content hash: ``unchanged``;
   - from a URL that already gave this article, other text: ``version`` (appended as such);
2. same content hash as an indexed article: ``exact``;
3. estimated Jaccard similarity of character shingles at least ``threshold`` to an indexed
   article: ``near``, a copy of the most similar one (ties: the one indexed first);
4. otherwise ``new``.

The first copy to reach the index is the canonical one; later copies point at it. Same
pages in the same order give the same judgements.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsbot.dedupe.multimap import Multimap
from newsbot.dedupe.signature import MinHasher, similarity

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS article(
    n INTEGER PRIMARY KEY,          -- row number, in the order articles were indexed
    id TEXT NOT NULL,               -- the record's id (hash of its canonical URL)
    version INTEGER NOT NULL,
    url INTEGER NOT NULL,           -- key of the URL this version was fetched from
    hash INTEGER NOT NULL,          -- key of the content hash
    sig BLOB NOT NULL               -- MinHash signature, uint16 x num_perm
);
CREATE TABLE IF NOT EXISTS page(
    url INTEGER PRIMARY KEY,        -- key of a page URL (fetched or canonical)
    n INTEGER NOT NULL,             -- the article row it resolved to
    seen_at INTEGER NOT NULL        -- unix time it was last fetched
);
"""

NEW, VERSION, UNCHANGED, EXACT, NEAR = "new", "version", "unchanged", "exact", "near"
_SIGN = 1 << 63


def key64(value: str) -> int:
    """An unsigned 64-bit key for a URL, an id or a content hash."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "big")


def _sql(key: int) -> int:
    """The key as SQLite stores integers (signed 64-bit)."""
    return key - (1 << 64) if key >= _SIGN else key


def _id_key(id: str) -> int:
    return key64("id:" + id)


@dataclass
class Verdict:
    kind: str                          # new | version | unchanged | exact | near
    version: int = 1                   # the version to write (new, version)
    duplicate_of: str | None = None    # the indexed article's id (unchanged, exact, near)
    similarity: float | None = None
    signature: np.ndarray | None = None
    band_keys: np.ndarray | None = None
    lookup_keys: tuple[int, int] = (0, 0)   # (id key, content-hash key)
    row: int | None = None             # the indexed row it matched

    @property
    def write(self) -> bool:
        return self.kind in (NEW, VERSION)


class IndexMismatch(RuntimeError):
    """The index was built with other shingle or MinHash parameters."""


class DedupeIndex:
    def __init__(self, path: str | Path, hasher: MinHasher | None = None, threshold: float = 0.33,
                 commit_every: int = 1000):
        self.path = Path(path)
        self.hasher = hasher or MinHasher()
        self.threshold = threshold
        self.commit_every = commit_every
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._check_params()
        # added since the last commit: written to SQLite in one go by commit()
        self._new_articles: list[tuple] = []
        self._new_pages: dict[int, tuple[int, int]] = {}
        self._load()

    # --- opening ------------------------------------------------------------------------
    def _check_params(self) -> None:
        wanted = json.dumps(self.hasher.params(), sort_keys=True)
        row = self.db.execute("SELECT value FROM meta WHERE key='minhash'").fetchone()
        if row is None:
            self.db.execute("INSERT INTO meta VALUES('minhash', ?)", (wanted,))
        elif row[0] != wanted:
            raise IndexMismatch(
                f"{self.path} was built with {row[0]}, these settings ask for {wanted}; "
                f"rebuild it with `python -m newsbot.dedupe rebuild {self.path.parent}`")

    def _load(self) -> None:
        """Rows into memory: ids, versions, hash keys, signatures; the lookup and band maps."""
        rows = self.db.execute("SELECT n, id, version, hash, sig FROM article ORDER BY n").fetchall()
        self._count = rows[-1][0] if rows else 0
        size = max(1024, 2 * self._count + 1)
        self._ids: list[str | None] = [None] * (self._count + 1)
        self._versions = np.zeros(size, dtype=np.int32)
        self._hashes = np.zeros(size, dtype=np.uint64)
        self._sigs = np.zeros((size, self.hasher.num_perm), dtype=np.uint16)
        # id key, content-hash key and LSH band keys -> rows, in one map so a page costs one lookup
        self.keys = Multimap()
        if not rows:
            return
        ns = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        for n, id, version, hash_key, _ in rows:
            self._ids[n] = id
        self._versions[ns] = [r[2] for r in rows]
        self._hashes[ns] = np.array([r[3] for r in rows], dtype=np.int64).view(np.uint64)
        sigs = np.frombuffer(b"".join(r[4] for r in rows), dtype=np.uint16).reshape(len(rows), -1)
        self._sigs[ns] = sigs
        id_keys = np.array([_id_key(r[1]) for r in rows], dtype=np.uint64)
        self.keys.add_many(np.concatenate([ns, ns]), np.concatenate([id_keys, self._hashes[ns]]))
        live = sigs.any(axis=1)
        self.keys.add_many(ns[live], self.hasher.band_keys(sigs[live]))

    # --- judging ------------------------------------------------------------------------
    def judge(self, url: str, id: str, content_hash: str, text: str) -> Verdict:
        """What the index makes of a page (it records nothing: see add())."""
        signature = self.hasher.signature(text)
        keys = self.hasher.band_keys(signature) if signature.any() else None
        lookup = (_id_key(id), key64(content_hash))
        rows = self.keys.get(lookup if keys is None else np.concatenate([np.array(lookup, np.uint64), keys]))
        verdict = self._verdict(url, id, lookup[1], signature, rows)
        verdict.signature, verdict.band_keys, verdict.lookup_keys = signature, keys, lookup
        return verdict

    def _verdict(self, url: str, id: str, hash_key: int, signature: np.ndarray, rows: set[int]) -> Verdict:
        n = self._latest(id, rows)
        if n is not None:
            version = int(self._versions[n])
            sim = round(float(similarity(signature, self._sigs[n])), 4)
            page = self._page(key64(url))
            if page is None or self._ids[page] != id:
                return Verdict(EXACT, version, id, sim, row=n)
            if self._hashes[n] == hash_key:
                return Verdict(UNCHANGED, version, id, 1.0, row=n)
            return Verdict(VERSION, version + 1, None, sim, row=n)
        same_text = [n for n in rows if self._hashes[n] == hash_key and self._ids[n] is not None]
        if same_text:
            n = min(same_text)
            return Verdict(EXACT, 1, self._ids[n], 1.0, row=n)
        best = self._most_similar(signature, rows)
        if best is not None:
            n, sim = best
            return Verdict(NEAR, 1, self._ids[n], round(sim, 4), row=n)
        return Verdict(NEW)

    def _page(self, url_key: int) -> int | None:
        """The row a page URL last resolved to."""
        if url_key in self._new_pages:
            return self._new_pages[url_key][0]
        row = self.db.execute("SELECT n FROM page WHERE url=?", (_sql(url_key),)).fetchone()
        return row[0] if row else None

    def _latest(self, id: str, rows) -> int | None:
        """Of `rows`, the one holding the latest version of article `id`."""
        own = [n for n in rows if self._ids[n] == id]
        return max(own, key=lambda n: self._versions[n]) if own else None

    def _most_similar(self, signature: np.ndarray, candidates: set[int]) -> tuple[int, float] | None:
        if not candidates or not signature.any():
            return None
        ns = np.array(sorted(candidates), dtype=np.int64)
        sims = similarity(signature, self._sigs[ns])
        best = int(np.argmax(sims))              # first maximum: the earliest indexed
        if sims[best] < self.threshold:
            return None
        return int(ns[best]), float(sims[best])

    # --- recording ----------------------------------------------------------------------
    def add(self, verdict: Verdict, url: str, id: str, content_hash: str, canonical_url: str | None = None,
            seen_at: float | None = None) -> None:
        """Record a judged page: a written article gets a row; every page URL is remembered."""
        seen = int(seen_at if seen_at is not None else time.time())
        url_key = key64(url)
        if verdict.write:
            n = self._count = self._count + 1
            if n >= len(self._versions):
                self._grow()
            hash_key = verdict.lookup_keys[1]
            sig = verdict.signature
            self._ids.append(id)
            self._versions[n] = verdict.version
            self._hashes[n] = hash_key
            self._sigs[n] = sig
            keys = list(verdict.lookup_keys)
            self.keys.add(n, keys if verdict.band_keys is None else keys + verdict.band_keys.tolist())
            self._new_articles.append((n, id, verdict.version, _sql(url_key), _sql(hash_key), sig.tobytes()))
        else:
            n = verdict.row
        self._new_pages[url_key] = (n, seen)
        if canonical_url and verdict.write:
            self._new_pages[key64(canonical_url)] = (n, seen)
        if self.commit_every and len(self._new_pages) >= self.commit_every:
            self.commit()

    def record(self, url: str, id: str, content_hash: str, text: str, canonical_url: str | None = None) -> Verdict:
        """Judge a page and record it (the two steps the dedupe stage takes for every page)."""
        verdict = self.judge(url, id, content_hash, text)
        self.add(verdict, url, id, content_hash, canonical_url)
        return verdict

    @property
    def pending(self) -> int:
        """Pages recorded since the last commit."""
        return len(self._new_pages)

    def _grow(self) -> None:
        self._versions = np.concatenate([self._versions, np.zeros_like(self._versions)])
        self._hashes = np.concatenate([self._hashes, np.zeros_like(self._hashes)])
        self._sigs = np.concatenate([self._sigs, np.zeros_like(self._sigs)])

    def remember_page(self, url: str, id: str, seen_at: float | None = None) -> bool:
        """Record that a page URL resolved to the indexed article `id` (False if not indexed)."""
        n = self._latest(id, self.keys.get([_id_key(id)]))
        if n is None:
            return False
        self._new_pages[key64(url)] = (n, int(seen_at if seen_at is not None else time.time()))
        return True

    def has_version(self, id: str, version: int) -> bool:
        return any(self._ids[n] == id and self._versions[n] == version for n in self.keys.get([_id_key(id)]))

    def seen_at(self, url: str) -> int | None:
        """Unix time the URL was last fetched, or None when the index has never seen it."""
        key = key64(url)
        if key in self._new_pages:
            return self._new_pages[key][1]
        row = self.db.execute("SELECT seen_at FROM page WHERE url=?", (_sql(key),)).fetchone()
        return row[0] if row else None

    def __len__(self) -> int:
        return self._count

    # --- bookkeeping ----------------------------------------------------------------------
    def get_meta(self, key: str, default=None):
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_meta(self, key: str, value) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES(?,?)", (key, json.dumps(value)))

    def forget(self, id: str, version: int, urls=()) -> bool:
        """Undo the add() of an article version not committed yet (its line was never written:
        a later stage failed, the disk filled up): it and the pages that resolved to it are
        no longer known, so the next crawl judges the page anew. False when it is not pending.
        (`urls`, the pages it was recorded under: the rows know them here; the Redis index needs them.)"""
        rows = [row for row in self._new_articles if row[1] == id and row[2] == version]
        if not rows:
            return False
        n = rows[0][0]
        self._new_articles = [row for row in self._new_articles if row[0] != n]
        self._new_pages = {url: entry for url, entry in self._new_pages.items() if entry[0] != n}
        # the row stays in the arrays, matching nothing: no id, no content hash, an empty signature
        self._ids[n] = None
        self._hashes[n] = 0
        self._sigs[n] = 0
        return True

    def forget_page(self, url: str) -> None:
        """Undo the record of a page not committed yet (its duplicates line could not be written)."""
        self._new_pages.pop(key64(url), None)

    def commit(self, **meta) -> None:
        """Write what was added since the last commit, with `meta`, in one transaction. When it
        fails (a full disk), nothing of it is written and it stays pending."""
        self.db.execute("BEGIN")
        try:
            self.db.executemany("INSERT INTO article VALUES(?,?,?,?,?,?)", self._new_articles)
            self.db.executemany("INSERT OR REPLACE INTO page VALUES(?,?,?)",
                                [(_sql(url), n, seen) for url, (n, seen) in self._new_pages.items()])
            for key, value in meta.items():
                self.set_meta(key, value)
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        self._new_articles, self._new_pages = [], {}

    def abandon(self) -> None:
        """Close without committing what is pending (a crawl whose writes failed)."""
        self.db.close()

    def close(self, **meta) -> None:
        self.commit(**meta)
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()
