"""The persistent dedupe index: which articles the corpus holds, and how to recognise a copy.

SQLite file in the data folder (no server). It records, for every article version written
to the corpus, its id, version, content hash and MinHash signature, and its lookup keys (the
hash of its id, of its content, and its LSH band keys), and for every page URL seen (written or
not) the article it resolved to and when. Nothing is read into memory when it opens: judging a
page looks up its keys and then the few rows they name (a B-tree search each), so a crawl costs
what its pages cost however large the index is. The rows this process added stay in memory (up
to ``keep_rows`` of them, then they are read back like the others), and recently read rows are
cached.

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
from newsbot.sqlitetx import transaction

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
CREATE TABLE IF NOT EXISTS key(         -- lookup key -> article row: id, content hash, LSH bands
    key INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY(key, n)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS page(
    url INTEGER PRIMARY KEY,        -- key of a page URL (fetched or canonical)
    n INTEGER NOT NULL,             -- the article row it resolved to
    seen_at INTEGER NOT NULL        -- unix time it was last fetched
);
"""

NEW, VERSION, UNCHANGED, EXACT, NEAR = "new", "version", "unchanged", "exact", "near"
_SIGN = 1 << 63
_MASK = (1 << 64) - 1
BATCH = 900            # parameters in one query
CACHED_ROWS = 20000    # rows read from SQLite kept for the next pages (cleared when full)


