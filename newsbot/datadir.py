"""The data folder of a crawl (NEWSBOT_DATA_DIR): its files, its lock, its dedupe index.

One crawl at a time writes to a data folder. The first component that asks for the folder
takes an exclusive lock on ``.lock`` in it (released by the operating system when the process
ends, however it ends); a second crawl on the same folder finds it taken and refuses to write
(the spiders close at once with finish_reason ``data_dir_busy``).

The story index (newsbot.stories) is built once per crawl, on first use, by replaying the corpus.

Distributed mode (NEWSBOT_REDIS_URL): the dedupe index is the shared one on Redis, and this
process's files are its own parts (corpus-<node>.jsonl, duplicates-, rejects-, .lock-<node>);
readers of the folder (stories, rebuild) read every part. Every line of every file is appended with
one write to an append-only descriptor, and a cut last line is moved aside when the folder is locked.

The dedupe index is opened once per crawl and shared by the components that need it (the
dedupe pipeline, the known-pages middleware); on open it catches up with corpus lines the
index has not recorded (a crawl killed after writing them), and it is closed at the end of
the crawl with the corpus size it covers.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals
from twisted.internet.defer import Deferred

from newsbot.dedupe.corpus import corpus_lines, index_corpus
from newsbot.dedupe.index import DedupeIndex
from newsbot.dedupe.redis_index import RedisDedupeIndex
from newsbot.dedupe.signature import MinHasher
from newsbot.feedstorage import write_all
from newsbot.rules import rules_from_settings, load_rules
from newsbot.stories.index import StoryIndex
from newsbot.stories.terms import TermExtractor

logger = logging.getLogger(__name__)


class DataDirBusy(RuntimeError):
    pass


def node_name(settings) -> str | None:
    """In distributed mode (NEWSBOT_REDIS_URL set), this process's name: NEWSBOT_NODE, else
    host-pid. Its files in the data folder carry it (corpus-<node>.jsonl); None otherwise."""
    get = settings.get
    if not get("NEWSBOT_REDIS_URL"):
        return None
    return get("NEWSBOT_NODE") or f"{socket.gethostname()}-{os.getpid()}"


def part_name(name: str, node: str | None) -> str:
    """corpus.jsonl -> corpus-<node>.jsonl in distributed mode."""
    if not node:
        return name
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-{node}.{suffix}" if dot else f"{name}-{node}"


def corpus_path(settings) -> Path:
    return Path(settings.get("NEWSBOT_DATA_DIR", "data")) / part_name(
        settings.get("NEWSBOT_CORPUS_FILE", "corpus.jsonl"), node_name(settings))


class DataDir:
    def __init__(self, root: str | Path, settings=None):
        settings = settings or {}
        get = settings.get
        self.root = Path(root)
        self.redis_url = get("NEWSBOT_REDIS_URL") or None
        self.redis_prefix = get("NEWSBOT_REDIS_PREFIX", "newsbot")
        self.node = node_name(settings) if hasattr(settings, "get") else None
        self.corpus_name = get("NEWSBOT_CORPUS_FILE", "corpus.jsonl")
        self.duplicates_name = get("NEWSBOT_DUPLICATES_FILE", "duplicates.jsonl")
        self.corpus = self.root / part_name(self.corpus_name, self.node)
        self.duplicates = self.root / part_name(self.duplicates_name, self.node)
        self.rejects = self.root / part_name(get("NEWSBOT_REJECTS_FILE", "rejects.jsonl"), self.node)
        self.index_path = self.root / get("NEWSBOT_DEDUPE_INDEX", "index.sqlite")
        self.stories_path = self.root / get("NEWSBOT_STORIES_FILE", "stories.jsonl")
        self.story_settings = dict(threshold=float(get("NEWSBOT_STORY_THRESHOLD", 0.25)),
                                   window_days=int(get("NEWSBOT_STORY_WINDOW_DAYS", 14)),
                                   fact_weight=float(get("NEWSBOT_STORY_FACT_WEIGHT", 0.05)))
        self.language_rules = rules_from_settings(settings) if hasattr(settings, "getlist") else load_rules()
        self.hasher = MinHasher(shingle_size=int(get("NEWSBOT_SHINGLE_SIZE", 5)),
                                num_perm=int(get("NEWSBOT_MINHASH_PERMUTATIONS", 256)))
        self.threshold = float(get("NEWSBOT_NEAR_THRESHOLD", 0.33))
        self.commit_every = int(get("NEWSBOT_INDEX_COMMIT_EVERY", 200))
        self._lock_fh = None
        self._unwritten: Counter = Counter()       # articles the index recorded whose lines are still to come
        self._waiting: list[Deferred] = []         # dedupe calls held until those lines are written
        self._index: DedupeIndex | None = None
        self._stories: StoryIndex | None = None
        self.busy: str | None = None

    @classmethod
    @contextmanager
    def for_command(cls, data_dir: str | None, settings) -> Iterator[DataDir]:
        """The data folder a command line names (default: NEWSBOT_DATA_DIR), locked for the
        `with` block and closed after it. When a crawl holds it, the command ends with that
        message and exit status 1."""
        datadir = cls(data_dir or settings.get("NEWSBOT_DATA_DIR", "data"), settings)
        try:
            datadir.lock()
        except DataDirBusy as exc:
            raise SystemExit(str(exc)) from None
        try:
            yield datadir
        finally:
            datadir.close()

    @classmethod
    def from_crawler(cls, crawler) -> DataDir:
        """The crawl's data folder, locked; one object a crawler, closed when the spider closes."""
        datadir = getattr(crawler, "_newsbot_datadir", None)
        if datadir is None:
            datadir = cls(crawler.settings.get("NEWSBOT_DATA_DIR", "data"), crawler.settings)
            try:
                datadir.lock()
            except DataDirBusy as exc:
                datadir.busy = str(exc)
            crawler._newsbot_datadir = datadir
            crawler.signals.connect(datadir.close, signal=signals.spider_closed)
            # connected after the feed exporter's: the item's line is written when these run
            crawler.signals.connect(datadir.checkpoint, signal=signals.item_scraped)
            crawler.signals.connect(datadir.checkpoint, signal=signals.item_dropped)
            crawler.signals.connect(datadir.checkpoint, signal=signals.item_error)
        return datadir

    # --- lock -------------------------------------------------------------------------------
    def lock(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.root / part_name(".lock", self.node), "a+")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            fh.close()
            raise DataDirBusy(f"{self.root} is in use by another crawl ({holder}); "
                              "wait for it to finish or give this one another NEWSBOT_DATA_DIR") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}, since {time.strftime('%Y-%m-%dT%H:%M:%S%z')}\n")
        fh.flush()
        self._lock_fh = fh
        # a process forked from this one (a worker) must not keep the lock after this one dies
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=fh.close)
        for path in (self.corpus, self.duplicates, self.rejects):
            self.repair(path)

    @staticmethod
    def repair(path: Path) -> None:
        """Cut a last line that lacks its newline (a crash of an older version, a full disk) off
        into PATH.partial-TIME, so the next line is not glued to it."""
        if not path.exists() or path.stat().st_size == 0:
            return
        with open(path, "rb+") as fh:
            fh.seek(0, os.SEEK_END)
            end = fh.tell()
            step, tail = 1 << 16, b""
            while end - len(tail) > 0 and b"\n" not in tail:
                start = max(0, end - len(tail) - step)
                fh.seek(start)
                tail = fh.read(end - len(tail) - start) + tail
            if tail.endswith(b"\n"):
                return
            keep = end - len(tail) + tail.rfind(b"\n") + 1 if b"\n" in tail else 0
            fh.seek(keep)
            partial = fh.read()
            aside = path.parent / f"{path.name}.partial-{int(time.time())}"
            aside.write_bytes(partial)
            fh.truncate(keep)
        logger.warning("%s: its last line was cut short; its %d bytes were moved to %s", path, len(partial), aside)

    # --- index ------------------------------------------------------------------------------
    @property
    def index(self) -> DedupeIndex:
        if self.busy:
            raise DataDirBusy(self.busy)
        if self._index is None:
            if self.redis_url:
                self._index = RedisDedupeIndex(self.redis_url, self.hasher, self.threshold, self.redis_prefix)
                return self._index
            # commits come from checkpoint(), when the items judged so far are written
            self._index = DedupeIndex(self.index_path, self.hasher, self.threshold, commit_every=0)
            added = index_corpus(self._index, self.corpus)
            if added:
                logger.warning("Dedupe index: caught up with %d corpus lines it had not recorded", added)
        return self._index

    @property
    def stories(self) -> StoryIndex:
        """The stories of the corpus so far (built by replaying corpus.jsonl in its order)."""
        if self.busy:
            raise DataDirBusy(self.busy)
        if self._stories is None:
            self._stories = StoryIndex(TermExtractor(self.language_rules), **self.story_settings)
            for _, record in self.corpus_records():
                self._stories.add(record)
        return self._stories

    def parts(self, name: str) -> list[Path]:
        """NAME and its per-process parts (NAME-<node>.jsonl), in a stable order."""
        stem, _, suffix = name.rpartition(".")
        found = [self.root / name] if (self.root / name).exists() else []
        return found + sorted(self.root.glob(f"{stem}-*.{suffix}"))

    def corpus_records(self):
        """(offset, record) of every whole line of every corpus part."""
        for path in self.parts(self.corpus_name):
            yield from corpus_lines(path)

    def duplicate_lines(self) -> list[dict]:
        return [line for path in self.parts(self.duplicates_name) for _, line in corpus_lines(path)]

    def line_pending(self, article_id: str) -> None:
        """The index has recorded this article; its corpus line is still to come (the stages
        after dedupe run while other pages are judged)."""
        self._unwritten[article_id] += 1

    def commit_due(self) -> bool:
        """The index should commit but some article it recorded still waits for its line: the
        dedupe stage waits (lines_written()) before recording more, so that the moment comes."""
        return self._index is not None and bool(self._unwritten) and self._index.pending >= self.commit_every

    def lines_written(self) -> Deferred:
        """Fires once every article the index recorded has its corpus line written."""
        d = Deferred()
        if self._unwritten:
            self._waiting.append(d)
        else:
            d.callback(None)
        return d

    def checkpoint(self, item=None, *args, **kwargs) -> None:
        """After an item was written, dropped or lost to an error: commit the index every so many
        pages, at a moment when every article it recorded has its corpus line on disk. The index
        then never holds an article whose line a crash could lose."""
        article_id = item.get("id") if item is not None and hasattr(item, "get") else None
        if article_id in self._unwritten:
            self._unwritten[article_id] -= 1
            if self._unwritten[article_id] <= 0:
                del self._unwritten[article_id]
        if self._unwritten:
            return
        index = self._index
        if index is not None and index.pending >= self.commit_every:
            index.commit(corpus_size=self.corpus_size())
        self._release_waiting()

    def _release_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for d in waiting:
            d.callback(None)

    def corpus_size(self) -> int:
        return self.corpus.stat().st_size if self.corpus.exists() else 0

    def close(self, spider=None, reason=None) -> None:
        self._release_waiting()
        if self._index is not None:
            self._index.close(corpus_size=self.corpus_size())
            self._index = None
        if self._lock_fh is not None:
            self._lock_fh.close()
            self._lock_fh = None

    def append_duplicate(self, record: dict) -> None:
        """One line of duplicates.jsonl, written whole."""
        _append_line(self.duplicates, record)

    def append_reject(self, url: str, reason: str, message: str) -> None:
        """One line of rejects.jsonl: a page or input that did not become an article, and why."""
        if self.busy:
            return
        _append_line(self.rejects, {"url": url, "reason": reason, "message": message,
                                    "at": datetime.now(timezone.utc).isoformat(timespec="seconds")})


def _append_line(path: Path, record: dict) -> None:
    """Append one JSON line with a single write to an append-only descriptor: whole or absent."""
    data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        write_all(fd, data)
    finally:
        os.close(fd)
