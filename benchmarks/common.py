"""What the benchmarks share: the bench material in ../shared, and peak memory."""

from __future__ import annotations

import json
import os
import resource
import tempfile
from pathlib import Path

from newsbot.dedupe.index import NEW, DedupeIndex
from newsbot.dedupe.signature import MinHasher

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(os.environ.get("NEWSBOT_BENCH", ROOT.parent / "shared" / "bench"))


def bench_articles(path: Path | None = None) -> list[dict]:
    path = path or BENCH / "polmap_articles.jsonl"
    if not path.exists():
        raise SystemExit(f"{path} not found: the benchmarks read ../shared/bench (or NEWSBOT_BENCH)")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_core() -> int:
    """Pin this process to one core; the core's number."""
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def candidate_pairs(texts: list[str], threshold: float) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, whose estimated similarity of 5-character shingles is at least `threshold`."""
    with tempfile.TemporaryDirectory() as tmp:
        index = DedupeIndex(f"{tmp}/pairs.sqlite", MinHasher(), threshold=threshold)
        pairs = set()
        for i, text in enumerate(texts):
            signature = index.hasher.signature(text)
            if signature.any():
                for n in index.keys.get(index.hasher.band_keys(signature)):
                    if float((index._sigs[n] == signature).mean()) >= threshold:
                        pairs.add((n - 1, i))
            verdict = index.judge(str(i), str(i), str(i), text)
            verdict.kind = NEW
            index.add(verdict, str(i), str(i), str(i))
        index.db.close()
    return pairs
