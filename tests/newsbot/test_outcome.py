"""A crawl says how it ended in its exit status (newsbot.outcome), with one clear line and no
traceback, and ends with a one-line summary; pages rejected one by one do not fail it."""

from __future__ import annotations

import socket

from newsbot.datadir import DataDir
from tests.conftest import bench_articles, read_jsonl, run_crawl, write_pages


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]          # nothing listens there once the probe closes


def test_a_finished_crawl_exits_0_and_sums_itself_up(tmp_path, http_server):
    site = tmp_path / "site"
    write_pages(site, bench_articles(2), prefix="p")
    base = http_server(site)
    result = run_crawl("urls", tmp_path / "data", "-a", f"urls={base}/p-000.html,{base}/p-001.html,{base}/missing.html")
    assert len(result.corpus) == 2
    summary = [line for line in result.log.splitlines() if "Summary: " in line]
    assert len(summary) == 1
    assert ("Summary: 2 new articles, 0 new versions, 0 copies, 0 unchanged, 0 known pages skipped, 1 rejected, "
            "2 stories touched, 0 new conflicts; exit status 0 (finished)") in summary[0]


def test_a_refused_crawl_exits_3(tmp_path):
    holder = DataDir(tmp_path / "data")
    holder.lock()
    try:
        result = run_crawl("seeds", tmp_path / "data", expect=3)
    finally:
        holder.close()
    assert "Refusing to crawl" in result.log and "exit status 3 (data_dir_busy)" in result.log


def test_an_unreadable_input_exits_4_with_one_line(tmp_path):
    for args in (["seeds", "-a", "path=/nonexistent"], ["urls", "-a", f"url_file={tmp_path}/missing.txt"]):
        result = run_crawl(*args[:1], tmp_path / "data", *args[1:], expect=4)
        assert result.log.strip().endswith(("/nonexistent: no such file or folder", "No such file or directory"))
    result = run_crawl("feeds", tmp_path / "data", "-a", f"feeds=http://127.0.0.1:{closed_port()}/rss.xml", expect=4)
    assert "exit status 4 (input_unreadable)" in result.log
    assert read_jsonl(tmp_path / "data" / "rejects.jsonl")[0]["reason"] == "connection_refused"


def test_a_bad_argument_exits_2_with_a_usage_line(tmp_path):
    for spider, args, message in (
            ("feeds", [], "give feed or sitemap URLs"),
            ("urls", [], "give article URLs"),
            ("seeds", ["-a", "pth=seeds"], "unknown argument pth"),
            ("nosuchspider", [], "no spider named 'nosuchspider'")):
        result = run_crawl(spider, tmp_path / "data", *args, expect=2)
        assert result.log.strip().splitlines()[-1].startswith(f"scrapy crawl {spider}: ")
        assert message in result.log


def test_every_page_failing_exits_5(tmp_path, http_server):
    site = tmp_path / "site"
    site.mkdir()
    base = http_server(site)
    result = run_crawl("urls", tmp_path / "data", "-a", f"urls={base}/a.html,{base}/b.html", expect=5)
    assert "exit status 5 (every_page_failed)" in result.log
    assert [r["reason"] for r in read_jsonl(tmp_path / "data" / "rejects.jsonl")] == ["http_404", "http_404"]


def test_pages_that_are_not_articles_do_not_fail_a_crawl(tmp_path):
    """Unreadable files only: every page failed (5). A page read and judged no article (too
    short, no body) is a page rejected for its own reason: the crawl did its work (0)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "empty.html").write_bytes(b"")
    (seeds / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    run_crawl("seeds", tmp_path / "data", "-a", f"path={seeds}", "-a", f"manifest={seeds / 'none.jsonl'}",
              expect=4)                                         # a manifest that is not there
    result = run_crawl("seeds", tmp_path / "data", "-a", f"path={seeds}", expect=5)
    assert "exit status 5 (every_page_failed)" in result.log
    (seeds / "short.html").write_text("<html><head><title>t</title></head><body><p>짧다.</p></body></html>")
    result = run_crawl("seeds", tmp_path / "data", "-a", f"path={seeds}")
    assert result.corpus == [] and result.stat("newsbot/dropped") == 1
