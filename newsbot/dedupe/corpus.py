"""Bring the dedupe index up to date with corpus.jsonl (after a crash, or from scratch).

The index records the corpus size it covers each time it commits; lines past that point
are read back and any article version the index lacks is added. A rebuild reads the whole
corpus into an empty index.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from newsbot.dedupe.index import NEW, VERSION, DedupeIndex
from newsbot.schema import corpus_line_problem, duplicate_line_problem

logger = logging.getLogger(__name__)

REPORTED = 5      # bad lines reported one by one per file; the rest are counted


def corpus_lines(path: Path, offset: int = 0, problem=corpus_line_problem):
    """(end offset, record) for each whole line after `offset` that is JSON and passes
    `problem` (a function naming what is wrong with a record, or None). Lines that do not are
    skipped, never half-used: each of the first few is logged with its byte offset and reason,
    and the count of all of them at the end."""
    bad = 0
    with open(path, "rb") as fh:
        fh.seek(offset)
        for raw in fh:
            offset += len(raw)
            if not raw.endswith(b"\n"):
                logger.warning("%s: last line is cut short (%d bytes); skipped", path, len(raw))
                break
            try:
                record = json.loads(raw)
                why = problem(record) if problem else None
            except ValueError:
                why = "not JSON"
            if why is None:
                yield offset, record
                continue
            bad += 1
            if bad <= REPORTED:
                logger.warning("%s: the line at byte %d is skipped: %s", path, offset - len(raw), why)
    if bad:
        logger.warning("%s: %d lines skipped as unusable (left in the file as they are)", path, bad)


def index_corpus(index: DedupeIndex, path: Path, offset: int | None = None) -> int:
    """Add the corpus records after `offset` (default: what the index covers) that it lacks."""
    path = Path(path)
    if not path.exists():
        return 0
    start = index.get_meta("corpus_size", 0) if offset is None else offset
    if start > path.stat().st_size:          # the corpus was replaced: read it all
        start = 0
    added = 0
    for _, record in corpus_lines(path, start):
        if index.has_version(record["id"], record.get("version") or 1):
            continue
        verdict = index.judge(record.get("url") or "", record["id"], record.get("content_hash") or "",
                              record.get("text") or "")
        verdict.kind = VERSION if (record.get("version") or 1) > 1 else NEW
        verdict.version = record.get("version") or 1
        index.add(verdict, record.get("url") or "", record["id"], record.get("content_hash") or "",
                  record.get("canonical_url"))
        added += 1
    index.commit(corpus_size=path.stat().st_size)
    return added


def index_duplicates(index: DedupeIndex, path: Path, offset: int | None = None) -> int:
    """Remember the pages of the duplicates lines after `offset` (default: what the index
    covers): a crawl whose index did not commit (killed, a full disk) must not judge them again
    and write their lines twice."""
    path = Path(path)
    if not path.exists():
        return 0
    start = index.get_meta("duplicates_size", 0) if offset is None else offset
    if start > path.stat().st_size:
        start = 0
    pages = 0
    for _, line in corpus_lines(path, start, problem=duplicate_line_problem):
        pages += index.remember_page(line["url"], line["duplicate_of"])
    index.commit(duplicates_size=path.stat().st_size)
    return pages


def rebuild_index(index_path: Path, hasher, threshold: float, corpus: Path, duplicates: Path) -> tuple[DedupeIndex, int, int]:
    """A new dedupe index at `index_path` from the corpus (every article version) and the
    duplicates file (so their pages are not fetched again): (the open index, articles, pages)."""
    for suffix in ("", "-wal", "-shm"):
        index_path.with_name(index_path.name + suffix).unlink(missing_ok=True)
    index = DedupeIndex(index_path, hasher, threshold, keep_rows=None)     # all in memory while it is made
    articles = index_corpus(index, corpus, offset=0)
    pages = index_duplicates(index, duplicates, offset=0)
    return index, articles, pages
