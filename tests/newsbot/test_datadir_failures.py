"""Nothing lost, nothing read twice: what a data folder survives.

An article counts as seen (in the dedupe index) only once its corpus line is durably written,
whatever stops it: a full disk or a file size limit, a bug in a later stage, a record the schema
rejects. Corrupt inputs (an index that is no database, corpus lines of the wrong shape) are
detected and repaired or skipped, never half-used; a data folder that cannot be used refuses the
crawl at once; SIGTERM and SIGINT always end it."""

from __future__ import annotations

import json
import resource
import signal
import stat
import subprocess
import sys
import time

import pytest

from newsbot.datadir import part_name
from tests.conftest import ROOT, bench_articles, read_jsonl, read_stories, run_crawl, write_pages
from tests.faults import pipelines_with_failing_stage

FAST = ("-s", "AUTOTHROTTLE_ENABLED=False", "-s", "ROBOTSTXT_OBEY=False", "-s", "CONCURRENT_REQUESTS=4")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """60 distinct articles as pages, and the url file that lists them (served per test)."""
    root = tmp_path_factory.mktemp("site")
    names = write_pages(root, bench_articles(60), prefix="p")
    return root, names


def url_file(tmp_path, base, names):
    path = tmp_path / "urls.txt"
    path.write_text("".join(f"{base}/{n}\n" for n in names))
    return path


def assert_each_once(data_dir, expected: int):
    corpus = read_jsonl(data_dir / "corpus.jsonl")
    ids = [r["id"] for r in corpus]
    assert len(ids) == len(set(ids)) == expected, (len(ids), len(set(ids)), expected)
    return corpus


def test_a_failed_corpus_write_stops_the_crawl_and_loses_nothing(tmp_path, site, http_server):
    """With a file size limit (ulimit -f) the corpus cannot grow past a few lines: the crawl
    stops with status 6 and says why; the articles whose lines did not land are not marked as
    seen, so the next run writes every one of them, and none twice."""
    root, names = site
    base = http_server(root)
    urls = url_file(tmp_path, base, names)
    limit = 150_000         # room for the indexes' files, not for the corpus (about 330 KB)

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    clean = run_crawl("urls", tmp_path / "clean", "-a", f"url_file={urls}", *FAST)
    expected = sorted(r["id"] for r in clean.corpus)
    data = tmp_path / "data"
    first = run_crawl("urls", data, "-a", f"url_file={urls}", *FAST, expect=6, preexec_fn=small_files)
    assert "cannot write to" in first.log and "File too large" in first.log
    assert "exit status 6 (output_failed)" in first.log
    run_crawl("urls", data, "-a", f"url_file={urls}", *FAST)
    assert sorted(r["id"] for r in assert_each_once(data, len(expected))) == expected
    assert len(read_jsonl(data / "duplicates.jsonl")) == len(read_jsonl(tmp_path / "clean" / "duplicates.jsonl"))
    third = run_crawl("urls", data, "-a", f"url_file={urls}", *FAST)
    assert third.stat("newsbot/written/new") is None and third.stat("newsbot/skipped/known") == len(names)


def test_an_article_lost_to_a_later_stage_is_not_marked_seen(tmp_path, site, http_server):
    root, names = site
    base = http_server(root)
    urls = url_file(tmp_path, base, names[:5])
    data = tmp_path / "data"
    first = run_crawl("urls", data, "-a", f"url_file={urls}", *FAST, "-s", f"ITEM_PIPELINES={pipelines_with_failing_stage()}",
                      "-s", f"NEWSBOT_TEST_FAIL_ON={names[2]}", traceback=True)
    assert len(read_jsonl(data / "corpus.jsonl")) == 4
    assert f"Not written, and so not marked as seen: {base}/{names[2]}" in first.log
    second = run_crawl("urls", data, "-a", f"url_file={urls}", *FAST)
    assert second.stat("newsbot/written/new") == 1
    assert_each_once(data, 5)


