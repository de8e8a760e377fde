"""Reconciling the claims of a story: statuses, values, and copies counted as one source."""

from newsbot.facts.extract import FactExtractor
from newsbot.facts.rules import load_fact_rules
from newsbot.rules import load_rules
from newsbot.stories.index import StoryIndex
from newsbot.stories.reconcile import copies_by_article, story_records
from newsbot.stories.terms import TermExtractor

EXTRACTOR = FactExtractor(load_fact_rules())
TEXT = "이재용 삼성전자 회장이 미국 출장에서 빅테크 CEO들을 만났다. 인공지능 반도체 협력을 논의했다."


def fact(text, lo, hi, stated, key="trip.duration", unit="day", sentence=None, subject=None):
    return {"key": key, "subject": subject, "value": {"min": lo, "max": hi, "unit": unit}, "approx": lo != hi,
            "text": text, "sentence": sentence or f"{text} 출장 ({lo}-{hi})", "stated": stated,
            "other_event": None}


def story(*articles, duplicates=()):
    index = StoryIndex(TermExtractor(load_rules()))
    for i, (source, facts, published) in enumerate(articles):
        index.add({"id": f"a{i}", "url": f"https://{source}/{i}", "source": source, "title": "출장",
                   "text": TEXT, "published": published, "facts": facts, "story_id": "s1"})
    (record,) = story_records(index, copies_by_article(duplicates), EXTRACTOR)
    return record


def reconciled(record, key="trip.duration"):
    (f,) = [f for f in record["facts"] if f["key"] == key]
    return f


def test_one_source_is_single():
    f = reconciled(story(("a.kr", [fact("약 2주간", 11, 17, "14")], "2024-06-14")))
    assert (f["status"], f["independent_sources"], f["value"]) == ("single", 1, {"min": 11, "max": 17, "unit": "day"})


def test_the_same_stated_value_from_two_sources_is_agreed():
    f = reconciled(story(("a.kr", [fact("약 2주간", 11, 17, "14")], "2024-06-14"),
                         ("b.kr", [fact("2주", 14, 14, "14")], "2024-06-14")))
    assert (f["status"], f["independent_sources"], f["value"]["min"], f["value"]["max"]) == ("agreed", 2, 14, 14)


def test_different_but_overlapping_values_are_compatible():
    f = reconciled(story(("a.kr", [fact("20여명", 21, 29, "20 more_step", key="people.met", unit="count")], None),
                         ("b.kr", [fact("25명", 25, 25, "25", key="people.met", unit="count")], None)), "people.met")
    assert (f["status"], f["value"]["min"], f["value"]["max"]) == ("compatible", 25, 25)


def test_disjoint_values_conflict_and_the_best_supported_wins():
    date = dict(key="meeting.date", unit="date", subject="재시")
    f = reconciled(story(("a.kr", [fact("11일", "2024-06-11", "2024-06-11", "2024-06-11", **date)], "2024-06-14"),
                         ("b.kr", [fact("12일", "2024-06-12", "2024-06-12", "2024-06-12", **date)], "2024-06-14"),
                         ("c.kr", [fact("12일", "2024-06-12", "2024-06-12", "2024-06-12", sentence="다른 문장", **date)],
                          "2024-06-14")), "meeting.date")
    assert f["status"] == "conflict"
    assert (f["value"]["min"], f["independent_sources"]) == ("2024-06-12", 2)
    assert [(a["value"]["min"], a["independent_sources"]) for a in f["alternatives"]] == [("2024-06-11", 1)]


def test_a_copy_found_by_dedupe_is_not_a_second_source():
    copy = {"url": "https://copy.kr/1", "id": "c0", "duplicate_of": "a0", "kind": "near", "similarity": 0.8}
    record = story(("a.kr", [fact("약 2주간", 11, 17, "14")], "2024-06-14"), duplicates=[copy])
    f = reconciled(record)
    assert (f["status"], f["independent_sources"], len(f["claims"])) == ("single", 1, 2)
    assert f["claims"][1] | {"copy_of": "a0", "source": "copy.kr"} == f["claims"][1]
    assert record["sources"] == ["a.kr", "copy.kr"] and record["copies"] == ["c0"]


def test_the_same_sentence_in_two_outlets_is_one_source():
    same = "이 회장은 약 2주간 미국 출장 일정을 소화한다."
    f = reconciled(story(("a.kr", [fact("약 2주간", 11, 17, "14", sentence=same)], "2024-06-14"),
                         ("b.kr", [fact("약 2주간", 11, 17, "14", sentence=same)], "2024-06-14")))
    assert (f["status"], f["independent_sources"], len(f["claims"])) == ("single", 1, 2)


def test_a_relative_date_of_an_undated_article_resolves_through_the_story():
    unresolved = {**fact("지난달 31일", None, None, None, key="trip.departure", unit="date"), "value": None}
    f = reconciled(story(("a.kr", [], "2024-06-14T10:44:00+09:00"), ("b.kr", [unresolved], None)), "trip.departure")
    assert f["value"] == {"min": "2024-05-31", "max": "2024-05-31", "unit": "date"}
    assert f["claims"][0]["value"]["min"] == "2024-05-31"


def test_facts_about_another_event_and_plain_quantities_are_left_out():
    other = {**fact("22일간", 22, 22, "22"), "other_event": "지난해"}
    quantity = {**fact("7조원", 7e12, 7e12, "7e12", key="quantity", unit="KRW")}
    assert story(("a.kr", [other, quantity], "2024-06-14"))["facts"] == []
