"""Bad input, one case each: a clear log line, a counted reason in the stats, a line in
rejects.jsonl; never a traceback, never a stopped crawl, and the good page next to it still
becomes an article."""

from __future__ import annotations

import gzip
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import EVAL_DIR, ROOT, read_jsonl, run_crawl

SEED = (ROOT / "seeds" / "000_03d8b73ba3cd1737.txt").read_bytes()
GOOD_PAGE = sorted((EVAL_DIR / "articles").glob("*.html"))[0].read_bytes()

# file name -> the reason it must be rejected with
SEED_CASES = {
    "binary.html": "binary",
    "empty.html": "empty_file",
    "huge.html": "too_large",
    "truncated.html.gz": "truncated_gzip",
    "invalid-utf8.html": "undecodable",
    "no-body.html": "empty_body",
}
MANIFEST_CASES = {
    "not json": "bad_manifest_line",
    '{"path": "missing.html", "url": "https://example.org/missing"}': "manifest_missing_file",
    '{"path": "../outside.html", "url": "https://example.org/outside"}': "manifest_path_outside",
}
HTTP_CASES = {
    "/404": "http_404",
    "/500": "http_500",
    "/slow": "timeout",
    "/loop": "redirect_loop",
    "/pdf": "wrong_content_type",
    "/bomb": "too_large",
}


def reasons(result) -> dict[str, list[dict]]:
    by_reason: dict[str, list[dict]] = {}
    for line in read_jsonl(result.data_dir / "rejects.jsonl"):
        assert set(line) == {"url", "reason", "message", "at"} and line["message"]
        by_reason.setdefault(line["reason"], []).append(line)
    return by_reason


@pytest.fixture(scope="module")
def seeds_result(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-seeds")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_bytes(SEED)
    (seeds / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4000))
    (seeds / "empty.html").write_bytes(b"")
    with open(seeds / "huge.html", "wb") as fh:           # 50 MB
        chunk = b"<p>" + "가나다라마바사 ".encode() * 1000 + b"</p>\n"
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    (seeds / "truncated.html.gz").write_bytes(gzip.compress(SEED)[:2000])
    (seeds / "invalid-utf8.html").write_bytes(
        b'<html><head><meta charset="utf-8"><title>x</title></head><body><p>'
        + bytes(range(0x80, 0x100)) * 40 + b"</p></body></html>")
    (seeds / "no-body.html").write_bytes(b"<html><head><title>A title, no body</title></head><body></body></html>")
    (root / "outside.html").write_bytes(SEED)
    (seeds / "manifest.jsonl").write_text("\n".join(MANIFEST_CASES) + "\n", encoding="utf-8")
    return run_crawl("seeds", root / "data", "-a", f"path={seeds}")


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/good":
            self._send(200, GOOD_PAGE, [("Content-Type", "text/html; charset=utf-8")])
        elif self.path == "/500":
            self._send(500, b"server error")
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, GOOD_PAGE, [("Content-Type", "text/html")])
        elif self.path == "/loop":
            self._send(302, b"", [("Location", "/loop")])
        elif self.path == "/pdf":
            self._send(200, b"%PDF-1.7\n" + os.urandom(2000), [("Content-Type", "application/pdf")])
        elif self.path == "/bomb":
            self._send(200, BOMB, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
        else:
            self._send(404, b"not found")


BOMB = gzip.compress(b"\0" * (200 * 1024 * 1024), compresslevel=9)   # 200 MB of zeros, about 200 KB


@pytest.fixture(scope="module")
def urls_result(tmp_path_factory):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        urls = ",".join(base + path for path in ["/good", *HTTP_CASES])
        yield run_crawl("urls", tmp_path_factory.mktemp("bad-urls") / "data", "-a", f"urls={urls}",
                        "-s", "DOWNLOAD_TIMEOUT=1", "-s", "AUTOTHROTTLE_ENABLED=False")
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("name,reason", SEED_CASES.items())
def test_a_bad_seed_file(seeds_result, name, reason):
    (line,) = [r for r in reasons(seeds_result).get(reason, []) if r["url"].endswith("/" + name)]
    assert seeds_result.stat(f"newsbot/{'dropped' if reason == 'empty_body' else 'rejected'}/{reason}") == 1
    assert name in seeds_result.log and reason in seeds_result.log


@pytest.mark.parametrize("line,reason", MANIFEST_CASES.items())
def test_a_bad_manifest_line(seeds_result, line, reason):
    assert len(reasons(seeds_result)[reason]) == 1
    assert seeds_result.stat(f"newsbot/rejected/{reason}") == 1


@pytest.mark.parametrize("path,reason", HTTP_CASES.items())
def test_a_bad_page_from_a_server(urls_result, path, reason):
    (line,) = reasons(urls_result)[reason]
    assert line["url"].endswith(path)
    assert urls_result.stat(f"newsbot/rejected/{reason}") == 1


@pytest.mark.parametrize("result", ["seeds_result", "urls_result"])
def test_the_crawl_finishes_and_the_good_page_is_written(request, result):
    result = request.getfixturevalue(result)
    assert "Traceback" not in result.log
    assert "'finish_reason': 'finished'" in result.log
    assert len(result.corpus) == 1
