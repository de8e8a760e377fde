"""`python -m benchmarks.crossing`: English reports placed among the 2,042 Korean bench articles.

The English reports are benchmarks/labels/crossing_en.toml (written for it: our own words after
events of the bench, each labelled with the bench article of its event, or as another event with
the same people that must stay apart). The bench is placed first, in its order, with its facts (the
pipeline's settings: story threshold, span, fact weight, the name table), then the English reports
in the order they were published. Prints, for the pages tuned on and the held-out ones apart:
- reports of a bench event that joined its story (the story that holds the labelled article);
- reports of another event that stayed out of every story of the bench;
and each report's outcome with the score that placed it, and what an English report costs to place.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import tomllib
from urllib.parse import urlsplit

from benchmarks.common import ROOT, bench_articles
from newsbot import settings as defaults
from newsbot.facts.languages import FactReaders
from newsbot.facts.rules import ALL_FACT_RULES_FILES
from newsbot.rules import load_rules
from newsbot.stories.days import StatedDay
from newsbot.stories.crossing import number_forms
from newsbot.stories.index import StoryIndex, fact_values, story_day
from newsbot.stories.glosses import GlossLearner
from newsbot.stories.names import DEFAULT_NAME_FILES, NameTable
from newsbot.stories.terms import TermExtractor

LABELS = ROOT / "benchmarks" / "labels" / "crossing_en.toml"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.crossing")
    parser.add_argument("--cross-threshold", type=float, default=defaults.NEWSBOT_STORY_CROSS_THRESHOLD)
    parser.add_argument("--learned", action="store_true",
                        help="add the names the bench glosses (newsbot.stories.glosses) to the name table")
    args = parser.parse_args(argv)
    with open(LABELS, "rb") as fh:
        pages = tomllib.load(fh)["page"]
    readers = FactReaders.of_files(ALL_FACT_RULES_FILES)
    bench = bench_articles()
    names = NameTable.load()
    if args.learned:
        learner = GlossLearner.from_table(names).read_all({"language": "ko", "text": a.get("text")} for a in bench)
        with tempfile.NamedTemporaryFile("w", suffix=".toml", encoding="utf-8", delete=False) as fh:
            fh.write(learner.toml("the bench"))
        names = NameTable.load((*DEFAULT_NAME_FILES, fh.name))
        os.unlink(fh.name)
        print(f"names learned from the bench's glosses: {len(learner.learned())}")
    index = StoryIndex(TermExtractor(load_rules(), names), threshold=defaults.NEWSBOT_STORY_THRESHOLD,
                       window_days=defaults.NEWSBOT_STORY_WINDOW_DAYS, span_days=defaults.NEWSBOT_STORY_SPAN_DAYS,
                       fact_weight=defaults.NEWSBOT_STORY_FACT_WEIGHT, cross_threshold=args.cross_threshold,
                       stated_day=StatedDay(readers.extractors[0].rules))
    id_of = {}
    for i, a in enumerate(bench):
        record = {"id": f"k{i:05d}", "url": a["url"], "source": urlsplit(a["url"]).hostname, "language": "ko",
                  "title": a.get("title") or "", "text": a.get("text") or "", "published": a.get("published")}
        record["facts"] = readers.extract(record["title"], record["text"], record["published"], language="ko")
        index.add(record)
        id_of.setdefault(a["url"], record["id"])
    bench_ids = set(id_of.values())
    results = []
    elapsed = 0.0
    for page in sorted(pages, key=lambda p: p["published"]):
        record = {"id": page["id"], "url": f"https://en.example.com/{page['id']}", "source": "en.example.com",
                  "language": "en", "title": page["title"], "text": page["text"], "published": page["published"]}
        record["facts"] = readers.extract(record["title"], record["text"], record["published"], language="en")
        started = time.perf_counter()
        terms = index.terms.terms(record["title"], record["text"], "en")
        _, score = index.match(terms, story_day(record["published"]), fact_values(record["facts"]), None, None,
                               index.crossing.probes(record["title"], record["text"], terms, "en"),
                               number_forms(record["facts"], story_day(record["published"])))
        story_id = index.add(record)
        elapsed += time.perf_counter() - started
        members = set(index.stories[story_id].articles)
        if page.get("apart"):
            right = not members & bench_ids
        else:
            right = id_of[page["joins"]] in members
        first = index.members[index.stories[story_id].articles[0]].title
        results.append((page, right, score, first))
    print(f"crossing benchmark: {len(pages)} English reports among {len(bench)} Korean bench articles, "
          f"cross threshold {args.cross_threshold}")
    for split in dict.fromkeys(page["split"] for page in pages):
        chosen = [r for r in results if r[0]["split"] == split]
        joins = [right for page, right, _, _ in chosen if not page.get("apart")]
        apart = [right for page, right, _, _ in chosen if page.get("apart")]
        print(f"  {split}: joined their event's story {sum(joins)}/{len(joins)}; "
              f"other events kept apart {sum(apart)}/{len(apart)}")
    for page, right, score, first in results:
        print(f"  {'ok ' if right else 'NO '} {page['id']} ({page['split']}) score {score:.3f}: {page['title'][:50]}"
              f" -> {first[:40]}")
    print(f"  placing an English report: {elapsed / len(pages) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
