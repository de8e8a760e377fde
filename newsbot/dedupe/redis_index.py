"""The dedupe index on Redis: one notion of "seen" for several crawler processes.

The same judging rules as newsbot.dedupe.index (same id, same content hash, estimated Jaccard
similarity of MinHash signatures over LSH bands), kept in a Redis server that every process of a
distributed crawl shares (``NEWSBOT_REDIS_URL``). Keys, under ``NEWSBOT_REDIS_PREFIX``:

    <p>:article:<id>    hash: version, hash (content-hash key) of the latest version written
    <p>:hash:<key>      the id of the first article written with this content (claimed with SET NX)
    <p>:sig:<id>        the MinHash signature of the latest version
    <p>:band:<key>      set of ids with this LSH band key
    <p>:page:<key>      "<id> <unix time>": the article a page URL last resolved to

Two processes that fetch two copies of one text at the same moment both judge it new; the
second to claim its content hash loses and records it as an exact copy instead (record()).
Near copies judged at the same moment can both be written: the window is the time between a
judgement and its write, a few milliseconds.
"""

from __future__ import annotations

import time

import numpy as np

from newsbot.dedupe.index import EXACT, NEAR, NEW, UNCHANGED, VERSION, Verdict, key64
from newsbot.dedupe.signature import MinHasher, similarity


