"""The data folder of a crawl (NEWSBOT_DATA_DIR): its files, its lock, its dedupe index.

One crawl at a time writes to a data folder. The first component that asks for the folder
takes an exclusive lock on ``.lock`` in it (released by the operating system when the process
ends, however it ends); a second crawl on the same folder finds it taken and refuses to write
(the spiders close at once with finish_reason ``data_dir_busy``).

The story index (newsbot.stories) is kept on disk (stories.sqlite, newsbot.stories.store) and
committed with the dedupe index; a crawl reads of it only what its articles can match against.

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
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from datetime import datetime, timezone
from pathlib import Path

from redis.exceptions import RedisError
from scrapy import signals
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.defer import Deferred

from newsbot.dedupe.corpus import corpus_lines, index_corpus, index_duplicates, rebuild_index
from newsbot.dedupe.index import DedupeIndex, IndexMismatch
from newsbot.schema import duplicate_line_problem
from newsbot.dedupe.redis_index import RedisDedupeIndex
from newsbot.dedupe.signature import MinHasher
from newsbot.facts.rules import fact_rules_from_settings, load_fact_rules
from newsbot.feedstorage import write_all
from newsbot.rules import rules_from_settings, load_rules
from newsbot.stories.names import NameTable
from newsbot.stories.days import StatedDay
from newsbot.stories.index import StoryIndex
from newsbot.stories.store import VERSION as STORE_VERSION, StoryStore
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
    """corpus.jsonl -> corpus-<node>.jsonl in distributed mode; .lock -> .lock-<node>."""
    if not node:
        return name
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-{node}.{suffix}" if dot and stem else f"{name}-{node}"


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
        self.stories_dir = self.root / get("NEWSBOT_STORIES_DIR", "stories")
        self.story_store_path = self.root / get("NEWSBOT_STORY_INDEX", "stories.sqlite")
        self.story_settings = dict(threshold=float(get("NEWSBOT_STORY_THRESHOLD", 0.25)),
                                   window_days=int(get("NEWSBOT_STORY_WINDOW_DAYS", 14)),
                                   span_days=int(get("NEWSBOT_STORY_SPAN_DAYS", 4) or 0) or None,
                                   fact_weight=float(get("NEWSBOT_STORY_FACT_WEIGHT", 0.05)),
                                   cross_threshold=float(get("NEWSBOT_STORY_CROSS_THRESHOLD", 0.3)))
        self.names = NameTable.from_settings(settings)
        self.language_rules = rules_from_settings(settings) if hasattr(settings, "getlist") else load_rules()
        self.stated_day = StatedDay(fact_rules_from_settings(settings) if hasattr(settings, "getlist")
                                    else load_fact_rules())
        self.hasher = MinHasher(shingle_size=int(get("NEWSBOT_SHINGLE_SIZE", 5)),
                                num_perm=int(get("NEWSBOT_MINHASH_PERMUTATIONS", 256)))
        self.threshold = float(get("NEWSBOT_NEAR_THRESHOLD", 0.33))
        self.commit_every = int(get("NEWSBOT_INDEX_COMMIT_EVERY", 200))
        self.redis_timeout = float(get("NEWSBOT_REDIS_TIMEOUT", 30))
        self._lock_fh = None
        self._unwritten: Counter = Counter()       # articles the index recorded whose lines are still to come
        self.forgotten: set[str] = set()           # ... and those whose lines never came (the index forgot them)
        self._waiting: list[Deferred] = []         # dedupe calls held until those lines are written
        self._index: DedupeIndex | None = None
        self._stories: StoryIndex | None = None
        self.busy: str | None = None               # why the crawl may not use the folder (a message) ...
        self.refusal: str | None = None            # ... and its finish reason: data_dir_busy, data_dir_unusable, ...
        self.write_error: str | None = None        # the corpus or the index could not be written
        self.crawler = None
        self.stories_unsaved: str | None = None    # why the story index may not be saved (it holds a lost article)

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
            datadir.crawler = crawler
            try:
                datadir.lock()
            except DataDirBusy as exc:
                datadir.refuse("data_dir_busy", str(exc))
            except OSError as exc:         # not a folder, no permission, a read-only file system
                datadir.refuse("data_dir_unusable", f"cannot use the data folder {datadir.root}: "
                                                    f"{exc.strerror or exc} ({exc.filename or datadir.root})")
            crawler._newsbot_datadir = datadir
            crawler.signals.connect(datadir.close, signal=signals.spider_closed)
            # connected after the feed exporter's: the item's line is written (or failed) when these run
            crawler.signals.connect(datadir.item_written, signal=signals.item_scraped)
            crawler.signals.connect(datadir.item_lost, signal=signals.item_dropped)
            crawler.signals.connect(datadir.item_lost, signal=signals.item_error)
        return datadir

    def refuse(self, reason: str, message: str) -> None:
        """The crawl may not use this folder: `reason` is its finish reason (newsbot.outcome)."""
        if self.refusal is None:
            self.refusal, self.busy = reason, message

    def stop_crawl(self, reason: str) -> None:
        """Close the spider with `reason` (a failed write: nothing more can be recorded)."""
        engine = getattr(self.crawler, "engine", None)
        if engine is not None and engine.spider is not None and getattr(engine, "_slot", None) is not None \
                and engine._slot.closing is None:
            deferred_from_coro(engine.close_spider_async(reason=reason))

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
        self.remove_stale_temporaries()

    def remove_stale_temporaries(self) -> None:
        """Remove what a crawl killed while it rewrote a stories file left (stories/.DAY.jsonl.XXXX).
        In distributed mode other processes share the folder: only files an hour old go."""
        for tmp in self.stories_dir.glob(".*.jsonl.*"):
            try:
                if not self.node or time.time() - tmp.stat().st_mtime > 3600:
                    tmp.unlink()
                    logger.info("Removed %s, left by a crawl that stopped while writing stories", tmp)
            except OSError:
                pass

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
                self._index = self._open_redis_index()
                return self._index
            # commits come from _commit(), when the items judged so far are written
            try:
                self._index = DedupeIndex(self.index_path, self.hasher, self.threshold, commit_every=0)
                added = index_corpus(self._index, self.corpus)
                index_duplicates(self._index, self.duplicates)
            except sqlite3.DatabaseError as exc:        # not a database, malformed: repaired, never half-used
                self._index = self._rebuild_damaged_index(exc)
                added = 0
            if added:
                logger.warning("Dedupe index: caught up with %d corpus lines it had not recorded", added)
        return self._index

    def _open_redis_index(self) -> RedisDedupeIndex:
        """The shared index on Redis; rebuilt from the corpus parts in this folder when Redis lost
        its data (no marker of a complete index), by one process while the others wait."""
        index = RedisDedupeIndex(self.redis_url, self.hasher, self.threshold, self.redis_prefix,
                                 timeout=self.redis_timeout)
        deadline = time.monotonic() + self.redis_timeout
        while not index.complete():
            if index.claim_rebuild():
                try:
                    if not index.complete():
                        articles = sum(index_corpus(index, part, offset=0) for part in self.parts(self.corpus_name))
                        pages = sum(index_duplicates(index, part, offset=0) for part in self.parts(self.duplicates_name))
                        if articles or pages:
                            logger.warning("Dedupe index on Redis: it held no marker of a complete index (Redis lost "
                                           "its data?); rebuilt from the corpus parts in %s: %d articles, %d pages",
                                           self.root, articles, pages)
                        index.mark_complete()
                finally:
                    index.release_rebuild()
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"another process has been rebuilding the Redis index for over {self.redis_timeout:g} s")
            time.sleep(0.2)
        return index

    def _rebuild_damaged_index(self, error: Exception) -> DedupeIndex:
        self._move_aside(self.index_path, error)
        index, articles, pages = rebuild_index(self.index_path, self.hasher, self.threshold,
                                               self.corpus, self.duplicates)
        index.commit_every = 0
        logger.warning("Dedupe index rebuilt: %d articles, %d duplicate pages", articles, pages)
        return index

    def open_index(self) -> None:
        """Open the dedupe index and the story index now (at the start of a crawl), or refuse the
        folder with the reason it cannot be used."""
        try:
            self.index
            what, path, command = "story index", self.story_store_path, "newsbot.stories"
            if not self.redis_url:           # distributed: the stories are replayed at the end
                self.stories
        except IndexMismatch as exc:
            self.refuse("index_unusable", str(exc))
        except sqlite3.Error as exc:
            if self._index is None:
                what, path, command = "dedupe index", self.index_path, "newsbot.dedupe"
            self.refuse("index_unusable", f"the {what} {path} cannot be used: {exc}; "
                                          f"rebuild it with `python -m {command} rebuild {self.root}`")
        except TimeoutError as exc:
            self.refuse("service_unavailable", str(exc))
        except OSError as exc:
            self.refuse("data_dir_unusable", f"cannot use the data folder {self.root}: {exc}")
        except RedisError as exc:
            self.refuse("service_unavailable", f"Redis at {self.redis_url} is unavailable: {exc}")

    @property
    def stories(self) -> StoryIndex:
        """The stories of the corpus so far: the story index on disk, brought up to date with the
        corpus lines it has not recorded (a crawl killed after writing them, an older version's
        folder). In distributed mode, built in memory by replaying every corpus part."""
        if self.busy:
            raise DataDirBusy(self.busy)
        if self._stories is None:
            if self.redis_url:
                self._stories = self.story_index()
                for _, record in self.corpus_records():
                    self._stories.add(record)
            else:
                self._stories = self._open_story_index()
        return self._stories

    def story_index(self, store: StoryStore | None = None) -> StoryIndex:
        return StoryIndex(TermExtractor(self.language_rules, self.names), store=store, stated_day=self.stated_day,
                          **self.story_settings)

    @cached_property
    def story_fingerprint(self) -> dict:
        """What the story index was made with: when it changes, the index is made anew."""
        return {**self.story_settings, "terms": TermExtractor(self.language_rules, self.names).fingerprint(),
                "names": self.names.fingerprint() if self.names else None, "days": self.stated_day.fingerprint(),
                "store": STORE_VERSION}

    def made_alike(self, made_with: dict, latin_articles: int) -> bool:
        """A story index made with these settings and rules; the name table aside while it holds no
        article in another script (the table changed none of its terms)."""
        if made_with == self.story_fingerprint:
            return True
        return not latin_articles and isinstance(made_with, dict) and \
            {k: v for k, v in made_with.items() if k != "names"} == \
            {k: v for k, v in self.story_fingerprint.items() if k != "names"}

    def _open_story_index(self) -> StoryIndex:
        """The story index on disk, caught up with the corpus (and the duplicates file); made anew
        from the corpus when it was made with other settings or rules, the corpus was replaced,
        or it is damaged (then it is moved aside first)."""
        try:
            return self._caught_up_story_index()
        except sqlite3.OperationalError:       # locked, a full disk, an I/O error: not the file's fault
            raise
        except sqlite3.DatabaseError as exc:   # not a database, malformed: repaired, never half-used
            self._move_aside(self.story_store_path, exc)
            return self._caught_up_story_index()

    def _move_aside(self, path: Path, error: Exception) -> None:
        """A damaged SQLite file (and its -wal, -shm) to PATH.damaged-TIME, where it can be looked at."""
        aside = path.with_name(f"{path.name}.damaged-{int(time.time())}")
        for suffix in ("", "-wal", "-shm"):
            part = path.with_name(path.name + suffix)
            if part.exists():
                part.rename(aside.with_name(aside.name + suffix))
        logger.error("%s is damaged (%s): moved to %s; making it anew from the corpus", path, error, aside)

    def _caught_up_story_index(self) -> StoryIndex:
        store = StoryStore(self.story_store_path)
        covered = store.get_meta("corpus_size", 0)
        made_with = store.get_meta("settings")
        alike = made_with is None or self.made_alike(made_with, store.get_meta("latin_articles", 0))
        if not alike or covered > self.corpus_size():
            logger.warning("Story index %s: %s; making it anew from the corpus", self.story_store_path,
                           "the corpus was replaced" if alike
                           else "it was made with other story settings, language rules or table layout")
            store.close()
            StoryStore.remove(self.story_store_path)
            store, covered = StoryStore(self.story_store_path), 0
        index = self.story_index(store)
        added = 0
        if self.corpus.exists():
            # saved as it goes (with what it covers then), so a large catch-up is held in memory
            # a part at a time and an interrupted one resumes where it was
            added = index.replay(corpus_lines(self.corpus, covered),
                                 lambda offset: {"corpus_size": offset, "settings": self.story_fingerprint})
        if added or made_with is None:
            if added:
                logger.warning("Story index: caught up with %d corpus lines it had not recorded", added)
            self.save_stories(index)
            self.remove_old_stories_file()
        return index

    def remove_old_stories_file(self) -> None:
        """stories.jsonl of a folder an older version wrote: the stories/ files replace it."""
        old = self.root / "stories.jsonl"
        if old.exists():
            old.unlink()
            logger.info("Removed %s: the stories are in %s/, one file per day", old, self.stories_dir)

    def new_copies(self, index: StoryIndex) -> tuple[list[dict], int]:
        """The duplicates lines the story index has not recorded, and the size of the file."""
        start = index.store.get_meta("duplicates_size", 0)
        size = self.size_of(self.duplicates)
        if start > size:                     # the file was replaced: its copies were recorded already
            start = size
        lines = [line for _, line in corpus_lines(self.duplicates, start, problem=duplicate_line_problem)] \
            if size > start else []
        return lines, size

    def save_stories(self, index: StoryIndex | None = None, copies: list[dict] | None = None) -> set[str]:
        """Save the story index (it holds only articles whose lines are written: see checkpoint),
        with the copies found since (default: the duplicates lines it has not recorded); the
        stories whose output is now out of date."""
        index = index or self._stories
        if index is None or index.store is None or self.stories_unsaved:
            return set()
        if copies is None:
            copies, duplicates_size = self.new_copies(index)
        else:
            duplicates_size = self.size_of(self.duplicates)
        return index.save(copies, corpus_size=self.corpus_size(), duplicates_size=duplicates_size,
                          settings=self.story_fingerprint)

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
        return [line for path in self.parts(self.duplicates_name)
                for _, line in corpus_lines(path, problem=duplicate_line_problem)]

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

    def item_written(self, item=None, *args, **kwargs) -> None:
        """An item passed every stage and the feed exporter wrote it: its article counts as seen,
        unless its corpus line failed to write (then it is forgotten, like a lost item)."""
        article_id = item.get("id") if item is not None and hasattr(item, "get") else None
        if article_id in self._unwritten:
            if self.write_error:
                self._forget(item)
            else:
                self._done(article_id)
                if self.crawler is not None:
                    version = item.get("version") or 1
                    self.crawler.stats.inc_value("newsbot/written/new" if version == 1 else "newsbot/written/version")
        self.checkpoint()

    def item_lost(self, item=None, *args, **kwargs) -> None:
        """An item dropped or lost to an error: if the index had recorded its article (a stage
        after dedupe failed, its record broke the schema), the index forgets it, so the page is
        judged anew next time instead of being skipped as known."""
        article_id = item.get("id") if item is not None and hasattr(item, "get") else None
        if article_id in self._unwritten:
            self._forget(item)
        self.checkpoint()

    def _done(self, article_id: str) -> None:
        self._unwritten[article_id] -= 1
        if self._unwritten[article_id] <= 0:
            del self._unwritten[article_id]

    @property
    def unwritten(self) -> Counter:
        return self._unwritten

    def _forget(self, item) -> None:
        self._done(item["id"])
        self.forgotten.add(item["id"])
        if item.get("story_id") and self.stories_unsaved is None:
            # the story index took it and cannot give it back: the next crawl catches up from the corpus
            self.stories_unsaved = f"it holds {item['id']}, whose line was not written"
        if self._index is not None:
            try:
                self._index.forget(item["id"], item.get("version") or 1, urls=(item.get("url"), item.get("canonical_url")))
            except Exception as exc:       # Redis gone: the run that rebuilds or finds it judges the page anew
                logger.error("Dedupe index: could not forget %s: %s", item["id"], exc)
        if self.crawler is not None:
            self.crawler.stats.inc_value("newsbot/forgotten")
        logger.warning("Not written, and so not marked as seen: %s (%s)", item.get("url"), item["id"])

    def checkpoint(self) -> None:
        """Commit the index every so many pages, at a moment when every article it recorded has
        its corpus line on disk. The index then never holds an article whose line a crash could
        lose."""
        if self._unwritten:
            return
        index = self._index
        if index is not None and index.pending >= self.commit_every and not self.write_error:
            self._commit()
        self._release_waiting()

    def _commit(self, index=None, stop: bool = True) -> bool:
        """fsync the corpus, then commit the index: a line is durable before its article counts
        as seen; then save the story index. A failure stops the crawl (output_failed), or is logged
        when it is closing."""
        written = self.index_path
        try:
            if self.corpus.exists():
                fd = os.open(self.corpus, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            (index if index is not None else self._index).commit(corpus_size=self.corpus_size(),
                                                                 duplicates_size=self.size_of(self.duplicates))
            written = self.story_store_path
            self.save_stories()
            return True
        except (OSError, sqlite3.Error) as exc:
            message = f"cannot write {written}: {exc}"
            if stop:
                self.output_failed(message)
            else:
                logger.error("%s; the next crawl catches up from the corpus", message)
            return False

    def output_failed(self, message: str) -> None:
        """A write to the data folder failed: nothing more is recorded, the crawl stops with
        output_failed (exit status 6); what was not written is not marked as seen."""
        if self.refusal is not None:           # the folder was refused: that is the reason given
            return
        if self.write_error is None:
            self.write_error = message
            logger.error("%s; stopping the crawl (articles not written are not marked as seen)", message)
        self.stop_crawl("output_failed")

    def service_failed(self, error: Exception) -> None:
        """Redis (distributed mode) failed: the crawl stops with service_unavailable (exit 8)."""
        if self.write_error is None:
            self.write_error = f"Redis at {self.redis_url} is unavailable: {error}"
            logger.error("%s; stopping the crawl", self.write_error)
        self.stop_crawl("service_unavailable")

    def _release_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for d in waiting:
            d.callback(None)

    def corpus_size(self) -> int:
        return self.size_of(self.corpus)

    @staticmethod
    def size_of(path: Path) -> int:
        return path.stat().st_size if path.exists() else 0

    def close(self, spider=None, reason=None) -> None:
        self._release_waiting()
        index, self._index = self._index, None
        if index is not None:
            try:
                # every item has been written or forgotten: what the index holds has its line (after a
                # failed write too); otherwise the next crawl catches up from the corpus
                if not self._unwritten and self._commit(index, stop=False):
                    index.close()
                else:
                    index.abandon()
            except (OSError, sqlite3.Error) as exc:
                logger.error("Dedupe index %s could not be closed: %s", self.index_path, exc)
        stories, self._stories = self._stories, None
        if stories is not None and stories.store is not None:
            try:
                stories.store.close()
            except sqlite3.Error as exc:
                logger.error("Story index %s could not be closed: %s", self.story_store_path, exc)
        if self._lock_fh is not None:
            self._lock_fh.close()
            self._lock_fh = None

    def append_duplicate(self, record: dict) -> None:
        """One line of duplicates.jsonl, written whole. When it cannot be written, the index
        forgets the page, so that the next crawl judges it again."""
        if not self._append(self.duplicates, record) and self._index is not None:
            self._index.forget_page(record["url"])

    def append_reject(self, url: str, reason: str, message: str) -> None:
        """One line of rejects.jsonl: a page or input that did not become an article, and why."""
        if self.busy:
            return
        self._append(self.rejects, {"url": url, "reason": reason, "message": message,
                                    "at": datetime.now(timezone.utc).isoformat(timespec="seconds")})

    def _append(self, path: Path, record: dict) -> bool:
        try:
            _append_line(path, record)
            return True
        except OSError as exc:
            self.output_failed(f"cannot write to {path}: {exc.strerror or exc}")
            return False


def _append_line(path: Path, record: dict) -> None:
    """Append one JSON line with a single write to an append-only descriptor: whole or absent."""
    data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        write_all(fd, data)
    finally:
        os.close(fd)
