"""`python -m benchmarks.throughput`: the whole pipeline against bare trafilatura, in one run.

1. Makes PAGES article pages from the real pages of ../shared/eval/kr-html: each keeps its page's
   markup and chrome, but its paragraphs get the text of a different bench article and its
   canonical URL is dropped, so no two pages are copies of each other. They live in a temporary
   folder only.
2. Serves them from a loopback HTTP server (a separate process) and crawls them with
   `scrapy crawl urls` and the full pipeline (extraction, normalization, dedupe, facts, stories).
3. Times bare `trafilatura.extract` over the same pages in this one process.
4. Prints pages per second for both, their ratio (target >= 1.5), the peak memory of the crawl and of
   this process (target: under 2 GB in all), and the cold wall time of `scrapy crawl seeds` on the
   two seed pages (target <= 3 s).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trafilatura
from lxml import html as lxml_html

from benchmarks.common import ROOT, bench_articles, peak_rss_mb

EVAL = ROOT.parent / "shared" / "eval" / "kr-html" / "articles"


def make_pages(folder: Path, count: int) -> list[Path]:
    templates = [lxml_html.fromstring(p.read_bytes()) for p in sorted(EVAL.glob("*.html"))]
    texts = [a["text"] for a in bench_articles() if len(a.get("text") or "") > 600]
    pages = []
    for i in range(count):
        tree = lxml_html.fromstring(lxml_html.tostring(templates[i % len(templates)]))
        for node in tree.xpath('//link[@rel="canonical"] | //meta[@property="og:url"]'):
            node.getparent().remove(node)
        sentences = [s.strip() + "." for s in texts[i % len(texts)].split(". ") if s.strip()]
        paragraphs = [p for p in tree.iter("p") if len(p.text_content().strip()) > 30]
        for j, p in enumerate(paragraphs):
            for child in list(p):
                p.remove(child)
            p.text = " ".join(sentences[2 * j: 2 * j + 2]) or sentences[j % len(sentences)]
        path = folder / f"p{i:05d}.html"
        path.write_bytes(lxml_html.tostring(tree, encoding="utf-8", doctype="<!DOCTYPE html>"))
        pages.append(path)
    return pages


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throughput")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        site.mkdir()
        pages = make_pages(site, args.pages)
        server = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1",
                                   "--directory", str(site)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True)
        try:
            line = server.stdout.readline()          # "Serving HTTP on 127.0.0.1 port N ..."
            port = int(line.split(" port ")[1].split()[0])
            url_file = tmp / "urls.txt"
            url_file.write_text("".join(f"http://127.0.0.1:{port}/{p.name}\n" for p in pages))
            started = time.perf_counter()
            crawl = subprocess.run(
                [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"url_file={url_file}",
                 "-s", f"NEWSBOT_DATA_DIR={tmp / 'data'}", "-s", "AUTOTHROTTLE_ENABLED=False",
                 "-s", "ROBOTSTXT_OBEY=False", "-s", f"CONCURRENT_REQUESTS={args.concurrency}",
                 "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}", "-s", "LOG_LEVEL=INFO"],
                cwd=ROOT, capture_output=True, text=True)
            crawl_wall = time.perf_counter() - started
        finally:
            server.terminate()
        crawl_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        written = sum(1 for _ in open(tmp / "data" / "corpus.jsonl", encoding="utf-8")) \
            if (tmp / "data" / "corpus.jsonl").exists() else 0
        if crawl.returncode != 0:
            print(crawl.stderr[-3000:], file=sys.stderr)
            return 1

        bodies = [p.read_bytes().decode("utf-8") for p in pages]
        started = time.perf_counter()
        for body in bodies:
            trafilatura.extract(body)
        bare_wall = time.perf_counter() - started

        seeds_data = tmp / "seeds-data"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "scrapy", "crawl", "seeds", "-s", f"NEWSBOT_DATA_DIR={seeds_data}",
                        "-s", "LOG_LEVEL=WARNING"], cwd=ROOT, check=True)
        seeds_wall = time.perf_counter() - started

    pipeline_rate, bare_rate = args.pages / crawl_wall, args.pages / bare_wall
    ratio = pipeline_rate / bare_rate
    memory = crawl_rss + peak_rss_mb()
    rows = [
        ("full pipeline (scrapy crawl urls, loopback)", f"{pipeline_rate:.1f} pages/s", f"{crawl_wall:.1f} s, {written} articles written"),
        ("bare trafilatura.extract, one process", f"{bare_rate:.1f} pages/s", f"{bare_wall:.1f} s"),
        ("ratio (target >= 1.5)", f"{ratio:.2f}", "PASS" if ratio >= 1.5 else "FAIL"),
        ("peak memory, crawl + this process (target < 2048 MB)", f"{memory:.0f} MB",
         "PASS" if memory < 2048 else "FAIL"),
        ("scrapy crawl seeds, 2 pages, wall (target <= 3 s)", f"{seeds_wall:.2f} s", "PASS" if seeds_wall <= 3 else "FAIL"),
    ]
    print(f"throughput benchmark: {args.pages} pages from {EVAL}")
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"  {name:<{width}}  {value:>14}  {note}")
    print(json.dumps({"pipeline_pages_per_s": round(pipeline_rate, 2), "bare_pages_per_s": round(bare_rate, 2),
                      "ratio": round(ratio, 3), "peak_mb": round(memory), "seeds_wall_s": round(seeds_wall, 2)}))
    return 0 if ratio >= 1.5 and memory < 2048 and seeds_wall <= 3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