class RedisDedupeIndex:
    def __init__(self, url: str, hasher: MinHasher | None = None, threshold: float = 0.33,
                 prefix: str = "newsbot", timeout: float = 10):
        import redis

        # bounded waits: a Redis that does not answer is an error within seconds, not a hang
        self.redis = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        self.redis.ping()
        self.hasher = hasher or MinHasher()
        self.threshold = threshold
        self.prefix = prefix
        self.pending = 0        # nothing is held back: every add() is written at once

    def _key(self, kind: str, value) -> str:
        return f"{self.prefix}:{kind}:{value}"

    # --- the marker of a complete index -------------------------------------------------------
    # Redis may lose its data (a restart without persistence, a flush): the index then knows none
    # of the articles the corpus parts hold. The marker key says the index is complete; when it is
    # missing, one process rebuilds the index from the parts (DataDir.index) while the others wait.
    def complete(self) -> bool:
        return bool(self.redis.exists(self._key("index", "complete")))

    def mark_complete(self) -> None:
        self.redis.set(self._key("index", "complete"), int(time.time()))

    def claim_rebuild(self, seconds: int = 600) -> bool:
        """True for the one process that may rebuild the index now."""
        return bool(self.redis.set(self._key("index", "rebuilding"), int(time.time()), nx=True, ex=seconds))

    def release_rebuild(self) -> None:
        self.redis.delete(self._key("index", "rebuilding"))

    # --- judging -----------------------------------------------------------------------------
    def judge(self, url: str, id: str, content_hash: str, text: str) -> Verdict:
        signature = self.hasher.signature(text)
        bands = self.hasher.band_keys(signature) if signature.any() else None
        hash_key = key64(content_hash)
        pipe = self.redis.pipeline()
        pipe.hgetall(self._key("article", id))
        pipe.get(self._key("page", key64(url)))
        pipe.get(self._key("hash", hash_key))
        if bands is not None:
            pipe.sunion([self._key("band", int(b)) for b in bands])
        article, page, same_text, *candidates = pipe.execute()
        verdict = self._verdict(id, hash_key, signature, article, page, same_text,
                                candidates[0] if candidates else set())
        verdict.signature, verdict.band_keys, verdict.lookup_keys = signature, bands, (key64("id:" + id), hash_key)
        return verdict

    def _verdict(self, id, hash_key, signature, article, page, same_text, candidates) -> Verdict:
        if article:
            version = int(article[b"version"])
            page_id = page.split(b" ")[0].decode() if page else None
            if page_id != id:
                return Verdict(EXACT, version, id, 1.0)
            if int(article[b"hash"]) == hash_key:
                return Verdict(UNCHANGED, version, id, 1.0)
            return Verdict(VERSION, version + 1, None, None)
        if same_text:
            return Verdict(EXACT, 1, same_text.decode(), 1.0)
        ids = sorted(c.decode() for c in candidates if c.decode() != id)
        if ids and signature.any():
            sigs = self.redis.mget([self._key("sig", i) for i in ids])
            best, best_sim = None, -1.0
            for other, raw in zip(ids, sigs):
                if raw is None:
                    continue
                sim = float(similarity(signature, np.frombuffer(raw, dtype=signature.dtype)))
                if sim > best_sim:
                    best, best_sim = other, sim
            if best is not None and best_sim >= self.threshold:
                return Verdict(NEAR, 1, best, round(best_sim, 4))
        return Verdict(NEW)

    # --- recording ---------------------------------------------------------------------------
    def add(self, verdict: Verdict, url: str, id: str, content_hash: str, canonical_url: str | None = None,
            seen_at: float | None = None) -> bool:
        """Record a judged page; False when another process claimed this text first."""
        seen = int(seen_at if seen_at is not None else time.time())
        if verdict.write:
            hash_key = verdict.lookup_keys[1]
            if not self.redis.set(self._key("hash", hash_key), id, nx=True) and verdict.kind == NEW:
                return False
            pipe = self.redis.pipeline()
            pipe.hset(self._key("article", id), mapping={"version": verdict.version, "hash": hash_key})
            pipe.set(self._key("sig", id), verdict.signature.tobytes())
            if verdict.band_keys is not None:
                for band in verdict.band_keys:
                    pipe.sadd(self._key("band", int(band)), id)
            pipe.execute()
        owner = id if verdict.write or verdict.kind == UNCHANGED else verdict.duplicate_of
        pages = [url] + ([canonical_url] if canonical_url and verdict.write else [])
        self.redis.mset({self._key("page", key64(u)): f"{owner} {seen}" for u in pages})
        return True

    def record(self, url: str, id: str, content_hash: str, text: str, canonical_url: str | None = None) -> Verdict:
        """Judge a page and record it, as one step that two processes cannot both win."""
        verdict = self.judge(url, id, content_hash, text)
        if not self.add(verdict, url, id, content_hash, canonical_url):
            verdict = self.judge(url, id, content_hash, text)     # lost the claim: now an exact copy
            self.add(verdict, url, id, content_hash, canonical_url)
        return verdict

    def forget(self, id: str, version: int, urls=()) -> bool:
        """Undo the add() of an article version whose line was never written: a first version
        is removed with its content hash, bands and pages; a later one goes back to the version
        before it, with a content hash nothing has, so the page is judged a new version again."""
        pipe = self.redis.pipeline()
        if version <= 1:
            hash_key = self.redis.hget(self._key("article", id), "hash")
            if hash_key is not None and self.redis.get(self._key("hash", int(hash_key))) == id.encode():
                pipe.delete(self._key("hash", int(hash_key)))
            sig = self.redis.get(self._key("sig", id))
            if sig is not None:
                for band in self.hasher.band_keys(np.frombuffer(sig, dtype=np.uint16)):
                    pipe.srem(self._key("band", int(band)), id)
            pipe.delete(self._key("article", id), self._key("sig", id))
            for url in urls:
                if url:
                    pipe.delete(self._key("page", key64(url)))
        else:
            pipe.hset(self._key("article", id), mapping={"version": version - 1, "hash": 0})
        pipe.execute()
        return True

    def forget_page(self, url: str) -> None:
        self.redis.delete(self._key("page", key64(url)))

    def remember_page(self, url: str, id: str, seen_at: float | None = None) -> bool:
        if not self.redis.exists(self._key("article", id)):
            return False
        self.redis.set(self._key("page", key64(url)), f"{id} {int(seen_at or time.time())}")
        return True

    def has_version(self, id: str, version: int) -> bool:
        latest = self.redis.hget(self._key("article", id), "version")
        return latest is not None and int(latest) >= version

    def seen_at(self, url: str) -> int | None:
        page = self.redis.get(self._key("page", key64(url)))
        return int(page.split(b" ")[1]) if page else None

    def commit(self, **meta) -> None:
        pass

    def close(self, **meta) -> None:
        self.redis.close()

    abandon = close       # every add() is written at once: nothing is pending
