"""Facts of an article: every fact of the gold in the seed pages' text, and the numbers that are
not this story's."""

import json

import pytest

from newsbot.facts.extract import FactExtractor
from newsbot.facts.rules import load_fact_rules
from tests.conftest import GOLD_DIR

EXTRACTOR = FactExtractor(load_fact_rules())
GOLD = json.loads((GOLD_DIR / "facts.json").read_text(encoding="utf-8"))


def within(value, gold):
    """The fact's interval contains gold's must_contain and lies within gold's within."""
    lo, hi = value["min"], value["max"]
    (c_lo, c_hi), (w_lo, w_hi) = gold["must_contain"], gold["within"]
    return lo is not None and hi is not None and w_lo <= lo <= c_lo and c_hi <= hi <= w_hi


def find(facts, gold):
    return [f for f in facts if f["key"] == gold["key"] and f["subject"] == gold["subject"]
            and gold["text"].replace("(현지시간)", "").replace("(현지시각)", "") in f["text"]]


def article(name):
    page = json.loads((GOLD_DIR / name.replace(".txt", ".json")).read_text(encoding="utf-8"))
    return page["title"], "\n".join(page["body"]), page["published"]


CASES = [(name, fact) for name, facts in GOLD["articles"].items() for fact in facts]


@pytest.mark.parametrize("name,gold", CASES, ids=[f"{n[:3]}:{g['key']}:{g['text']}" for n, g in CASES])
def test_gold_fact_found_in_the_article_text(name, gold):
    title, text, published = article(name)
    facts = EXTRACTOR.extract(title, text, published)
    fact = find(facts, gold)[0]
    assert fact["approx"] == gold["approx"]
    if gold.get("needs"):
        # the page has no date: its relative dates wait for the story's (see the stories tests)
        assert published is None and fact["value"] is None
        anchored = EXTRACTOR.extract(title, text, "2024-06-14T10:44:00+09:00")
        fact = find(anchored, gold)[0]
    assert fact["value"]["unit"] == gold["unit"]
    assert within(fact["value"], gold), fact


def test_a_number_about_another_trip_is_marked_as_another_event():
    text = ("이 회장은 지난해 미국 출장에서 CEO 20여명을 만났다.\n"
            "이 회장은 앞서 열흘간 유럽 출장을 다녀왔다.\n"
            "이 회장은 이번 출장에서 30여건의 일정을 소화했다.")
    facts = {f["text"]: f for f in EXTRACTOR.extract("이재용 회장", text, "2024-06-14T10:00:00+09:00")}
    assert facts["20여명"]["other_event"] == "지난해"
    assert facts["열흘간"]["other_event"] == "앞서"
    assert facts["30여건"]["other_event"] is None


def test_a_bridge_keeps_a_number_about_now():
    text = "이재용 삼성전자 회장은 2011년 저커버그 CEO 자택에서 처음 만난 이후로 현재까지 8번의 미팅을 가졌다."
    (count,) = [f for f in EXTRACTOR.extract("", text, "2024-06-14") if f["key"] == "meeting.count"]
    assert (count["subject"], count["other_event"]) == ("저커버그", None)


def test_an_event_date_far_from_the_article_is_another_event():
    text = "이재용 회장은 지난 2월 저커버그 CEO와 회동했다."
    (fact,) = [f for f in EXTRACTOR.extract("", text, "2024-06-14") if f["key"] == "meeting.date"]
    assert fact["other_event"].startswith("more than 31 days")


def test_the_reporting_date_is_not_a_fact():
    text = "14일 삼성전자에 따르면 이재용 회장은 11일 앤디 재시(Andy Jassy) 아마존 CEO와 만났다."
    dates = [f["text"] for f in EXTRACTOR.extract("", text, "2024-06-14") if f["key"] == "meeting.date"]
    assert dates == ["11일"]


def test_somebody_else_s_meeting_is_not_the_protagonist_s():
    text = ("이재용 회장은 10일 크리스티아노 아몬(Cristiano Amon) 퀄컴 CEO를 만났다. "
            "이재용 회장은 11일 앤디 재시(Andy Jassy) 아마존 CEO와 만났다.\n"
            "저커버그 CEO는 12일 한종희 삼성전자 부회장을 만났다. 이 회장은 웃었다. 이 회장이 말했다.")
    subjects = [f["subject"] for f in EXTRACTOR.extract("이재용", text, "2024-06-14") if f["key"] == "meeting.date"]
    assert subjects == ["아몬", "재시"]


