"""`python -m benchmarks.report`: what writing the story report costs (issue 17's targets).

1. Places the 2,042 bench articles in stories and reconciles them as a crawl would
   (benchmarks.reconcile.crawl), with the members each story line carries.
2. Copies the story lines, under new ids, until there are at least STORIES of them (the bench makes
   about a thousand; a page costs what its story holds, not what the others do).
3. Times `ReportSite.write` of all of them into a new folder (target: under 10 s), then of the
   TOUCHED stories a crawl changes into that folder (target: under 1 s): their pages, the index's
   rows read and written, the index page. Prints the figures and the size of the folder.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.common import bench_articles
from benchmarks.reconcile import crawl
from newsbot.facts.extract import FactExtractor
from newsbot.facts.rules import load_fact_rules
from newsbot.report.site import ReportSite
from newsbot.stories.reconcile import copies_by_article, story_records

STORIES, TOUCHED = 2000, 20
TARGETS = {"all": 10.0, "touched": 1.0}


def story_lines(count: int) -> list[dict]:
    extractor = FactExtractor(load_fact_rules())
    _, duplicates, index, _ = crawl(bench_articles(), extractor)
    lines = list(story_records(index, copies_by_article(duplicates), extractor))
    out, copy = [], 0
    while len(out) < count:
        out += [{**line, "story_id": f"{line['story_id']}-{copy}" if copy else line["story_id"]} for line in lines]
        copy += 1
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report")
    parser.add_argument("--stories", type=int, default=STORIES)
    args = parser.parse_args(argv)
    lines = story_lines(args.stories)
    with tempfile.TemporaryDirectory() as tmp:
        site = ReportSite(Path(tmp) / "report")
        started = time.perf_counter()
        site.write(lines, whole=True)
        whole = time.perf_counter() - started
        touched = lines[-TOUCHED:]
        started = time.perf_counter()
        site.write(touched)
        update = time.perf_counter() - started
        size = sum(p.stat().st_size for p in site.folder.rglob("*") if p.is_file())
    facts = sum(len(line["facts"]) for line in lines)
    print(f"report benchmark: {len(lines)} stories ({facts} reconciled facts) from the bench")
    print(f"  every story: {whole:.2f} s ({1000 * whole / len(lines):.2f} ms a story; target < {TARGETS['all']:.0f} s) "
          f"{'PASS' if whole < TARGETS['all'] else 'FAIL'}; {size / 1e6:.1f} MB")
    print(f"  {TOUCHED} stories a crawl touched, into that folder: {update:.3f} s (target < {TARGETS['touched']:.0f} s) "
          f"{'PASS' if update < TARGETS['touched'] else 'FAIL'}")
    return 0 if whole < TARGETS["all"] and update < TARGETS["touched"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
