"""The report folder from real crawls and the report command: every story a page, the index's
rows replaced only for the stories a crawl touched."""

import json
import subprocess
import sys

from tests.conftest import ROOT, run_crawl
from tests.newsbot.report.stories import CONFLICT_STORY, UPDATED_STORY


def add_stories(data, *records, day="2026-01-05"):
    """Invented story lines beside a crawl's, in a day file of their own."""
    with open(data / "stories" / f"{day}.jsonl", "a", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def report(data, out):
    proc = subprocess.run([sys.executable, "-m", "newsbot.report", str(data), "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_crawl_writes_the_pages_of_the_stories_it_touched_and_leaves_the_others(tmp_path):
    data = tmp_path / "data"
    run_crawl("seeds", data, "-s", "NEWSBOT_REPORT_DIR=report")
    (story_id,) = [json.loads(line)["story_id"] for path in (data / "stories").glob("*.jsonl") for line in open(path)]
    site = data / "report"
    assert (site / "stories" / f"{story_id}.html").exists()
    assert [row["story_id"] for row in json.loads((site / "index.json").read_text())] == [story_id]
    # another story's page, written earlier, is left as it is by a crawl that does not touch it
    other = site / "stories" / "sother.html"
    other.write_text("kept", encoding="utf-8")
    run_crawl("seeds", data, "-s", "NEWSBOT_REPORT_DIR=report")
    assert other.read_text(encoding="utf-8") == "kept"


def test_a_crawl_without_a_report_folder_writes_none_and_says_nothing_of_it(seeds_crawl):
    assert not (seeds_crawl.data_dir / "report").exists()
    assert "WARNING" not in seeds_crawl.log and "Report" not in seeds_crawl.log


def test_the_report_command_writes_every_story_and_only_them(seeds_crawl, tmp_path):
    data = tmp_path / "data"
    subprocess.run(["cp", "-r", str(seeds_crawl.data_dir), str(data)], check=True)
    add_stories(data, CONFLICT_STORY, UPDATED_STORY)
    out = tmp_path / "site"
    (out / "stories").mkdir(parents=True)
    (out / "stories" / "sgone.html").write_text("a story no longer in the folder", encoding="utf-8")
    assert report(data, out)["stories"] == 3
    pages = sorted(p.stem for p in (out / "stories").glob("*.html"))
    assert "sgone" not in pages and len(pages) == 3
    rows = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [r["story_id"] for r in rows[:2]] == ["sconflict0000001", "supdated0000001"]


def test_show_prints_a_story_and_the_conflicts(seeds_crawl, tmp_path):
    data = tmp_path / "data"
    subprocess.run(["cp", "-r", str(seeds_crawl.data_dir), str(data)], check=True)
    add_stories(data, CONFLICT_STORY, UPDATED_STORY)

    def show(*args):
        return subprocess.run([sys.executable, "-m", "newsbot.stories", "show", *args, "--data", str(data)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    seeds = show(seeds_crawl.corpus[0]["story_id"])
    assert seeds.returncode == 0 and "[agreed] 출장 기간" in seeds.stdout and "[약 2주간]" in seeds.stdout
    conflicts = show("--conflicts")
    assert conflicts.stdout.count("\nConflicts\n") == 1 and "부상자 수" in conflicts.stdout
    missing = show("snosuchstory")
    assert missing.returncode == 1 and "no story snosuchstory" in missing.stderr
