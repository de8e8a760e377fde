"""`python -m benchmarks.throughput`: the whole pipeline against bare trafilatura, in one run.

1. Makes PAGES article pages from the real pages of ../shared/eval/kr-html whose body is in their
   markup: each keeps its page's markup and chrome, but gets the title and text of a different
   bench article (copies in the bench left out; the longest articles split in two while there are
   too few) and no canonical URL, so no two pages are copies of each other. They live in a
   temporary folder only.
2. Serves them from a loopback HTTP server (a separate process; HTTP/1.1 with keep-alive, as news
   sites serve, so the crawl reuses its connections rather than opening one a page) and crawls
   them with `scrapy crawl urls` and the full pipeline (extraction, normalization, dedupe, facts,
   stories).
3. Times bare `trafilatura.extract` over the same pages in this one process: every other page
   before the crawl, the others after it, so a drift in the host's speed during the run weighs on
   both figures alike.
4. Prints pages per second for both, their ratio (target >= 1.6), the peak memory of the crawl's
   processes and of this one (target: under 2 GB in all), and the wall time of three fresh
   `scrapy crawl seeds` processes on the two seed pages, run first, before the machine is busy
   (target: the slowest <= 3 s).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import trafilatura
from lxml import html as lxml_html

from benchmarks.common import ROOT, bench_articles, candidate_pairs, peak_rss_mb
from newsbot.workerpool import available_cores

EVAL = ROOT.parent / "shared" / "eval" / "kr-html" / "articles"
RATIO_TARGET = 1.6
_SPACE = re.compile(r"\s+")


def distinct_texts(minimum: int = 300) -> list[dict]:
    """Bench articles of at least `minimum` characters, without the later one of any pair that
    shares a fifth of its 5-character shingles (the bench holds some copies)."""
    articles = [a for a in bench_articles() if len(a.get("text") or "") >= minimum]
    copies = {j for _, j in candidate_pairs([a["text"] for a in articles], 0.2)}
    return [a for i, a in enumerate(articles) if i not in copies]


def sentences_of(text: str) -> list[str]:
    return [s.strip() + "." for s in text.replace("\n", " ").split(". ") if s.strip()]


def article_texts(count: int) -> list[tuple[str, list[str]]]:
    """(title, sentences) for `count` pages: distinct bench articles, the longest split in two
    halves (each its own page) while there are fewer than `count`."""
    pages = [(a["title"], sentences_of(a["text"])) for a in distinct_texts()]
    pages.sort(key=lambda p: -sum(map(len, p[1])))
    i = 0
    while len(pages) < count and i < len(pages):
        title, sentences = pages[i]
        if len(sentences) >= 8:
            half = len(sentences) // 2
            pages[i] = (title, sentences[:half])
            pages.append((title + " (2)", sentences[half:]))
        i += 1
    if len(pages) < count:
        raise SystemExit(f"only {len(pages)} distinct texts for {count} pages")
    return pages[:count]


def fill(template: bytes, old_title: str, body: str, title: str, sentences: list[str]) -> bytes | None:
    """The template page with its title (as the record has it, and as its og:title and <h1>
    write it) replaced by `title` wherever it occurs, and the text
    nodes of its article body by `sentences` (in proportion to their lengths); chrome stays.
    None when the body is not in the page's text nodes (a page rendered from script data)."""
    tree = lxml_html.fromstring(template)
    for node in tree.xpath('//link[@rel="canonical"] | //meta[@property="og:url"]'):
        node.getparent().remove(node)
    old_titles = {old_title, *tree.xpath('//meta[@property="og:title"]/@content'),
                  *(h1.text_content().strip() for h1 in tree.iter("h1"))} - {""}
    as_json = lambda text: json.dumps(text, ensure_ascii=False)[1:-1]       # noqa: E731 (in JSON-LD)
    swaps = [(old, title) for old in old_titles] + [(as_json(old), as_json(title)) for old in old_titles]
    slots = []                                            # (element, "text" | "tail", length)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            for old, new in swaps:
                value = value.replace(old, new)
            el.set(name, value)
        for attr in ("text", "tail"):
            value = getattr(el, attr) or ""
            for old, new in swaps:
                value = value.replace(old, new)
            setattr(el, attr, value or None)
            value = _SPACE.sub(" ", value).strip()
            if el.tag not in ("script", "style") and len(value) >= 10 and value in body:
                slots.append((el, attr, len(value)))
    total = sum(length for *_, length in slots)
    if total < 0.8 * len(body):
        return None
    queue = list(sentences)
    for n, (el, attr, length) in enumerate(slots):
        take = len(queue) if n == len(slots) - 1 else max(1, round(len(sentences) * length / total))
        setattr(el, attr, " ".join(queue[:take]))
        queue = queue[take:]
    return lxml_html.tostring(tree, encoding="utf-8", doctype="<!DOCTYPE html>")


