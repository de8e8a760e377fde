"""How the shingle size and the near-duplicate threshold were chosen: `python -m benchmarks.shingles`.

Real pairs from ../shared/bench/polmap_articles.jsonl (wire stories and the regional papers'
rewrites of them, and different articles on the same event) have no labels, so each pair is
labelled by how much of the shorter text is covered by verbatim runs of 15 or more letters
shared with the other (difflib): a copy when at least 60%, independent reporting when under
30% (quotes and names only), unlabelled in between. For each shingle size the table shows
how well Jaccard similarity separates the two (AUC), the similarity that 95% of copies reach,
the highest similarity of independent pairs, and the 99.9th percentile of random pairs.
"""

from __future__ import annotations

import random
from difflib import SequenceMatcher

import numpy as np

from benchmarks.common import bench_articles, candidate_pairs
from newsbot.dedupe.shingles import letters, shingle_hashes


def verbatim_cover(a: str, b: str, run: int = 15) -> float:
    if len(a) > len(b):
        a, b = b, a
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks if block.size >= run) / max(1, len(a))


def main() -> None:
    texts = [a["text"] for a in bench_articles() if a.get("text")]
    pairs = sorted(candidate_pairs(texts, 0.15))
    plain = ["".join(map(chr, letters(t).tolist())) for t in texts]
    cover = np.array([verbatim_cover(plain[i], plain[j]) for i, j in pairs])
    copies, independent = cover >= 0.6, cover < 0.3
    rng = random.Random(0)
    randoms = [tuple(rng.sample(range(len(texts)), 2)) for _ in range(20000)]
    print(f"{len(texts)} articles, {len(pairs)} candidate pairs: {copies.sum()} copies, "
          f"{independent.sum()} independent, {len(pairs) - copies.sum() - independent.sum()} unlabelled")
    print(f"{'size':>4} {'AUC':>6} {'copies q05':>11} {'indep. max':>11} {'random q99.9':>13}")
    for size in (3, 4, 5, 6):
        sets = [set(shingle_hashes(t, size).tolist()) for t in texts]

        def jac(i, j):
            return len(sets[i] & sets[j]) / max(1, len(sets[i] | sets[j]))
        sims = np.array([jac(i, j) for i, j in pairs])
        pos, neg = sims[copies], sims[independent]
        auc = float((pos[:, None] > neg[None, :]).mean())
        rand = np.quantile([jac(i, j) for i, j in randoms], 0.999)
        print(f"{size:>4} {auc:>6.3f} {np.quantile(pos, 0.05):>11.2f} {neg.max():>11.2f} {rand:>13.3f}")


if __name__ == "__main__":
    main()