def test_every_other_number_is_a_quantity_with_its_counter_and_noun():
    facts = EXTRACTOR.extract("", "양사는 2020년 7조9천억원 규모의 계약을 맺었고 직원 300명을 뽑았다.", "2024-06-14")
    assert [(f["key"], f["text"], f["counter"], f["noun"]) for f in facts] == [
        ("quantity", "7조9천억원", None, "계약"), ("quantity", "300명", "명", "직원")]


def test_every_fact_says_what_it_measures_and_a_key_is_a_measure_of_the_rules():
    facts = EXTRACTOR.extract("이재용 회장", "이 회장은 약 2주간 미국 출장에서 30여건의 일정을 소화했다. "
                              "회사는 직원 300명을 뽑았다.", "2024-06-14T10:00:00+09:00")
    by_text = {f["text"]: f["measure"] for f in facts}
    assert by_text["약 2주간"] == {"id": "trip.duration", "label": "출장 기간"}
    assert (by_text["300명"]["id"], by_text["300명"]["label"]) == ("count:명/직원/-", "직원 수")


def test_a_date_is_a_fact_of_the_event_after_it_and_a_year_before_a_number_is_its_scope():
    facts = EXTRACTOR.extract("", "정부는 30일 고위공직자 254명의 재산을 공개했다. 민원은 2021년 812건이었다.",
                              "2024-06-30T10:00:00+09:00")
    assert [(f["text"], f["measure"].get("scope")) for f in facts] == [("30일", None), ("254명", None), ("812건", "2021년")]
    assert facts[0]["value"] == {"min": "2024-06-30", "max": "2024-06-30", "unit": "date"}


def test_numbers_that_state_no_fact_are_left_out():
    text = "이 조사는 만 18세 이상 남녀 1010명을 대상으로 했으며 표본오차는 95% 신뢰수준에 ±3.1%P다."
    assert [f["text"] for f in EXTRACTOR.extract("", text, "2024-06-14")] == ["1010명"]


def test_durations_in_different_units_are_never_one_measure():
    facts = EXTRACTOR.extract("", "공사는 약 2주간 이어졌다. 공사는 2개월간 이어졌다.", "2024-06-14")
    assert [f["measure"]["id"].split("/")[0] for f in facts] == ["duration:day", "duration:month"]


def test_counts_of_places_and_of_things_are_one_unit_class():
    """점포 7곳 and 7개 점포 count the same stores (the counter classes are data)."""
    facts = EXTRACTOR.extract("", "가산점 등 점포 7곳이 문을 닫는다. 가산점 등 7개 점포가 문을 닫는다.", "2024-06-14")
    assert [f["measure"]["id"] for f in facts] == ["count:개/점포/-", "count:개/점포/-"]


def test_a_number_of_days_left_is_a_duration():
    (fact,) = EXTRACTOR.extract("", "선거가 3일밖에 남지 않았다.", "2024-06-14")
    assert (fact["value"], fact["measure"]["id"].split("/")[0]) == ({"min": 3, "max": 3, "unit": "day"}, "duration:day")


def test_an_age_in_brackets_is_the_named_persons_and_nobody_elses():
    text = ("가나당 김하늘 서울시당위원장(29)이 회견을 열었다. 지난 2024년 경선에서 박서준(65) 전 의원은 "
            "여론조사를 왜곡했다. 국민의힘(65)은 답했다. 정부는 외교를 위해 이도윤 전 법무부 장관(69)을 임명했다.")
    facts = EXTRACTOR.extract("", text, "2024-06-14")
    assert [(f["subject"], f["value"]["min"], f["measure"]["label"], f["other_event"]) for f in facts
            if f["value"]["unit"] == "age"] == [("김하늘", 29, "김하늘 나이", None), ("박서준", 65, "박서준 나이", None),
                                                ("이도윤", 69, "이도윤 나이", None)]


def test_the_person_met_is_the_one_between_the_date_and_the_verb():
    facts = EXTRACTOR.extract("", "이재용 회장은 12일에는 앤디 재시 아마존 CEO를, 10일에는 크리스티아노 아몬(Cristiano Amon) 퀄컴 CEO를 "
                                  "만나 협력 방안을 논의했다.", "2024-06-14T09:50:00+09:00")
    assert [(f["key"], f["subject"], f["text"]) for f in facts] == [
        ("meeting.date", "재시", "12일"), ("meeting.date", "아몬", "10일")]


def test_the_people_who_met_are_not_the_people_met():
    facts = EXTRACTOR.extract("", "이재용 회장과 저커버그 CEO, 두 사람이 만난 것은 이번이 여덟 번째다.", None)
    assert "people.met" not in [f["key"] for f in facts]
    met = EXTRACTOR.extract("", "이 회장은 글로벌 기업 CEO 20여명을 만났다.", None)
    assert [f["key"] for f in met] == ["people.met"]
