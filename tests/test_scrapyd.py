"""The project deploys to a real Scrapyd with scrapyd-client, and a schedule.json crawl writes the
corpus (the way the README's cron line runs recurring crawls)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, read_jsonl, read_stories

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(url: str, data: dict | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=10) as response:
        return json.loads(response.read())


def test_deploy_and_schedule_a_crawl(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {home}/eggs\n"
        f"logs_dir = {home}/logs\nitems_dir =\ndbs_dir = {home}/dbs\npoll_interval = 0.5\nmax_proc = 1\n")
    server = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                assert call(f"{base}/daemonstatus.json")["status"] == "ok"
                break
            except OSError:
                time.sleep(0.1)

        # deploy from a copy of the project (the build leaves files behind)
        project = tmp_path / "project"
        files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
        for name in files:
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)
        with open(project / "scrapy.cfg", "a") as cfg:
            cfg.write(f"\n[deploy:local]\nurl = {base}/\nproject = newsbot\n")
        deployed = subprocess.run([str(BIN / "scrapyd-deploy"), "local"], cwd=project, capture_output=True,
                                  text=True, timeout=300)
        assert deployed.returncode == 0 and '"status": "ok"' in deployed.stdout, deployed.stdout + deployed.stderr
        assert "seeds" in call(f"{base}/listspiders.json?project=newsbot")["spiders"]

        data = tmp_path / "data"
        job = call(f"{base}/schedule.json", {"project": "newsbot", "spider": "seeds",
                                             "setting": f"NEWSBOT_DATA_DIR={data}", "path": str(ROOT / "seeds")})
        assert job["status"] == "ok"
        for _ in range(600):
            jobs = call(f"{base}/listjobs.json?project=newsbot")
            if any(j["id"] == job["jobid"] for j in jobs["finished"]):
                break
            time.sleep(0.2)
        else:
            raise AssertionError(f"the job did not finish: {jobs}")
        log = next((home / "logs" / "newsbot" / "seeds").glob(f"{job['jobid']}.log")).read_text()
        assert "'finish_reason': 'finished'" in log and "Traceback" not in log, log[-3000:]
        assert len(read_jsonl(data / "corpus.jsonl")) == 2
        assert len(read_stories(data)) == 1
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_scrapyd_started_from_the_repository_keeps_its_files_under_data():
    """scrapyd run from the repository root reads scrapyd.conf there: eggs, logs and the job
    database go to data/scrapyd (ignored), and its pid file is ignored too."""
    out = subprocess.run([sys.executable, "-c", "from scrapyd.config import Config; c = Config(); "
                          "print(c.get('eggs_dir'), c.get('logs_dir'), c.get('dbs_dir'))"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60).stdout.split()
    assert out == ["data/scrapyd/eggs", "data/scrapyd/logs", "data/scrapyd/dbs"]
    ignored = subprocess.run(["git", "check-ignore", "twistd.pid", "data/scrapyd/eggs/x.egg", "dbs/x", "eggs/x", "logs/x"],
                             cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert ignored == ["twistd.pid", "data/scrapyd/eggs/x.egg", "dbs/x", "eggs/x", "logs/x"]
