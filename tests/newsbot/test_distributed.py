"""Distributed mode on scrapy-redis: two `scrapy crawl` processes at once share one frontier and
one dedupe index in a real redis-server; every page is fetched once across both, and the union of
their corpus parts holds every article once, nothing missing."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile

import pytest

from newsbot.dedupe.index import NEW, DedupeIndex
from tests.conftest import ROOT, SHARED, read_jsonl, read_stories

PAGES, COPIES = 500, 20


def as_page(article: dict) -> str:
    body = "".join(f"<p>{s}.</p>" for s in article["text"].split(". ") if s.strip())
    return (f"<html><head><meta charset='utf-8'><title>{article['title']}</title></head><body><article>"
            f"<h1>{article['title']}</h1>{body}</article></body></html>")


def passes_alone(page: str) -> bool:
    from itemadapter import ItemAdapter

    from newsbot.extract import extract
    from newsbot.rules import load_rules
    from pipelines.normalize import normalize_article
    from pipelines.validate import NotAnArticle, check_article

    out = extract(page.encode("utf-8"), "https://example.org/a.html", {"Content-Type": "text/html"})
    record = ItemAdapter({"url": "https://example.org/a.html", "title": out.title, "text": "\n".join(out.paragraphs),
                          "authors": [], "captions": [], "subtitles": [], "publisher": None, "language": out.language,
                          "signals": {"navigation_share": out.navigation_share, "article_markup": out.article_markup}})
    normalize_article(record, load_rules())
    try:
        check_article(record)
    except NotAnArticle:
        return False
    return True


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """500 distinct article pages made from bench articles (no two near copies), and 20 mirror
    pages repeating some of them at other URLs. Evaluation material: a temporary copy only."""
    root = tmp_path_factory.mktemp("site")
    with open(SHARED / "bench" / "polmap_articles.jsonl", encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh]
    chosen = []
    with tempfile.TemporaryDirectory() as tmp:
        index = DedupeIndex(f"{tmp}/pick.sqlite")
        for article in articles:
            text = article.get("text") or ""
            if len(text) < 800 or not article.get("title"):
                continue
            page = as_page(article)
            if not passes_alone(page):
                continue        # a page the pipeline would not take even on its own
            verdict = index.judge(str(len(chosen)), str(len(chosen)), text, text)
            if verdict.kind != NEW:
                continue        # a near copy of one already chosen
            index.add(verdict, str(len(chosen)), str(len(chosen)), text)
            (root / f"a{len(chosen):03d}.html").write_text(page, encoding="utf-8")
            chosen.append(article)
            if len(chosen) == PAGES:
                break
        index.db.close()
    for i in range(COPIES):
        (root / f"mirror{i:02d}.html").write_bytes((root / f"a{i * 7:03d}.html").read_bytes())
    return root


def test_two_processes_share_the_frontier_and_the_dedupe_index(site, http_server, redis_server, tmp_path):
    base = http_server(site)
    urls = [f"{base}/{p.name}" for p in sorted(site.glob("*.html"))]
    random.Random(3).shuffle(urls)
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(urls) + "\n")
    data = tmp_path / "data"

    def crawl(node):
        return subprocess.Popen(
            [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"url_file={url_file}",
             "-s", f"NEWSBOT_DATA_DIR={data}", "-s", f"NEWSBOT_REDIS_URL={redis_server}", "-s", f"NEWSBOT_NODE={node}",
             "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=8", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    processes = {node: crawl(node) for node in ("a", "b")}
    logs = {node: p.communicate(timeout=600)[1] for node, p in processes.items()}
    for node, proc in processes.items():
        assert proc.returncode == 0 and "Traceback" not in logs[node], logs[node][-3000:]

    fetched = [p for p in base.requested if p.endswith(".html")]
    assert sorted(fetched) == sorted(f"/{p.name}" for p in site.glob("*.html")), "a page fetched twice or never"

    parts = {node: read_jsonl(data / f"corpus-{node}.jsonl") for node in ("a", "b")}
    assert all(parts.values()), "both processes wrote articles"
    union = parts["a"] + parts["b"]
    assert len(union) == len({r["id"] for r in union}) == PAGES
    copies = read_jsonl(data / "duplicates-a.jsonl") + read_jsonl(data / "duplicates-b.jsonl")
    # each text once: of a page and its mirror, the first fetched is written, the other is a copy
    written = [r["url"].rsplit("/", 1)[1] for r in union]
    copied = [c["url"].rsplit("/", 1)[1] for c in copies]
    assert sorted(written + copied) == sorted(p.name for p in site.glob("*.html"))
    assert len(copies) == COPIES and {c["kind"] for c in copies} == {"exact"}
    assert {c["duplicate_of"] for c in copies} <= {r["id"] for r in union}

    rebuilt = subprocess.run([sys.executable, "-m", "newsbot.stories", "rebuild", str(data), "--recluster"],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert json.loads(rebuilt.stdout)["articles"] == PAGES
    stories = read_stories(data)
    assert sorted(a for s in stories for a in s["articles"]) == sorted(r["id"] for r in union)


def distributed(url_file, data, redis_url, node="a", *extra):
    return [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"url_file={url_file}",
            "-s", f"NEWSBOT_DATA_DIR={data}", "-s", f"NEWSBOT_REDIS_URL={redis_url}", "-s", f"NEWSBOT_NODE={node}",
            "-s", "AUTOTHROTTLE_ENABLED=False", *extra]


def test_a_crawl_whose_redis_dies_ends_with_status_8(site, http_server, redis_server, tmp_path):
    """redis-server killed mid-crawl: the crawl stops within NEWSBOT_REDIS_TIMEOUT with exit
    status 8 and one clear line, not a ConnectionError every 5 s for ever; what it wrote stays."""
    import signal
    import time

    base = http_server(site)
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(f"{base}/a{i:03d}.html" for i in range(200)) + "\n")
    data = tmp_path / "data"
    proc = subprocess.Popen(distributed(url_file, data, redis_server, "a", "-s", "NEWSBOT_REDIS_TIMEOUT=5",
                                        "-s", "DOWNLOAD_DELAY=0.1", "-s", "CONCURRENT_REQUESTS=1"),
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    part = data / "corpus-a.jsonl"
    while len(read_jsonl(part)) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    redis_server.process.send_signal(signal.SIGKILL)
    killed = time.monotonic()
    _, log = proc.communicate(timeout=90)
    assert proc.returncode == 8, log[-3000:]
    assert time.monotonic() - killed < 60
    assert "exit status 8 (service_unavailable)" in log and "is unavailable" in log
    written = read_jsonl(data / "corpus-a.jsonl")
    assert written and len(written) == len({r["id"] for r in written})


def test_after_redis_lost_its_data_a_rerun_writes_nothing_twice(site, http_server, redis_server, tmp_path):
    """Redis restarted without persistence: its index is gone, the corpus parts are not. The
    next run rebuilds the index from the parts and writes no article a second time."""
    base = http_server(site)
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(f"{base}/a{i:03d}.html" for i in range(40)) + "\n")
    data = tmp_path / "data"
    first = subprocess.run(distributed(url_file, data, redis_server, "a"), cwd=ROOT, capture_output=True, text=True,
                           timeout=300)
    assert first.returncode == 0, first.stderr[-3000:]
    written = read_jsonl(data / "corpus-a.jsonl")
    assert len(written) == 40
    redis_server.process.terminate()
    redis_server.process.wait(timeout=10)
    redis_server.restart()                   # --save "": an empty Redis
    second = subprocess.run(distributed(url_file, data, redis_server, "b"), cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert second.returncode == 0 and "Traceback" not in second.stderr, second.stderr[-3000:]
    assert "rebuilt from the corpus parts" in second.stderr
    assert read_jsonl(data / "corpus-b.jsonl") == []
    assert len(read_jsonl(data / "corpus-a.jsonl")) == 40
