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


# --- every number: measures ------------------------------------------------------------------

def told(*reports):
    """A story of (outlet, published, text) reports, their facts read by the extractor."""
    return story(*[(source, EXTRACTOR.extract("", text, published), published) for source, published, text in reports])


def measures(record):
    return {f["measure"]["label"]: f for f in record["facts"] if f["key"] == "quantity"}


def test_two_outlets_stating_one_measure_agree_and_each_claim_keeps_its_sentence():
    record = told(("a.kr", "2024-06-14T10:00:00+09:00", "정부는 이날 고위공직자 254명의 재산을 공개했다."),
                  ("b.kr", "2024-06-14T11:00:00+09:00", "인사혁신처가 고위공직자 254명의 재산을 관보에 공개했습니다."))
    f = measures(record)["고위공직자 수"]
    assert (f["status"], f["independent_sources"], f["value"]["min"]) == ("agreed", 2, 254)
    assert f["measure"]["id"] == "count:명/고위공직자/공개"
    assert all("254명" in c["sentence"] for c in f["claims"])


def test_different_measures_and_time_scopes_are_never_compared():
    record = told(("a.kr", "2024-06-14T10:00:00+09:00",
                   "국회는 재석 203인 중 찬성 198인, 반대 2인으로 가결했다. 민원은 2021년 812건, 2022년 745건이었다."),
                  ("b.kr", "2024-06-14T10:30:00+09:00",
                   "개정안은 재석 203인 중 찬성 198인, 반대 2인으로 통과했다. 관련 민원은 2021년 812건, 2022년 745건으로 집계됐다."))
    values = sorted(f["value"]["min"] for f in record["facts"])
    assert values == [2, 198, 203, 745, 812]
    assert {f["status"] for f in record["facts"]} == {"agreed"}


def test_a_toll_that_rises_between_reports_is_updated_not_a_conflict():
    record = told(("a.kr", "2024-06-14T08:00:00+09:00", "이번 화재로 사망자는 3명으로 집계됐다."),
                  ("b.kr", "2024-06-14T19:00:00+09:00", "이번 화재로 사망자는 5명으로 늘었다."),
                  ("c.kr", "2024-06-14T20:00:00+09:00", "소방당국에 따르면 화재 사망자는 5명이다."))
    f = measures(record)["사망자 수"]
    assert (f["status"], f["value"]["min"], f["independent_sources"]) == ("updated", 5, 2)
    assert [(h["value"]["min"], h["independent_sources"]) for h in f["history"]] == [(3, 1)]


def test_a_persons_age_two_outlets_give_differently_conflicts_however_late_the_second():
    record = told(("a.kr", "2024-06-14T01:00:00+09:00", "최민준(73) 고문이 병원으로 옮겨졌다."),
                  ("b.kr", "2024-06-14T16:00:00+09:00", "입원한 최민준(74) 고문의 상태를 확인했다."))
    f = measures(record)["최민준 나이"]
    assert (f["status"], f["subject"]) == ("conflict", "최민준")
    assert sorted([f["value"]["min"]] + [a["value"]["min"] for a in f["alternatives"]]) == [73, 74]


def test_outlets_disagreeing_about_the_same_moment_conflict():
    record = told(("a.kr", "2024-06-14T08:00:00+09:00", "이번 화재로 사망자는 3명으로 집계됐다."),
                  ("b.kr", "2024-06-14T08:20:00+09:00", "이번 화재로 사망자는 5명으로 집계됐다."))
    f = measures(record)["사망자 수"]
    assert f["status"] == "conflict"
    assert sorted([f["value"]["min"]] + [a["value"]["min"] for a in f["alternatives"]]) == [3, 5]


def test_numbers_of_different_people_or_of_an_article_that_states_two_values_make_no_conflict():
    record = told(("a.kr", "2024-06-14T08:00:00+09:00", "한지우 의원 44%, 오세진 시장 34%로 나타났다."),
                  ("b.kr", "2024-06-14T08:10:00+09:00", "오세진 시장 36.2%, 한지우 의원 22.3% 순이었다."),
                  ("c.kr", "2024-06-14T08:20:00+09:00", "예금 8억원을 신고했다. 이 원장은 예금 등 총 215억원을 신고했다."))
    assert [f for f in record["facts"] if f["status"] == "conflict"] == []


def test_a_number_only_one_source_states_is_left_to_its_article():
    record = told(("a.kr", "2024-06-14T08:00:00+09:00", "이번 화재로 사망자는 3명으로 집계됐다."),
                  ("b.kr", "2024-06-14T09:00:00+09:00", "소방당국은 원인을 조사하고 있다."))
    assert measures(record) == {}