def key64(value: str) -> int:
    """An unsigned 64-bit key for a URL, an id or a content hash."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "big")


def _sql(key: int) -> int:
    """The key as SQLite stores integers (signed 64-bit)."""
    return key - (1 << 64) if key >= _SIGN else key


def _id_key(id: str) -> int:
    return key64("id:" + id)


@dataclass(slots=True)
class Row:
    """An indexed article version, as judging needs it."""
    id: str | None                     # None: forgotten (its line was never written)
    version: int
    hash: int                          # key of the content hash, unsigned
    sig: np.ndarray


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
                 commit_every: int = 1000, keep_rows: int | None = 100_000):
        self.path = Path(path)
        self.hasher = hasher or MinHasher()
        self.threshold = threshold
        self.commit_every = commit_every
        self.keep_rows = keep_rows
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._check_params()
        # added since the last commit: written to SQLite in one go by commit()
        self._new_articles: list[tuple] = []
        self._new_keys: list[tuple[int, int]] = []
        self._new_pages: dict[int, tuple[int, int]] = {}
        self._add_keys_table()
        self._count = self.db.execute("SELECT coalesce(max(n), 0) FROM article").fetchone()[0]
        self._all_recent = self._count == 0        # every row is in _recent: no lookup needs SQLite
        self._recent: dict[int, Row] = {}          # rows this process added (up to keep_rows; None: all)
        self.keys = Multimap()                     # ... and their keys
        self._cache: dict[int, Row] = {}           # rows read from SQLite

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

    def _add_keys_table(self) -> None:
        """An index an older version made has no key table: it is made from the rows, once."""
        if self.get_meta("keys") == 1:
            return
        with transaction(self.db):
            self.db.execute("DELETE FROM key")
            rows = self.db.execute("SELECT n, id, hash, sig FROM article ORDER BY n")
            while batch := rows.fetchmany(10000):
                entries = []
                for n, id, hash_key, sig in batch:
                    sig = np.frombuffer(sig, dtype=np.uint16)
                    entries += [(_sql(_id_key(id)), n), (hash_key, n)]
                    if sig.any():
                        entries += [(_sql(k), n) for k in self.hasher.band_keys(sig).tolist()]
                self.db.executemany("INSERT OR IGNORE INTO key VALUES(?,?)", entries)
            self.set_meta("keys", 1)

    def _lookup(self, keys) -> set[int]:
        """Rows mapped from at least one of `keys` (unsigned)."""
        found = self.keys.get(keys)
        if self._all_recent:
            return found
        keys = [_sql(k) for k in np.asarray(keys, dtype=np.uint64).tolist()]
        for start in range(0, len(keys), BATCH):
            batch = keys[start:start + BATCH]
            found.update(n for (n,) in self.db.execute(
                f"SELECT n FROM key WHERE key IN ({','.join('?' * len(batch))})", batch))
        return found

    def _rows(self, ns) -> dict[int, Row]:
        """The rows numbered `ns`: from memory, else from SQLite (then cached)."""
        found, missing = {}, []
        for n in ns:
            row = self._recent.get(n) or self._cache.get(n)
            if row is None:
                missing.append(n)
            else:
                found[n] = row
        for start in range(0, len(missing), BATCH):
            batch = missing[start:start + BATCH]
            if len(self._cache) + len(batch) > CACHED_ROWS:
                self._cache.clear()
            for n, id, version, hash_key, sig in self.db.execute(
                    f"SELECT n, id, version, hash, sig FROM article WHERE n IN ({','.join('?' * len(batch))})", batch):
                found[n] = self._cache[n] = Row(id, version, hash_key & _MASK, np.frombuffer(sig, dtype=np.uint16))
        return found

    # --- judging ------------------------------------------------------------------------
    def judge(self, url: str, id: str, content_hash: str, text: str) -> Verdict:
        """What the index makes of a page (it records nothing: see add())."""
        signature = self.hasher.signature(text)
        keys = self.hasher.band_keys(signature) if signature.any() else None
        lookup = (_id_key(id), key64(content_hash))
        rows = self._rows(self._lookup(lookup if keys is None else np.concatenate([np.array(lookup, np.uint64), keys])))
        verdict = self._verdict(url, id, lookup[1], signature, rows)
        verdict.signature, verdict.band_keys, verdict.lookup_keys = signature, keys, lookup
        return verdict

    def _verdict(self, url: str, id: str, hash_key: int, signature: np.ndarray, rows: dict[int, Row]) -> Verdict:
        n = self._latest(id, rows)
        if n is not None:
            version = rows[n].version
            sim = round(float(similarity(signature, rows[n].sig)), 4)
            page = self._page(key64(url))
            if page is None or self._rows([page]).get(page, Row(None, 0, 0, signature)).id != id:
                return Verdict(EXACT, version, id, sim, row=n)
            if rows[n].hash == hash_key:
                return Verdict(UNCHANGED, version, id, 1.0, row=n)
            return Verdict(VERSION, version + 1, None, sim, row=n)
        same_text = [n for n, row in rows.items() if row.hash == hash_key and row.id is not None]
        if same_text:
            n = min(same_text)
            return Verdict(EXACT, 1, rows[n].id, 1.0, row=n)
        best = self._most_similar(signature, rows)
        if best is not None:
            n, sim = best
            return Verdict(NEAR, 1, rows[n].id, round(sim, 4), row=n)
        return Verdict(NEW)

    def _page(self, url_key: int) -> int | None:
        """The row a page URL last resolved to."""
        if url_key in self._new_pages:
            return self._new_pages[url_key][0]
        row = self.db.execute("SELECT n FROM page WHERE url=?", (_sql(url_key),)).fetchone()
        return row[0] if row else None

    @staticmethod
    def _latest(id: str, rows: dict[int, Row]) -> int | None:
        """Of `rows`, the one holding the latest version of article `id`."""
        own = [n for n, row in rows.items() if row.id == id]
        return max(own, key=lambda n: rows[n].version) if own else None

    def _most_similar(self, signature: np.ndarray, rows: dict[int, Row]) -> tuple[int, float] | None:
        if not rows or not signature.any():
            return None
        ns = sorted(rows)
        sims = similarity(signature, np.stack([rows[n].sig for n in ns]))
        best = int(np.argmax(sims))              # first maximum: the earliest indexed
        if sims[best] < self.threshold:
            return None
        return ns[best], float(sims[best])

    # --- recording ----------------------------------------------------------------------
    def add(self, verdict: Verdict, url: str, id: str, content_hash: str, canonical_url: str | None = None,
            seen_at: float | None = None) -> None:
        """Record a judged page: a written article gets a row; every page URL is remembered."""
        seen = int(seen_at if seen_at is not None else time.time())
        url_key = key64(url)
        if verdict.write:
            n = self._count = self._count + 1
            hash_key = verdict.lookup_keys[1]
            sig = verdict.signature
            self._recent[n] = Row(id, verdict.version, hash_key, sig)
            keys = list(verdict.lookup_keys)
            if verdict.band_keys is not None:
                keys += verdict.band_keys.tolist()
            self.keys.add(n, keys)
            self._new_keys += [(_sql(key), n) for key in keys]
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

    def remember_page(self, url: str, id: str, seen_at: float | None = None) -> bool:
        """Record that a page URL resolved to the indexed article `id` (False if not indexed)."""
        n = self._latest(id, self._rows(self._lookup([_id_key(id)])))
        if n is None:
            return False
        self._new_pages[key64(url)] = (n, int(seen_at if seen_at is not None else time.time()))
        return True

    def has_version(self, id: str, version: int) -> bool:
        return any(row.id == id and row.version == version for row in self._rows(self._lookup([_id_key(id)])).values())

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
        self._new_keys = [entry for entry in self._new_keys if entry[1] != n]
        self._new_pages = {url: entry for url, entry in self._new_pages.items() if entry[0] != n}
        # the row stays in memory, matching nothing: no id, no content hash, an empty signature
        self._recent[n] = Row(None, version, 0, np.zeros(self.hasher.num_perm, dtype=np.uint16))
        return True

    def forget_page(self, url: str) -> None:
        """Undo the record of a page not committed yet (its duplicates line could not be written)."""
        self._new_pages.pop(key64(url), None)

    def commit(self, **meta) -> None:
        """Write what was added since the last commit, with `meta`, in one transaction. When it
        fails (a full disk), nothing of it is written and it stays pending."""
        with transaction(self.db):
            self.db.executemany("INSERT INTO article VALUES(?,?,?,?,?,?)", self._new_articles)
            self.db.executemany("INSERT OR IGNORE INTO key VALUES(?,?)", self._new_keys)
            self.db.executemany("INSERT OR REPLACE INTO page VALUES(?,?,?)",
                                [(_sql(url), n, seen) for url, (n, seen) in self._new_pages.items()])
            for key, value in meta.items():
                self.set_meta(key, value)
        self._new_articles, self._new_keys, self._new_pages = [], [], {}
        if self.keep_rows is not None and len(self._recent) > self.keep_rows:   # all committed: SQLite has them
            self._recent, self.keys, self._all_recent = {}, Multimap(), False

    def abandon(self) -> None:
        """Close without committing what is pending (a crawl whose writes failed)."""
        self.db.close()

    def close(self, **meta) -> None:
        self.commit(**meta)
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()
