"""What the benchmarks share: the bench material in ../shared, and peak memory."""

from __future__ import annotations

import json
import os
import resource
from pathlib import Path

from newsbot.dedupe.multimap import Multimap
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
    """Pairs (i, j), i < j, whose estimated similarity of 5-character shingles is at least `threshold`
    (found through the LSH bands, as the dedupe index finds its candidates)."""
    hasher, bands, signatures = MinHasher(), Multimap(), []
    pairs = set()
    for j, text in enumerate(texts):
        signature = hasher.signature(text)
        signatures.append(signature)
        if signature.any():
            keys = hasher.band_keys(signature)
            for i in bands.get(keys):
                if float((signatures[i] == signature).mean()) >= threshold:
                    pairs.add((i, j))
            bands.add(j, keys)
    return pairs
