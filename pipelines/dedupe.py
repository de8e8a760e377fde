"""Dedupe stage: a page the corpus already holds, or a copy of one, is not written again.

Each article is judged against the persistent index of the data folder (see
newsbot.dedupe.index for the rules):

- new: written, version 1;
- version: the same page came back with other text: written again with the next version;
- unchanged: the same page with the same text: not written (stats ``newsbot/dedupe/unchanged``);
- exact / near: a copy of an article in the corpus: not written; one line in duplicates.jsonl
  (url, id, duplicate_of, kind, similarity, seen_at) and stats ``newsbot/dedupe/<kind>``.

The first copy to reach the index is the one the corpus keeps. Settings:
NEWSBOT_NEAR_THRESHOLD, NEWSBOT_SHINGLE_SIZE, NEWSBOT_MINHASH_PERMUTATIONS,
NEWSBOT_DEDUPE_INDEX, NEWSBOT_DUPLICATES_FILE.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from itemadapter import ItemAdapter
from redis.exceptions import RedisError
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.exceptions import DropItem

from newsbot.datadir import DataDir
from newsbot.dedupe import EXACT, NEAR, UNCHANGED
from newsbot.inorder import InOrder

logger = logging.getLogger(__name__)


class Duplicate(DropItem):
    """Not written: the corpus already holds this article (unchanged) or a copy of it."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class DedupePipeline:
    def __init__(self, datadir: DataDir, stats):
        self.datadir = datadir
        self.stats = stats
        self.turns = InOrder()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(DataDir.from_crawler(crawler), crawler.stats)

    async def process_item(self, item, spider=None):
        # duplicates.jsonl lists copies in the order they reached this stage, though a verdict may
        # wait for its original's line (see judge): each page takes a turn, and its line is
        # written when every earlier page has been judged
        number, turn = self.turns.take()
        turn.addCallback(self.write_duplicate)
        try:
            duplicate = await self.judge(ItemAdapter(item))
        except BaseException:
            self.turns.settle(number, None)
            raise
        self.turns.settle(number, duplicate)
        if duplicate is None:
            return item
        await maybe_deferred_to_future(turn)
        raise Duplicate(duplicate["kind"], f"{duplicate['url']}: {duplicate['kind']} duplicate of "
                                           f"{duplicate['duplicate_of']} (similarity {duplicate['similarity']})")

    async def judge(self, adapter) -> dict | None:
        """The duplicates.jsonl line of a copy, or None for an article to write (its version set)."""
        if self.datadir.busy:
            raise DropItem(self.datadir.busy)
        if self.datadir.commit_due():            # let the index commit (see DataDir.checkpoint)
            await maybe_deferred_to_future(self.datadir.lines_written())
        url, id = adapter["url"], adapter["id"]
        if self.datadir.write_error:
            raise DropItem(f"{url}: not judged, the crawl is stopping ({self.datadir.write_error})")
        verdict = self.record(adapter)
        if verdict.kind in (EXACT, NEAR) and verdict.duplicate_of in self.datadir.unwritten:
            # a copy of an article whose line is still to come: if that line never lands (a later
            # stage fails, the disk fills up), the copy is judged again, not recorded as its copy
            await maybe_deferred_to_future(self.datadir.lines_written())
            if verdict.duplicate_of in self.datadir.forgotten:
                verdict = self.record(adapter)
        self.stats.inc_value(f"newsbot/dedupe/{verdict.kind}")
        if verdict.kind == UNCHANGED:
            raise Duplicate(UNCHANGED, f"{url}: unchanged since it was written (version {verdict.version})")
        if verdict.kind in (EXACT, NEAR):
            return {"url": url, "id": id, "duplicate_of": verdict.duplicate_of, "kind": verdict.kind,
                    "similarity": verdict.similarity,
                    "seen_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        adapter["version"] = verdict.version
        self.datadir.line_pending(id)
        return None

    def write_duplicate(self, duplicate: dict | None) -> dict | None:
        if duplicate is not None:
            self.datadir.append_duplicate(duplicate)
        return duplicate

    def record(self, adapter):
        url = adapter["url"]
        try:
            return self.datadir.index.record(url, adapter["id"], adapter["content_hash"], adapter.get("text") or "",
                                             adapter.get("canonical_url"))
        except RedisError as exc:                # Redis is gone: nothing more can be judged
            self.datadir.service_failed(exc)
            raise DropItem(f"{url}: not judged, Redis is unavailable") from None
