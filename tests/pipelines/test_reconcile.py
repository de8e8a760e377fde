"""The stories output from real crawls: the seed pages' story reconciled as the gold says, copies
counted once, only the changed stories rewritten, and the rebuild command."""

import json
import shutil
import subprocess
import sys

from tests.conftest import GOLD_DIR, ROOT, near_copy, read_jsonl, read_stories, stories_files
from tests.newsbot.facts.test_extract import within

GOLD = json.loads((GOLD_DIR / "facts.json").read_text(encoding="utf-8"))
SEEDS = ROOT / "seeds"


def by_key(story):
    return {(f["key"], f["subject"]): f for f in story["facts"]}


def test_the_seed_pages_form_one_story_reconciled_as_the_gold_says(seeds_crawl):
    records = seeds_crawl.corpus
    stories = read_stories(seeds_crawl.data_dir)
    assert len(stories) == 1
    (story,) = stories
    assert sorted(story["articles"]) == sorted(r["id"] for r in records)
    assert {r["story_id"] for r in records} == {story["story_id"]}
    assert story["sources"] == ["싱글리스트", "한국금융신문"]
    assert story["first_published"] == "2024-06-14T10:44:00+09:00"
    facts = by_key(story)
    for gold in GOLD["story"]["reconciled"]:
        fact = facts[(gold["key"], gold.get("subject"))]
        assert (fact["status"], fact["independent_sources"]) == (gold["status"], gold["independent_sources"])
        assert fact["value"]["unit"] == gold["unit"] and within(fact["value"], gold), fact


def test_relative_dates_of_the_undated_page_resolve_through_the_story(seeds_crawl):
    (story,) = read_stories(seeds_crawl.data_dir)
    facts = by_key(story)
    departure = facts[("trip.departure", None)]
    assert departure["value"] == {"min": "2024-05-31", "max": "2024-05-31", "unit": "date"}
    assert facts[("meeting.date", "베스트베리")]["value"]["min"] == "2024-06-04"
    # last year's 20여명 is not this trip's
    assert ("people.met", None) not in facts


def test_a_copy_on_another_site_is_not_a_second_source(crawl, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    copy = near_copy((SEEDS / "002_de77e6a0a0fda483.txt").read_text(encoding="utf-8"))
    (seeds / "003_copy.txt").write_text(copy, encoding="utf-8")
    (seeds / "manifest.jsonl").write_text(json.dumps({"path": "003_copy.txt", "url": "https://copy.example.net/news/1"}) + "\n")
    result = crawl("seeds", "-a", f"path={seeds}")
    (duplicate,) = read_jsonl(result.data_dir / "duplicates.jsonl")
    (story,) = read_stories(result.data_dir)
    assert story["copies"] == [duplicate["id"]] and "copy.example.net" in story["sources"]
    duration = by_key(story)[("trip.duration", None)]
    assert len(duration["claims"]) == 3
    assert (duration["status"], duration["independent_sources"]) == ("agreed", 2)
    appointments = by_key(story)[("trip.appointments", None)]
    assert (appointments["status"], appointments["independent_sources"], len(appointments["claims"])) == ("single", 1, 2)


def test_a_crawl_rewrites_the_stories_it_changed_and_rebuild_matches(crawl, tmp_path):
    data = tmp_path / "data"
    for name in ("000_03d8b73ba3cd1737.txt", "002_de77e6a0a0fda483.txt"):
        one = tmp_path / name.split(".")[0]
        one.mkdir()
        shutil.copy(SEEDS / name, one / name)
        result = crawl("seeds", "-a", f"path={one}", data_dir=data)
    first, second = read_jsonl(data / "corpus.jsonl")
    (story,) = read_stories(data)
    assert second["story_id"] == first["story_id"] == story["story_id"]       # joined the old story
    assert story["articles"] == [first["id"], second["id"]]
    assert by_key(story)[("trip.duration", None)]["status"] == "agreed"
    assert sorted(p.name for p in (data / "stories").iterdir() if p.name.startswith(".")) == []
    assert result.stat("newsbot/stories/count") == 1

    # a crawl that changes no story (the second page again: unchanged) leaves the files as they are
    written = stories_files(data)
    (mtime,) = [p.stat().st_mtime_ns for p in (data / "stories").glob("*.jsonl")]
    again = crawl("seeds", "-a", f"path={one}", data_dir=data)
    assert again.stat("newsbot/dedupe/unchanged") == 1 and again.stat("newsbot/stories/touched") == 0
    assert stories_files(data) == written
    assert [p.stat().st_mtime_ns for p in (data / "stories").glob("*.jsonl")] == [mtime]

    # the rebuild command gives the same files without crawling
    shutil.rmtree(data / "stories")
    proc = subprocess.run([sys.executable, "-m", "newsbot.stories", "rebuild", str(data)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["stories"] == 1
    assert stories_files(data) == written