def templates() -> list[tuple[bytes, str, str]]:
    """(page, title, body) of each evaluation article with an expected record whose body is in
    the page's text nodes."""
    out = []
    for expected_file in sorted(EVAL.glob("*.expected.json")):
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        page = expected_file.with_name(expected_file.name.replace(".expected.json", ".html")).read_bytes()
        title, body = expected["title"], _SPACE.sub(" ", " ".join(expected["body"]))
        if fill(page, title, body, "제목", ["문장."]) is not None:
            out.append((page, title, body))
    return out


def make_pages(folder: Path, count: int, every: int = 1) -> list[Path]:
    """`count` article pages in `folder`: the evaluation pages' markup and chrome, each page with
    the title and text of a different bench article (with `every` = 2, every other sentence of
    it: another outlet's shorter report), and no canonical URL."""
    shapes, texts = templates(), article_texts(count)
    pages = []
    for i, (title, sentences) in enumerate(texts):
        template, old_title, body = shapes[i % len(shapes)]
        path = folder / f"p{i:05d}.html"
        path.write_bytes(fill(template, old_title, body, title, sentences[::every]))
        pages.append(path)
    return pages


@contextmanager
def served(pages: list[Path], url_file: Path):
    """For the block, the pages (files of one folder) served from a loopback HTTP server in a
    separate process, HTTP/1.1 with keep-alive as news sites serve; their URLs are written to
    `url_file`, one a line, which the block is given."""
    server = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "--protocol",
                               "HTTP/1.1", "--directory", str(pages[0].parent)], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()          # "Serving HTTP on 127.0.0.1 port N ..."
        port = int(line.split(" port ")[1].split()[0])
        url_file.write_text("".join(f"http://127.0.0.1:{port}/{p.name}\n" for p in pages))
        yield url_file
    finally:
        server.terminate()


class TreeMemory:
    """Peak memory of a process and its descendants (Linux /proc), sampled every `interval`
    seconds in a thread: the sum of each process's own peak RSS (VmHWM, which the kernel keeps;
    pages shared between the processes count once for each, so this is an upper bound)."""

    def __init__(self, pid: int, interval: float = 0.5):
        self.pid, self.interval = pid, interval
        self.peaks: dict[int, int] = {}           # pid -> VmHWM in kB
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _tree(self) -> set[int]:
        found, todo = set(), [self.pid]
        while todo:
            pid = todo.pop()
            found.add(pid)
            for children in Path(f"/proc/{pid}/task").glob("*/children"):
                try:
                    todo.extend(int(child) for child in children.read_text().split())
                except OSError:
                    continue
        return found

    def _sample(self) -> None:
        while not self._done.is_set():
            for pid in self._tree():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                match = re.search(r"VmHWM:\s+(\d+)", status)
                if match:
                    self.peaks[pid] = max(self.peaks.get(pid, 0), int(match[1]))
            self._done.wait(self.interval)

    def stop(self) -> float:
        """Stop sampling; the figure in MB."""
        self._done.set()
        self._thread.join()
        return sum(self.peaks.values()) / 1024


def crawl_pages(urls: Path, data: Path, concurrency: int | None = None, workers: str | None = None,
                log: Path | None = None, interval: float = 0.5) -> tuple[float, float, int]:
    """(wall seconds, peak MB of the crawl's processes, its exit code) of `scrapy crawl urls` into
    `data` (log: `log`, else crawl.log beside `data`); concurrency and workers as the settings say
    unless given; memory sampled every `interval` seconds."""
    command = [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"url_file={urls}",
               "-s", f"NEWSBOT_DATA_DIR={data}", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "ROBOTSTXT_OBEY=False",
               "-s", "LOG_LEVEL=INFO", "-s", f"LOG_FILE={log or data.parent / 'crawl.log'}"]
    if concurrency is not None:
        command += ["-s", f"CONCURRENT_REQUESTS={concurrency}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}"]
    if workers is not None:
        command += ["-s", f"NEWSBOT_WORKERS={workers}"]
    started = time.perf_counter()
    crawl = subprocess.Popen(command, cwd=ROOT)
    memory = TreeMemory(crawl.pid, interval)
    code = crawl.wait()
    wall = time.perf_counter() - started
    return wall, memory.stop(), code