def test_corpus_lines_of_the_wrong_shape_are_skipped_not_half_used(tmp_path, site, http_server):
    """Valid JSON of the wrong types in corpus.jsonl (a title that is a list, a version that is
    a string): the catch-up, the story replay and both rebuild commands skip those lines with a
    warning and use the rest; nothing is written twice."""
    root, names = site
    base = http_server(root)
    urls = url_file(tmp_path, base, names[:6])
    data = tmp_path / "data"
    run_crawl("urls", data, "-a", f"url_file={urls}", *FAST)
    good = (data / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    bad = [json.dumps({**json.loads(good[0]), "id": "ffffffffffffffff", "title": ["x"]}),
           json.dumps({**json.loads(good[1]), "id": "eeeeeeeeeeeeeeee", "version": "2"}),
           json.dumps(["not", "a", "record"]), "{not json"]
    (data / "corpus.jsonl").write_text("\n".join(good[:3] + bad + good[3:]) + "\n", encoding="utf-8")
    for suffix in ("", "-wal", "-shm"):                 # the catch-up reads the whole corpus
        (data / f"index.sqlite{suffix}").unlink(missing_ok=True)
    again = run_crawl("urls", data, "-a", f"url_file={urls}", *FAST, "-s", "NEWSBOT_RECHECK_KNOWN=true")
    assert "the line at byte" in again.log and "4 lines skipped as unusable" in again.log
    assert again.stat("newsbot/dedupe/unchanged") == 6 and again.stat("newsbot/written/new") is None
    for command in (["newsbot.dedupe", "rebuild"], ["newsbot.stories", "rebuild"]):
        proc = subprocess.run([sys.executable, "-m", *command, str(data)], cwd=ROOT, capture_output=True,
                              text=True, timeout=120)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
        assert "4 lines skipped as unusable" in proc.stderr
    stories = read_stories(data)
    assert sorted(a for s in stories for a in s["articles"]) == sorted(json.loads(line)["id"] for line in good)


@pytest.mark.parametrize("name", ["index.sqlite", "stories.sqlite"])
def test_a_damaged_index_is_rebuilt_from_the_corpus(tmp_path, name):
    data = tmp_path / "data"
    first = run_crawl("seeds", data)
    stories = read_stories(data)
    (data / name).write_bytes(b"this is not a database" * 100)
    second = run_crawl("seeds", data)
    assert "is damaged" in second.log and "making it anew from the corpus" in second.log
    assert second.stat("newsbot/dedupe/unchanged") == 2
    assert_each_once(data, len(first.corpus))
    assert list(data.glob(f"{name}.damaged-*"))
    assert read_stories(data) == stories


def test_a_data_folder_that_cannot_be_opened_refuses_at_once(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    started = time.monotonic()
    result = run_crawl("seeds", blocker / "data", expect=7, timeout=60)
    assert time.monotonic() - started < 30
    assert "Refusing to crawl: cannot use the data folder" in result.log
    assert "exit status 7 (data_dir_unusable)" in result.log


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder on a read-only file system (a tmpfs mounted ro; root writes anywhere else)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a read-only tmpfs here")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_data_folder_refuses_at_once(read_only_folder):
    started = time.monotonic()
    result = run_crawl("seeds", read_only_folder, expect=7, timeout=60)
    assert time.monotonic() - started < 30
    assert "Refusing to crawl: cannot use the data folder" in result.log and "Read-only file system" in result.log


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_end_the_crawl(tmp_path, signum, site, http_server):
    root, names = site
    base = http_server(root)
    urls = url_file(tmp_path, base, names)
    proc = subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"url_file={urls}",
                             "-s", f"NEWSBOT_DATA_DIR={tmp_path / 'data'}", "-s", "DOWNLOAD_DELAY=1",
                             "-s", "CONCURRENT_REQUESTS=1", "-s", "ROBOTSTXT_OBEY=False"],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True)
    time.sleep(6)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 9, err[-2000:]
    assert "exit status 9 (shutdown)" in err and "Traceback" not in err
    assert_each_once(tmp_path / "data", len(read_jsonl(tmp_path / "data" / "corpus.jsonl")))


def test_what_a_killed_close_left_is_cleaned_and_stories_are_readable(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "stories").mkdir()
    left = data / "stories" / ".2024-06-14.jsonl.k2j4x9"     # what SIGKILL during a stories rewrite leaves
    left.write_text("{}\n")
    run_crawl("seeds", data)
    assert not left.exists()
    mode = stat.S_IMODE((data / "stories" / "2024-06-14.jsonl").stat().st_mode)
    assert mode == stat.S_IMODE((data / "corpus.jsonl").stat().st_mode) and mode & 0o044


def test_distributed_lock_files_are_not_read_as_options():
    assert part_name(".lock", "host-12") == ".lock-host-12"
    assert part_name("corpus.jsonl", "host-12") == "corpus-host-12.jsonl"
