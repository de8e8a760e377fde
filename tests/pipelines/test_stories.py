"""Stories in a real crawl: the seed pages' trip is one story; the same chairman's trip a year
earlier and the same two people's meeting in Seoul four months earlier are others, whatever
comes first. (The two other events are articles written for this test, tests/fixtures/stories.)"""

import shutil

import pytest

from tests.conftest import ROOT, read_jsonl, read_stories

FIXTURES = ROOT / "tests" / "fixtures" / "stories"


@pytest.mark.parametrize("others_first", [True, False], ids=["others first", "seeds first"])
def test_other_events_with_the_same_people_are_other_stories(crawl, tmp_path, others_first):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first, last = ("a", "z") if others_first else ("z", "a")
    shutil.copy(FIXTURES / "2023_trip.html", seeds / f"{first}_2023_trip.html")
    shutil.copy(FIXTURES / "2024_seoul_meeting.html", seeds / f"{first}_2024_seoul_meeting.html")
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, seeds / f"m_{seed.name}")
    result = crawl("seeds", "-a", f"path={seeds}")
    names = {r["id"]: r["url"].rsplit("/", 1)[1] for r in result.corpus}
    stories = sorted(sorted(names[a].split("_", 1)[1] for a in s["articles"])
                     for s in read_stories(result.data_dir))
    assert stories == [["000_03d8b73ba3cd1737.txt", "002_de77e6a0a0fda483.txt"],
                       ["2023_trip.html"], ["2024_seoul_meeting.html"]]
    assert result.stat("newsbot/stories/started") == 3 and result.stat("newsbot/stories/joined") == 1
