"""`scrapy crawl urls` against a loopback HTTP server gives what `scrapy crawl seeds` gives."""

import json
import subprocess
import sys

import pytest

from tests.conftest import EVAL_DIR, ROOT

FAST = ("-s", "AUTOTHROTTLE_START_DELAY=0.01", "-s", "AUTOTHROTTLE_MAX_DELAY=0.1")


@pytest.mark.shared
def test_live_and_local_paths_give_the_same_records(crawl, http_server, tmp_path):
    base = http_server(EVAL_DIR)
    pages = sorted((EVAL_DIR / "articles").glob("*.html"))
    urls = [f"{base}/articles/{p.name}" for p in pages]
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text("".join(json.dumps({"path": str(p), "url": u}) + "\n" for p, u in zip(pages, urls)),
                        encoding="utf-8")
    url_file = tmp_path / "urls.txt"
    url_file.write_text("# eval pages\n" + "\n".join(urls) + "\n", encoding="utf-8")

    local = crawl("seeds", "-a", f"path={EVAL_DIR / 'articles'}", "-a", f"manifest={manifest}",
                  data_dir=tmp_path / "local").corpus
    live_run = crawl("urls", "-a", f"url_file={url_file}", *FAST, data_dir=tmp_path / "live")
    live = live_run.corpus

    def keyed(records):
        return {r["url"]: {k: v for k, v in r.items() if k != "fetched_at"} for r in records}

    assert len(local) == len(pages) == len(live)
    assert keyed(local) == keyed(live)
    assert live_run.stat("robotstxt/response_count") == 1        # robots.txt was asked for


def test_urls_needs_urls(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "urls", "-s", f"NEWSBOT_DATA_DIR={tmp_path}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "give article URLs" in proc.stderr


def test_a_comma_list_and_a_missing_page(crawl, http_server, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    html = (ROOT / "seeds" / "000_03d8b73ba3cd1737.txt").read_text(encoding="utf-8")
    body = "".join(f"<p>{line}</p>" for line in html.splitlines() if line.strip())
    (site / "a.html").write_text(f"<html><head><title>t</title></head><body>{body}</body></html>", encoding="utf-8")
    base = http_server(site)
    result = crawl("urls", "-a", f"urls={base}/a.html,{base}/missing.html", *FAST)
    assert len(result.corpus) == 1
    assert result.stat("newsbot/rejected") == 1


def test_a_crawl_stopped_with_ctrl_c_resumes_without_fetching_again(bench_seed_folder, http_server, tmp_path):
    """SIGINT (Ctrl-C) mid-crawl, then the same command with the same JOBDIR: every page is
    fetched once across the two runs, and the corpus ends with every article."""
    import signal
    import time

    from tests.conftest import read_jsonl

    pages = tmp_path / "site"
    pages.mkdir()
    for text_page in sorted(bench_seed_folder.glob("*.txt"))[:60]:
        title, _, body = text_page.read_text(encoding="utf-8").partition("\n\n")
        paragraphs = "".join(f"<p>{line}</p>" for line in body.split(". ") if line.strip())
        (pages / f"{text_page.stem}.html").write_text(
            f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}"
            f"</article></body></html>", encoding="utf-8")
    base = http_server(pages)
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(f"{base}/{p.name}" for p in sorted(pages.glob("*.html"))) + "\n")
    data, jobdir = tmp_path / "data", tmp_path / "job"
    cmd = [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"url_file={url_file}",
           "-s", f"NEWSBOT_DATA_DIR={data}", "-s", f"JOBDIR={jobdir}", "-s", "CONCURRENT_REQUESTS=2",
           "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.05"]
    first = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while len([p for p in base.requested if p.endswith(".html")]) < 15:
        time.sleep(0.05)
    first.send_signal(signal.SIGINT)
    log = first.communicate(timeout=120)[1]
    assert "shutting down gracefully" in log and "'finish_reason': 'shutdown'" in log
    fetched_first = len([p for p in base.requested if p.endswith(".html")])
    assert fetched_first < 60

    second = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0 and "Traceback" not in second.stderr
    assert "Resuming crawl" in second.stderr
    html = [p for p in base.requested if p.endswith(".html")]
    assert len(html) == len(set(html)) == 60, "a page was fetched twice or never"
    ids = [r["id"] for r in read_jsonl(data / "corpus.jsonl")]
    assert len(ids) == len(set(ids))


def test_a_url_file_takes_comments_at_the_start_or_after_a_space(tmp_path):
    from newsbot.spiders.base import url_list

    path = tmp_path / "urls.txt"
    path.write_text("# our outlets\nhttps://a.kr/1  # the first\nhttps://a.kr/2#frag\n\thttps://a.kr/3\t# tab\n\n")
    assert url_list("https://b.kr/x, https://b.kr/y", str(path)) == [
        "https://b.kr/x", "https://b.kr/y", "https://a.kr/1", "https://a.kr/2#frag", "https://a.kr/3"]
