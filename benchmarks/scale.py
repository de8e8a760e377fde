"""`python -m benchmarks.scale`: what a crawl of a few new pages costs as the data folder grows.

1. Builds data folders of `--sizes` distinct articles (default 50,000 and 250,000) under
   data/scale/N, once: later runs reuse them (delete the folder to build it again). Each article
   joins the paragraphs of two different bench articles (../shared/bench), so no two articles
   are copies while many share half their text; its facts are the two articles' facts, found
   once per bench article; its date (and the day it was fetched) is the first article's, moved on
   by a week for each round through the bench, so the folder spans years. Every three articles of a round that start from
   neighbouring bench articles make one story (its id in their lines, as a crawl writes it;
   clustering 250,000 articles here would take longer than the benchmark). The dedupe index and
   the story index (with the stories output) are built with `python -m newsbot.dedupe rebuild`
   and `python -m newsbot.stories rebuild`, as a folder crawled over months would hold them.
2. Makes `--pages` new pages (benchmarks.throughput.make_pages: real page markup, every third
   sentence of a bench article: a shorter report of an event the folders hold, new to them, not
   a copy, so each is judged, placed in a story and reconciled) and serves them from a loopback
   HTTP/1.1 server.
3. Crawls them with `scrapy crawl urls` into an empty folder and into a copy of each built folder,
   and prints the wall time and the peak memory of the crawl's processes for each, with the
   difference from the empty folder. Targets (issue 16): at the largest size, at most 2 s and
   200 MB more than the empty folder. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.common import ROOT, bench_articles
from benchmarks.throughput import crawl_pages, make_pages, served
from scrapy.utils.project import get_project_settings

from newsbot.datadir import DataDir
from newsbot.facts.extract import FactExtractor
from newsbot.processors import content_hash, stable_id
from newsbot.stories.store import StoryStore

WALL_TARGET_S, MEMORY_TARGET_MB = 2.0, 200.0
STORY_SIZE = 3           # articles a story of the built folders
FIELDS = ["id", "url", "canonical_url", "source", "publisher", "title", "subtitles", "authors", "published",
          "published_precision", "published_raw", "published_source", "modified", "language", "text",
          "captions", "fetched_at", "content_hash", "version", "story_id", "facts"]


def _shifted(published: str | None, weeks: int) -> str | None:
    if not published:
        return None
    try:
        return (datetime.fromisoformat(published) + timedelta(weeks=weeks)).isoformat()
    except ValueError:
        return None


def articles(count: int):
    """`count` corpus records, distinct, made from the bench (see the module's docstring)."""
    bench = [a for a in bench_articles() if len(a.get("text") or "") >= 200]
    extractor = FactExtractor.from_settings(get_project_settings())
    facts = [extractor.extract(a["title"], a["text"], a.get("published")) for a in bench]
    n = len(bench)
    for k in range(count):
        rounds, i = divmod(k, n)
        j = (i + 1 + rounds * 7919) % n         # another bench article, a different one each round
        if j == i:
            j = (j + 1) % n
        first, second = bench[i], bench[j]
        url = f"https://scale{rounds}.example.org/{i}/{j}"
        text = first["text"].rstrip() + "\n" + second["text"].strip()
        published = _shifted(first.get("published"), rounds)
        yield {
            "id": stable_id(url), "url": url, "canonical_url": url, "source": f"scale{rounds}.example.org",
            "publisher": None, "title": first["title"], "subtitles": [], "authors": [], "published": published,
            "published_precision": "second" if published else None, "published_raw": published,
            "published_source": "json-ld" if published else None, "modified": None, "language": "ko",
            "text": text, "captions": [], "fetched_at": _shifted("2026-01-01T00:00:00+00:00", rounds),
            "content_hash": content_hash(text), "version": 1, "facts": facts[i] + facts[j],
            "story_id": "s" + stable_id(f"https://scale{rounds}.example.org/story/{i // STORY_SIZE}"),
        }


def build(folder: Path, count: int) -> float:
    """The data folder of `count` articles (see the module's docstring); seconds it took."""
    started = time.perf_counter()
    building = folder.with_name(folder.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    with open(building / "corpus.jsonl", "w", encoding="utf-8") as out:
        for record in articles(count):
            out.write(json.dumps({name: record[name] for name in FIELDS}, ensure_ascii=False) + "\n")
    for command in ("newsbot.dedupe", "newsbot.stories"):
        subprocess.run([sys.executable, "-m", command, "rebuild", str(building)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    shutil.rmtree(folder, ignore_errors=True)
    building.rename(folder)
    return time.perf_counter() - started


def stale_stories(folder: Path) -> bool:
    """The folder's story index was made with other story settings, rules or layout than a crawl
    now uses (DataDir.story_fingerprint)."""
    datadir = DataDir(folder, get_project_settings())
    store = StoryStore(datadir.story_store_path)
    try:
        return not datadir.made_alike(store.get_meta("settings"), store.get_meta("latin_articles", 0))
    finally:
        store.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale")
    parser.add_argument("--sizes", default="50000,250000", help="articles in each data folder, comma-separated")
    parser.add_argument("--pages", type=int, default=20, help="new pages each crawl fetches")
    parser.add_argument("--cache", default=str(ROOT / "data" / "scale"), help="where the built folders are kept")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    cache = Path(args.cache)
    for size in sizes:
        folder = cache / str(size)
        if not (folder / "stories.sqlite").exists():
            print(f"building {folder} ({size:,} articles) ...", flush=True)
            print(f"  built in {build(folder, size):.0f} s", flush=True)
        elif stale_stories(folder):
            # made with other story settings or layout: the first crawl would remake it, and be timed for it
            print(f"rebuilding the story index of {folder} (made with other story settings) ...", flush=True)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "newsbot.stories", "rebuild", str(folder)], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
            print(f"  rebuilt in {time.perf_counter() - started:.0f} s", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        site.mkdir()
        pages = make_pages(site, args.pages, every=3)
        with served(pages, tmp / "urls.txt") as url_file:
            for size in [0, *sizes]:
                data = tmp / f"data-{size}"
                if size:
                    shutil.copytree(cache / str(size), data)
                    os.sync()          # a folder written long ago has nothing left to flush: the crawl must not pay for the copy
                log = tmp / f"crawl-{size}.log"
                wall, peak, code = crawl_pages(url_file, data, log=log, interval=0.1)
                if code != 0:
                    raise SystemExit(f"the crawl into {data} failed (status {code}); see {log}")
                rows.append((size, wall, peak))
                shutil.rmtree(data)
    _, base_wall, base_peak = rows[0]
    print(f"scale benchmark: {args.pages} new pages crawled into data folders of each size")
    print(f"  {'articles in the folder':>24}  {'wall':>8}  {'more':>8}  {'peak RSS':>9}  {'more':>8}")
    for size, wall, peak in rows:
        print(f"  {size:>24,}  {wall:>7.1f}s  {wall - base_wall:>+7.1f}s  {peak:>6.0f} MB  {peak - base_peak:>+5.0f} MB")
    size, wall, peak = rows[-1]
    ok = wall - base_wall <= WALL_TARGET_S and peak - base_peak <= MEMORY_TARGET_MB
    print(f"  target at {size:,} articles: at most +{WALL_TARGET_S:g} s and +{MEMORY_TARGET_MB:g} MB: "
          f"{'PASS' if ok else 'FAIL'}")
    print(json.dumps({"sizes": [r[0] for r in rows], "wall_s": [round(r[1], 2) for r in rows],
                      "peak_mb": [round(r[2]) for r in rows]}))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
