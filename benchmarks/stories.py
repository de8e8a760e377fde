"""`python -m benchmarks.stories`: story clustering over the 2,042 bench articles, one core.

The bench has no story labels, so this prints what can be measured without them:
- speed (articles/s of StoryIndex.add, the facts found beforehand and not timed);
- the stories: how many, their sizes, how many hold several outlets;
- a recall proxy: of the pairs of articles that are copies of each other (the dedupe stage's
  5-character MinHash similarity of at least 0.33, a wire story and its rewrites) and were
  published within the story window, the share that landed in one story;
- against benchmarks/labels/stories_ko.toml (50 pairs of close articles read by hand: one event or
  two): the share of same-event pairs the clustering splits (target: at most 10%) and of
  different-event pairs it joins; and of the sampled stories read there (sets of articles:
  one event or several), how many one-event ones are now spread over several stories and how
  many mixed ones no longer sit in one;
- a sample of joins (an article and the first article of the story it joined, by title) to read
  by eye: `--sample N` prints N of them.
"""

from __future__ import annotations

import argparse
import random
import time
import tomllib
from collections import Counter
from datetime import date
from urllib.parse import urlsplit

from benchmarks.common import ROOT, bench_articles, candidate_pairs, one_core, peak_rss_mb
from newsbot import settings as defaults
from newsbot.facts.extract import FactExtractor
from newsbot.facts.rules import load_fact_rules
from newsbot.rules import load_rules
from newsbot.stories.days import StatedDay
from newsbot.stories.index import StoryIndex
from newsbot.stories.terms import TermExtractor


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stories")
    parser.add_argument("--sample", type=int, default=0, help="print this many joins to read")
    parser.add_argument("--threshold", type=float, default=0.25)
    parser.add_argument("--span", type=int, default=defaults.NEWSBOT_STORY_SPAN_DAYS,
                        help="days a story may stretch over (0: no limit)")
    args = parser.parse_args(argv)
    core = one_core()
    articles = bench_articles()
    extractor = FactExtractor(load_fact_rules())
    records = []
    for i, a in enumerate(articles):
        records.append({"id": f"{i:05d}", "url": a["url"], "source": urlsplit(a["url"]).hostname,
                        "title": a.get("title") or "", "text": a.get("text") or "", "published": a.get("published"),
                        "facts": extractor.extract(a.get("title") or "", a.get("text") or "", a.get("published"))})
    index = StoryIndex(TermExtractor(load_rules()), threshold=args.threshold, span_days=args.span or None,
                       stated_day=StatedDay(extractor.rules))
    started = time.perf_counter()
    for record in records:
        index.add(record)
    elapsed = time.perf_counter() - started

    sizes = Counter(len(s.articles) for s in index.stories.values())
    multi_outlet = sum(1 for s in index.stories.values()
                       if len({index.members[a].source for a in s.articles}) > 1)
    in_stories = sum(n * k for n, k in sizes.items() if n > 1)
    print(f"stories benchmark: {len(records)} bench articles, one core (cpu {core}), threshold {args.threshold}, "
          f"span {args.span or 'unlimited'} days")
    print(f"  clustering: {elapsed:.2f} s, {len(records) / elapsed:.0f} articles/s")
    print(f"  stories: {len(index.stories)}; {in_stories} articles ({in_stories / len(records):.0%}) in stories of 2 or more; "
          f"{multi_outlet} stories with several outlets; largest {max(sizes)}")
    print("  sizes: " + ", ".join(f"{n}: {sizes[n]}" for n in sorted(sizes)[:8]) + (" ..." if len(sizes) > 8 else ""))

    def day(record):
        return date.fromisoformat(record["published"][:10]) if record.get("published") else None

    pairs = candidate_pairs([r["text"] for r in records], 0.33)
    window = index.window
    close = [(i, j) for i, j in pairs if day(records[i]) and day(records[j])
             and abs(day(records[i]) - day(records[j])) <= window]
    together = sum(index.members[records[i]["id"]].story_id == index.members[records[j]["id"]].story_id for i, j in close)
    print(f"  copies in one story (recall proxy): {together}/{len(close)} = {together / max(len(close), 1):.3f}")
    labels = ROOT / "benchmarks" / "labels" / "stories_ko.toml"
    if labels.exists():
        with open(labels, "rb") as fh:
            labelled = tomllib.load(fh)
        pairs = labelled["pair"]
        id_of = {r["url"]: r["id"] for r in records}
        story = {a: m.story_id for a, m in index.members.items()}
        together = [story.get(id_of[p["articles"][0]]) == story.get(id_of[p["articles"][1]]) for p in pairs]
        same = [t for p, t in zip(pairs, together) if p["same"]]
        other = [t for p, t in zip(pairs, together) if not p["same"]]
        print(f"  labelled pairs: same-event pairs split {same.count(False)}/{len(same)} "
              f"({same.count(False) / max(len(same), 1):.0%}, target <= 10%); different-event pairs joined "
              f"{other.count(True)}/{len(other)}")
        # the sampled stories read by hand, as article sets: one event's should stay in one story,
        # a mix of events should not
        spread = [(s["one_event"], len({story.get(id_of[url]) for url in s["articles"]}) > 1) for s in labelled["story"]]
        one = [split for one_event, split in spread if one_event]
        mixed = [split for one_event, split in spread if not one_event]
        print(f"  labelled stories: one-event stories now in 2+ stories {one.count(True)}/{len(one)}; "
              f"stories that mixed events now in 2+ stories {mixed.count(True)}/{len(mixed)}")
    print(f"  peak RSS: {peak_rss_mb():.0f} MB")

    if args.sample:
        joins = [(r, index.stories[index.members[r["id"]].story_id]) for r in records
                 if index.stories[index.members[r["id"]].story_id].articles[0] != r["id"]]
        random.seed(1)
        titles = {r["id"]: r["title"] for r in records}
        for record, story in random.sample(joins, min(args.sample, len(joins))):
            print(f"- {record['title'][:60]}\n  joined: {titles[story.articles[0]][:60]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