def seeds_wall(data: Path) -> float:
    """Wall seconds of a fresh `scrapy crawl seeds` process on the two seed pages, in a new data folder."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "scrapy", "crawl", "seeds", "-s", f"NEWSBOT_DATA_DIR={data}",
                    "-s", "LOG_LEVEL=WARNING"], cwd=ROOT, check=True)
    return time.perf_counter() - started


def bare_extraction(pages: list[Path]) -> float:
    """Seconds `trafilatura.extract` takes over the pages (extraction only: each page is read and
    decoded first)."""
    wall = 0.0
    for path in pages:
        body = path.read_bytes().decode("utf-8")
        started = time.perf_counter()
        trafilatura.extract(body)
        wall += time.perf_counter() - started
    return wall


def lines(path: Path) -> int:
    return sum(1 for _ in open(path, encoding="utf-8")) if path.exists() else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throughput")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", default=None, help="NEWSBOT_WORKERS for the crawl (default: the setting's)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        seeds_walls = [seeds_wall(tmp / f"seeds-{n}") for n in range(3)]
        site = tmp / "site"
        site.mkdir()
        pages = make_pages(site, args.pages)
        # bare trafilatura on every other page before the crawl and on the rest after it, so that
        # the host's speed, which drifts by a fifth within minutes here, weighs on both alike
        bare_wall = bare_extraction(pages[0::2])
        with served(pages, tmp / "urls.txt") as url_file:
            crawl_wall, crawl_mb, code = crawl_pages(url_file, tmp / "data", args.concurrency, args.workers)
        if code != 0:
            print((tmp / "crawl.log").read_text(encoding="utf-8")[-3000:], file=sys.stderr)
            return 1
        written, copies, rejected = (lines(tmp / "data" / name) for name in
                                     ("corpus.jsonl", "duplicates.jsonl", "rejects.jsonl"))
        bare_wall += bare_extraction(pages[1::2])
        bare_mb = peak_rss_mb()


    pipeline_rate, bare_rate = args.pages / crawl_wall, args.pages / bare_wall
    ratio = pipeline_rate / bare_rate
    memory = crawl_mb + bare_mb
    rows = [
        ("full pipeline: scrapy crawl urls, loopback", f"{pipeline_rate:.1f} pages/s",
         f"{crawl_wall:.1f} s; {written} articles, {copies} copies, {rejected} rejected"),
        ("bare trafilatura.extract, one process", f"{bare_rate:.1f} pages/s", f"{bare_wall:.1f} s"),
        ("ratio (target >= 1.6)", f"{ratio:.2f}", "PASS" if ratio >= RATIO_TARGET else "FAIL"),
        ("peak memory, the crawl's processes", f"{crawl_mb:.0f} MB", "sum of each process's peak RSS"),
        ("peak memory, this process (pages, bare run)", f"{bare_mb:.0f} MB", ""),
        ("peak memory in all (target < 2048 MB)", f"{memory:.0f} MB", "PASS" if memory < 2048 else "FAIL"),
        ("scrapy crawl seeds, 2 pages, wall (target <= 3 s)", f"{max(seeds_walls):.2f} s",
         f"{'PASS' if max(seeds_walls) <= 3 else 'FAIL'}: the slowest of 3 fresh processes "
         f"({', '.join(f'{w:.2f}' for w in seeds_walls)} s)"),
    ]
    print(f"throughput benchmark: {args.pages} pages made from {EVAL}, {available_cores()} cores")
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"  {name:<{width}}  {value:>14}  {note}")
    print(json.dumps({"pipeline_pages_per_s": round(pipeline_rate, 2), "bare_pages_per_s": round(bare_rate, 2),
                      "ratio": round(ratio, 3), "peak_mb": round(memory), "seeds_wall_s": [round(w, 2) for w in seeds_walls],
                      "articles": written, "copies": copies, "rejected": rejected}))
    return 0 if ratio >= RATIO_TARGET and memory < 2048 and max(seeds_walls) <= 3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
