"""`python -m benchmarks.facts`: fact extraction over the 2,042 bench articles, on one core.

Prints articles per second (target: at least 100) of FactExtractor.extract, Kiwi's load time
(paid once a process, not counted), how many sentences Kiwi had to analyse, the facts found by
key, and peak memory.
"""

from __future__ import annotations

import time
from collections import Counter

from benchmarks.common import bench_articles, one_core, peak_rss_mb
from newsbot.facts import morph
from newsbot.facts.extract import FactExtractor, sentences
from newsbot.facts.rules import load_fact_rules

TARGET = 100.0
BENCH_NAME = "polmap_articles.jsonl"


def main() -> int:
    core = one_core()
    articles = bench_articles()
    extractor = FactExtractor(load_fact_rules())
    started = time.perf_counter()
    morph.kiwi().tokenize("준비")
    load = time.perf_counter() - started

    analysed = Counter()
    real_tokenize = extractor._tokenize          # Kiwi's (newsbot.facts.morph.tokenize) for Korean rules

    def counting_tokenize(batch):
        analysed["sentences"] += len(batch)
        analysed["chars"] += sum(map(len, batch))
        return real_tokenize(batch)

    extractor._tokenize = counting_tokenize
    keys = Counter()
    started = time.perf_counter()
    for article in articles:
        for fact in extractor.extract(article.get("title") or "", article.get("text") or "", article.get("published")):
            keys[fact["key"]] += 1
    elapsed = time.perf_counter() - started

    total_sentences = sum(len(s) for a in articles for s in sentences(a.get("text") or ""))
    total_chars = sum(len(a.get("text") or "") for a in articles)
    rate = len(articles) / elapsed
    print(f"facts benchmark: {len(articles)} articles of {BENCH_NAME}, one core (cpu {core})")
    print(f"  Kiwi model load (once a process, not timed below): {load:.2f} s")
    print(f"  extraction: {elapsed:.2f} s, {rate:.0f} articles/s (target >= {TARGET:.0f}): "
          f"{'PASS' if rate >= TARGET else 'FAIL'}")
    print(f"  sentences analysed by Kiwi: {analysed['sentences']} of {total_sentences} "
          f"({analysed['chars'] / max(total_chars, 1):.0%} of the text)")
    print(f"  facts: {sum(keys.values())} ({', '.join(f'{k} {n}' for k, n in keys.most_common())})")
    print(f"  peak RSS: {peak_rss_mb():.0f} MB")
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
