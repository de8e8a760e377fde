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


ENGLISH = ROOT / "tests" / "fixtures" / "en"


@pytest.mark.parametrize("english_first", [True, False], ids=["English first", "Korean first"])
def test_english_reports_of_the_seed_trip_join_its_story_and_their_facts_reconcile_with_the_korean(
        crawl, tmp_path, english_first):
    """Two English reports of the seed pages' trip (a wire's, a newspaper's) join the seeds' story,
    whichever comes first, and an English report of the same two people's meeting in Seoul four
    months earlier does not: it joins the Korean report of that meeting. Their claims meet the Korean ones:
    "two-week" and "약 2주간" are one fact, "eighth time" and "8번" one, about one person
    (Zuckerberg, 저커버그); the wire's English report and its Korean one are one source."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first, last = ("a", "z") if english_first else ("z", "a")
    for page in ("wire_trip_return.html", "paper_trip_meetings.html", "other_seoul_visit.html"):
        shutil.copy(ENGLISH / page, seeds / f"{first}_{page}")
    shutil.copy(ENGLISH / "wire_trip_return_ko.html", seeds / f"{last}_wire_trip_return_ko.html")
    shutil.copy(FIXTURES / "2024_seoul_meeting.html", seeds / f"{last}_2024_seoul_meeting.html")
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, seeds / f"m_{seed.name}")
    result = crawl("seeds", "-a", f"path={seeds}")
    names = {r["id"]: r["url"].rsplit("/", 1)[1].split("_", 1)[1] for r in result.corpus}
    lines = read_stories(result.data_dir)
    stories = sorted(sorted(names[a] for a in s["articles"]) for s in lines)
    assert ["000_03d8b73ba3cd1737.txt", "002_de77e6a0a0fda483.txt", "paper_trip_meetings.html",
            "wire_trip_return.html", "wire_trip_return_ko.html"] in stories
    assert ["2024_seoul_meeting.html", "other_seoul_visit.html"] in stories
    trip = next(s for s in lines if len(s["articles"]) == 5)
    facts = {(f["key"], f["subject"]): f for f in trip["facts"] if f["key"] != "quantity"}
    duration = facts[("trip.duration", None)]
    # five reports, four sources: the wire's English report translates its Korean one
    assert len(duration["claims"]) == 5 and duration["independent_sources"] == 4
    assert duration["status"] == "compatible" and duration["value"] == {"min": 14, "max": 14, "unit": "day"}
    assert {c["text"] for c in duration["claims"]} == {"약 2주간", "two-week", "nearly two-week"}
    count = facts[("meeting.count", "저커버그")]
    assert count["status"] == "agreed" and count["independent_sources"] == 2
    assert {c["text"] for c in count["claims"]} == {"8번", "eighth time"}
    # 12일(현지시간); 12일 and June 12 of the wire (one source); June 12 of the newspaper
    assert len(facts[("meeting.date", "재시")]["claims"]) == 4 and facts[("meeting.date", "재시")]["independent_sources"] == 3
    assert facts[("trip.departure", None)]["value"]["min"] == "2024-05-31"
    assert ("meeting.count", "Zuckerberg") not in facts
