"""The worker pool: extraction, normalization and facts in worker processes, with the same outputs
as without them; a page that kills its worker costs that page only; workers end with their crawl."""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from newsbot.loaders import ArticleBuilder
from newsbot.workerpool import available_cores, worker_count
from tests.conftest import EVAL_DIR, ROOT, near_copy, read_jsonl, stories_files

SEEDS = ROOT / "seeds"


class Unreadable(Exception):
    """An exception the crawl process cannot rebuild from its pickle (two arguments, one kept)."""

    def __init__(self, first, second):
        super().__init__(first)


class KillingBuilder(ArticleBuilder):
    """An ArticleBuilder whose process dies (SIGKILL, as the OOM killer would) on a marked page,
    and that raises an exception the crawl cannot read on another."""

    def build(self, body, url, *args, **kwargs):
        if b"KILL-THE-WORKER" in body:
            os.kill(os.getpid(), signal.SIGKILL)
        if b"RAISE-IN-THE-WORKER" in body:
            raise Unreadable("a bug", "this page brings out")
        return super().build(body, url, *args, **kwargs)


@pytest.mark.parametrize("value, expected", [(None, available_cores()), ("", available_cores()),
                                             ("auto", available_cores()), (0, 0), ("3", 3)])
def test_the_workers_setting_counts_processes_and_defaults_to_one_a_core(value, expected):
    assert worker_count(value) == expected


def test_a_negative_number_of_workers_is_refused():
    with pytest.raises(ValueError, match="NEWSBOT_WORKERS"):
        worker_count(-1)


def mixed_folder(folder: Path) -> Path:
    """Seed pages, the evaluation pages (articles and listings), a near copy, a gzipped page, and
    inputs that are not pages: everything each stage decides on."""
    shutil.copytree(EVAL_DIR, folder)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / f"seed-{seed.name}")
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (folder / "zz-copy.txt").write_text(near_copy(seed.read_text(encoding="utf-8")), encoding="utf-8")
    (folder / "seed-gz.txt.gz").write_bytes(gzip.compress(sorted(SEEDS.glob("*.txt"))[1].read_bytes()))
    (folder / "binary.html").write_bytes(os.urandom(4000))
    (folder / "empty.txt").write_bytes(b"")
    return folder


def without(records: list[dict], *fields: str) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in fields} for r in records]


@pytest.mark.shared
def test_the_outputs_are_the_same_with_and_without_worker_processes(crawl, tmp_path):
    folder = mixed_folder(tmp_path / "pages")
    runs = {n: crawl("seeds", "-a", f"path={folder}", "-s", f"NEWSBOT_WORKERS={n}", data_dir=tmp_path / f"w{n}")
            for n in (0, 2)}
    assert "Worker pool: 2 processes" in runs[2].log and "Worker pool" not in runs[0].log
    data = {n: tmp_path / f"w{n}" for n in runs}
    corpus = {n: without(read_jsonl(data[n] / "corpus.jsonl"), "fetched_at") for n in runs}
    assert len(corpus[0]) >= 14 and corpus[0] == corpus[2]                   # same records, same order
    assert without(read_jsonl(data[0] / "duplicates.jsonl"), "seen_at") == \
        without(read_jsonl(data[2] / "duplicates.jsonl"), "seen_at") != []
    assert sorted((r["url"], r["reason"]) for r in read_jsonl(data[0] / "rejects.jsonl")) == \
        sorted((r["url"], r["reason"]) for r in read_jsonl(data[2] / "rejects.jsonl"))
    assert {r["reason"] for r in read_jsonl(data[0] / "rejects.jsonl")} >= {"binary", "empty_file", "listing_page"}
    assert stories_files(data[0]) == stories_files(data[2])


def test_a_page_that_kills_its_worker_or_raises_is_rejected_and_the_crawl_goes_on(crawl, tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS, folder)
    for name, marker in (("001_killer.html", "KILL-THE-WORKER"), ("001_raiser.html", "RAISE-IN-THE-WORKER")):
        (folder / name).write_text(f"<html><head><title>{marker}</title></head><body><p>{marker}</p></body></html>",
                                   encoding="utf-8")
    result = crawl("seeds", "-a", f"path={folder}", "-s", "NEWSBOT_WORKERS=2",
                   "-s", "NEWSBOT_ARTICLE_BUILDER=tests.newsbot.test_workerpool.KillingBuilder")
    assert len(result.corpus) == 2
    rejects = {Path(r["url"]).name: r for r in read_jsonl(result.data_dir / "rejects.jsonl")}
    assert set(rejects) == {"001_killer.html", "001_raiser.html"}
    assert rejects["001_killer.html"]["reason"] == "worker_crashed"
    assert rejects["001_raiser.html"]["reason"] == "extraction_failed"
    assert "could not be read" in rejects["001_raiser.html"]["message"]
    assert result.stat("newsbot/workers/crashed") == 1
    assert "killed its worker process twice" in result.log


