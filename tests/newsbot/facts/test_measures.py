"""What a number measures, read from its sentence: its noun, predicate, subject and time scope."""

import pytest

from newsbot.facts.expressions import find_expressions
from newsbot.facts.measures import MeasureReader
from newsbot.facts.rules import load_fact_rules

RULES = load_fact_rules()
READER = MeasureReader(RULES)


def measure(sentence, text):
    (e,) = [e for e in find_expressions(sentence, RULES) if e.text == text]
    return READER.read(sentence, e.start, e.end, date=e.kind in ("date", "datetime")), e


@pytest.mark.parametrize("sentence,text,noun,predicate", [
    ("정부는 30일 고위공직자 254명의 재산을 공개했다.", "254명", "고위공직자", "공개"),      # the noun before it
    ("이 회장은 30여건의 빽빽한 일정을 소화했다.", "30여건", "일정", "소화"),             # joined by 의
    ("양사는 7조9천억원 규모의 계약을 맺었다.", "7조9천억원", "계약", None),              # past a light noun
    ("감점받은 지원자는 14명으로 모두 불합격했다.", "14명", "지원자", "탈락"),            # its topic; 불합격 -> 탈락
    ("그는 총 410억원을 신고했다.", "410억원", None, "재산"),                            # its predicate (synonyms: 신고 -> 재산)
    ("사고로 주민 3명이 숨졌다.", "3명", "주민", "사망자"),                               # 숨졌다 -> 숨지 -> 사망자
    ("약 120억원 규모 예금 등 총 215억원을 신고했다.", "215억원", None, "재산"),         # 등 ends the noun: a total
    ("경범죄처벌법에 따른 10만원 이하의 벌금", "10만원 이하", "벌금", None),             # 따른 is not a noun
    ("가산점 등 7개 점포에 대한 영업을 멈췄다.", "7개", "점포", "대"),                    # after a classifier
    ("회의는 의사정족수(4인)조차 채우지 못했다.", "4인", "의사정족수", None),            # the noun it glosses
    ("▷가산점 ▷나래점 2곳 폐점을 결정했다.", "2곳", "폐점", "결정"),                    # signs are no part of a word
    ("새 발전소의 설비 용량(120㎿)을 넘는다.", "120㎿", "용량", None),              # in brackets after its word
])
def test_noun_and_predicate(sentence, text, noun, predicate):
    m, _ = measure(sentence, text)
    assert (m.noun, m.predicate) == (noun, predicate)


@pytest.mark.parametrize("sentence,text,subject", [
    ("박민수 국회의원 21%, 이정훈 전남도지사 19%로 나타났다.", "21%", "박민수"),
    ("박민수 국회의원 21%, 이정훈 전남도지사 19%로 나타났다.", "19%", "이정훈"),
    ("최영호 주미대사는 본인과 가족 명의로 410억원을 신고했다.", "410억원", "최영호"),
    ("정하늘 전 대표는 지난달 10일 출판기념회를 열었다.", "지난달 10일", "정하늘"),      # 전 between name and title
    ("국민의힘 의원 54명이 발의했다.", "54명", "국민의힘"),
    ("표결 결과 최고위원 9명 중 7명이 찬성했다.", "9명", None),                         # 결과 is no name
    ("이어 진보당 2.1%, 정의당 1.4% 순이었다.", "2.1%", "진보당"),        # a party: whose, not what
    ("정의당은 0.3%p 오른 1.4%를 기록했다.", "1.4%", "정의당"),              # ... or the topic
])
def test_subject(sentence, text, subject):
    m, _ = measure(sentence, text)
    assert m.subject == subject


def test_a_year_right_before_a_number_is_its_time_scope():
    sentence = "연도별로는 △2021년 812건 △2022년 745건으로 집계됐다."
    assert [measure(sentence, t)[0].scope for t in ("812건", "745건")] == ["2021년", "2022년"]


def test_a_date_measures_the_event_named_after_it_not_the_noun_before_it():
    m, _ = measure("정부공직자윤리위원회는 30일 고위공직자 254명의 재산을 공개했다.", "30일")
    assert (m.noun, m.predicate) == ("재산", "공개")


def test_labels_say_what_is_measured():
    m, e = measure("사고로 주민 3명이 숨졌다.", "3명")
    assert READER.label(e.unit, m, e.counter) == "주민 수"
    m, e = measure("투표율은 65.2%를 기록했다.", "65.2%")
    assert READER.label(e.unit, m, e.counter) == "투표율"            # a measure noun names itself
    m, e = measure("박민수 국회의원 21%, 이정훈 전남도지사 19%로 나타났다.", "21%")
    assert READER.label(e.unit, m, e.counter) == "박민수 비율"
    assert m.id("percent") == "percent/-/-"


def test_synonym_groups_are_data():
    assert READER.canonical("숨진 사람") == READER.canonical("사망") == "사망자"
    assert READER.canonical("양도세") == "양도소득세"
    assert READER.known("사망자") and not READER.known("주민")
