"""Benchmark of the dedupe stage alone: `python -m benchmarks.dedupe [--docs 200000]`.

The real articles of ../shared/bench/polmap_articles.jsonl, less one of every pair that is
even loosely similar (estimated Jaccard similarity of shingles 0.2 or more: the real copies
and same-event articles, measured apart by benchmarks.shingles), are scaled up to --docs
documents. Distinct articles are made by re-lettering a real article (each Hangul syllable
shifted by a per-copy offset), which keeps its length and shingle statistics but shares
almost nothing with other re-letterings. A quarter of the stream is light mutations of an
earlier document, which the index must catch: a sentence dropped, two sentences swapped,
spacing changed, a byline added (one to three of these). Only DedupeIndex.judge() + add()
are timed, one page at a time as the pipeline calls them, pinned to one core.

Printed: documents a second, peak memory, index bytes a document, and precision / recall
against the mutations: a judgement "copy of X" is right when the page and X come from the
same document (itself or its mutations).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.common import bench_articles, candidate_pairs, one_core, peak_rss_mb
from newsbot.dedupe.index import EXACT, NEAR, DedupeIndex
from newsbot.dedupe.signature import MinHasher

HANGUL, SYLLABLES = 0xAC00, 11172
BYLINES = ["(서울=뉴스) 홍길동 기자 = ", "[지역일보 김기자] ", ""]
SIGNOFFS = [" 홍길동 기자 hong@example.kr", " <저작권자 ⓒ 지역일보, 무단전재 및 재배포 금지>", ""]


def relettering(k: int) -> dict[int, int]:
    return {c: HANGUL + (c - HANGUL + k * 7919) % SYLLABLES for c in range(HANGUL, HANGUL + SYLLABLES)}


def sentences(text: str) -> list[str]:
    parts, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".?!" and (i + 1 == len(text) or text[i + 1] == " "):
            parts.append(text[start:i + 1].strip())
            start = i + 1
    if text[start:].strip():
        parts.append(text[start:].strip())
    return parts


def mutate(text: str, rng: random.Random) -> str:
    parts = sentences(text)
    for change in rng.sample(["drop", "swap", "spacing", "byline"], rng.randint(1, 3)):
        if change == "drop" and len(parts) >= 6:
            del parts[rng.randrange(len(parts))]
        elif change == "swap" and len(parts) >= 3:
            i = rng.randrange(len(parts) - 1)
            parts[i], parts[i + 1] = parts[i + 1], parts[i]
        elif change == "spacing":
            parts = ["".join(ch for ch in p if ch != " " or rng.random() > 0.3).replace("다.", "다 .")
                     for p in parts]
        elif change == "byline":
            parts = [rng.choice(BYLINES) + parts[0]] + parts[1:-1] + [parts[-1] + rng.choice(SIGNOFFS)] \
                if len(parts) > 1 else [rng.choice(BYLINES) + p + rng.choice(SIGNOFFS) for p in parts]
    return " ".join(parts)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200_000)
    parser.add_argument("--copies", type=float, default=0.25, help="share of the stream that are mutated copies")
    parser.add_argument("--chunk", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--permutations", type=int, default=MinHasher.num_perm)
    args = parser.parse_args(argv)

    core = one_core()
    texts_in = [a["text"] for a in bench_articles() if a.get("text")]
    similar = {j for _, j in candidate_pairs(texts_in, 0.2)}
    base = [t for i, t in enumerate(texts_in) if i not in similar]
    hasher = MinHasher(num_perm=args.permutations)
    threshold = 0.33
    workdir = Path(tempfile.mkdtemp(prefix="newsbot-bench-"))
    index = DedupeIndex(workdir / "index.sqlite", hasher, threshold)
    rng = random.Random(args.seed)

    texts: dict[int, str] = {}          # document -> text, kept only to check judgements
    family: dict[int, int] = {}         # document -> the original it was made from
    ids: dict[str, int] = {}            # id -> document
    originals = copies = 0
    judged: list[tuple[int, str, str | None]] = []   # (document, kind, duplicate_of id)
    elapsed = 0.0
    letters = {}
    doc = 0
    while doc < args.docs:
        chunk = []
        for _ in range(min(args.chunk, args.docs - doc)):
            if originals and rng.random() < args.copies:
                source = rng.randrange(doc)
                text = mutate(texts[source], rng)
                family[doc] = family[source]
                copies += 1
            else:
                k, i = divmod(originals, len(base))
                table = letters.get(k) or letters.setdefault(k, relettering(k))
                text = base[i].translate(table) if k else base[i]
                family[doc] = doc
                originals += 1
            texts[doc] = text
            chunk.append((doc, f"https://bench.example/{doc}", f"{doc:016x}", f"sha256:{doc}", text))
            doc += 1
        start = time.perf_counter()
        for n, url, id, content_hash, text in chunk:
            verdict = index.judge(url, id, content_hash, text)
            index.add(verdict, url, id, content_hash)
            judged.append((n, verdict.kind, verdict.duplicate_of))
            ids[id] = n
        elapsed += time.perf_counter() - start
    start = time.perf_counter()
    index.close()
    elapsed += time.perf_counter() - start
    index_bytes = sum(f.stat().st_size for f in workdir.iterdir())

    # judgements against the truth
    flagged = right = caught = 0
    for n, kind, of in judged:
        is_copy = family[n] != n
        if kind in (EXACT, NEAR):
            flagged += 1
            other = ids[of]
            ok = family[other] == family[n]
            right += ok
            caught += is_copy and ok
    rows = [
        ("documents", f"{args.docs:,}", f"{originals:,} distinct (from {len(base):,} real) + {copies:,} mutated copies"),
        ("documents / s (one core)", f"{args.docs / elapsed:,.0f}", "target >= 5,000"),
        ("peak memory", f"{peak_rss_mb():,.0f} MB", "whole process, generated texts included"),
        ("index bytes / document", f"{index_bytes / args.docs:,.0f}", "target <= 1,536 (1.5 KB)"),
        ("precision", f"{right / max(1, flagged):.4f}", f"{right:,} right of {flagged:,} judged copies; target >= 0.99"),
        ("recall", f"{caught / max(1, copies):.4f}", f"{caught:,} of {copies:,} mutated copies; target >= 0.95"),
    ]
    print(f"dedupe benchmark: {hasher.shingle_size}-character shingles, {hasher.num_perm} permutations, "
          f"{hasher.bands} bands x {hasher.rows} rows, threshold {threshold}, core {core}")
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"  {name:<{width}}  {value:>12}   {note}")
    shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