def processes_with(marker: str) -> list[int]:
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker.encode() in environ.read_bytes():
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_workers_end_when_their_crawl_is_killed(bench_seed_folder, tmp_path):
    marker = f"NEWSBOT_TEST_RUN={uuid.uuid4()}"
    corpus = tmp_path / "data" / "corpus.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "seeds", "-a", f"path={bench_seed_folder}",
                             "-s", f"NEWSBOT_DATA_DIR={tmp_path / 'data'}", "-s", "NEWSBOT_WORKERS=2"],
                            cwd=ROOT, env={**os.environ, marker.split("=")[0]: marker.split("=")[1]},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while proc.poll() is None and not (corpus.exists() and corpus.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(processes_with(marker)) >= 3               # the crawl, the fork server, the workers
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_with(marker) == []


class Clock:
    """A component that tells when its worker ran a call (CLOCK_MONOTONIC is the same clock in
    every process), and whether debug calls make log records there."""

    def __init__(self, settings):
        pass

    def now(self, page: bytes = b"") -> float:
        return time.monotonic()

    def debug_is_logged(self) -> bool:
        return logging.getLogger("trafilatura").isEnabledFor(logging.DEBUG)


def run_script(script: str) -> str:
    """What a Python script prints, run from the project's root; it must succeed."""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


BUSY_TURN = """
import time
from twisted.internet import reactor
from twisted.internet.defer import DeferredList
from newsbot.workerpool import WorkerPool
from tests.newsbot.test_workerpool import Clock

pool = WorkerPool(1, {settings!r})
pool.start()

def busy_turn():
    calls = [pool.call(Clock, "now", bytes({page})) for _ in range({calls})]
    time.sleep(1.5)                 # the pipelines of a long reactor turn
    released = time.monotonic()
    done = DeferredList(calls)
    done.addCallback(lambda results: print("ran during the turn:", [ran < released for _, ran in results]))
    done.addBoth(lambda _: reactor.stop())

def when_up():                       # the busy turn once the worker has said hello (its pid)
    if pool._alive and pool._alive[0].pid is not None:
        busy_turn()
    else:
        reactor.callLater(0.05, when_up)

reactor.callWhenRunning(when_up)
reactor.run()
pool.close()
"""


def ran_during_a_busy_turn(settings: dict, calls: int, page: int) -> str:
    """Which of `calls` calls (each with a page of `page` bytes), made at the start of a long
    reactor turn, a worker of a pool with these settings ran before the turn ended."""
    return run_script(BUSY_TURN.format(settings=settings, calls=calls, page=page))


def test_a_call_reaches_its_worker_while_the_reactor_is_still_busy():
    """A call is written to its worker's socket when it is made, not when the reactor next polls:
    the worker starts on it while the crawl goes on with the rest of its turn."""
    assert "ran during the turn: [True]" in ran_during_a_busy_turn({}, calls=1, page=0)


def test_a_worker_holds_as_many_calls_as_the_setting_says_and_runs_them_while_the_reactor_is_busy():
    """NEWSBOT_WORKER_CALLS calls are sent to a worker at once, their pages whole in its socket:
    it runs them all while the crawl process is busy; the others wait for the reactor."""
    printed = ran_during_a_busy_turn({"NEWSBOT_WORKER_CALLS": 4}, calls=6, page=64 * 1024)
    assert "ran during the turn: [True, True, True, True, False, False]" in printed


LOG_LEVELS = """
import logging
from twisted.internet import reactor
from twisted.internet.defer import DeferredList
from newsbot.workerpool import WorkerPool
from tests.newsbot.test_workerpool import Clock

logging.root.setLevel(logging.NOTSET)         # as Scrapy leaves it: its handler filters by LOG_LEVEL
pools = {level: WorkerPool(1, {"LOG_LEVEL": level}) for level in ("DEBUG", "INFO")}

def ask():
    calls = []
    for level, pool in pools.items():
        pool.start()
        d = pool.call(Clock, "debug_is_logged")
        d.addCallback(lambda made, level=level: print(level, "makes debug records:", made))
        calls.append(d)
    DeferredList(calls).addBoth(lambda _: reactor.stop())

reactor.callWhenRunning(ask)
reactor.run()
for pool in pools.values():
    pool.close()
"""


def test_a_worker_makes_no_log_records_under_the_crawls_log_level():
    """Debug calls in a worker (trafilatura makes many) cost nothing when LOG_LEVEL would drop
    their records; with LOG_LEVEL=DEBUG they are made."""
    printed = run_script(LOG_LEVELS)
    assert "DEBUG makes debug records: True" in printed and "INFO makes debug records: False" in printed
