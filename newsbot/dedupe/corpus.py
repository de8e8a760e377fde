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

logger = logging.getLogger(__name__)


def corpus_lines(path: Path, offset: int = 0):
    """(end offset, record) for each whole, parseable line after `offset`."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        for raw in fh:
            offset += len(raw)
            if not raw.endswith(b"\n"):
                logger.warning("%s: last line is cut short (%d bytes); not indexed", path, len(raw))
                return
            try:
                record = json.loads(raw)
            except ValueError:
                logger.warning("%s: a line at byte %d is not JSON; not indexed", path, offset - len(raw))
                continue
            if isinstance(record, dict) and record.get("id"):
                yield offset, record


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
