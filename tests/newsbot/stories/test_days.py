"""The day of the month an undated article says it reports on: the first date of its opening that
names a day of the reporting time."""

import pytest

from newsbot.facts.rules import FactRules, load_fact_rules
from newsbot.stories.days import StatedDay

RULES = load_fact_rules()
STATED = StatedDay(RULES)


@pytest.mark.parametrize("text, day", [
    ("김민수 의원은 21일 국회에서 기자회견을 열었다.", 21),
    # a date that names its month is mostly another time's (a yearly day: 5월 17일)
    ("개교기념일(5월 17일) 행사가 열린다. 학교는 29일 계획을 발표했다.", 29),
    ("김민수 의원은 11일(현지시간) 워싱턴에서 기자회견을 열었다.", 11),
    # a day word says nothing without a date: the next date that names a day counts
    ("김민수 의원은 오늘 기자회견을 열었다. 회견은 21일 국회에서 열렸다.", 21),
    ("김민수 의원은 오늘(21일) 기자회견을 열었다.", 21),
    ("21일 경찰에 따르면 김민수 의원은 기자회견을 열었다.", 21),
    # another year's date, next month's and a date ahead are not the report's day
    ("지난해 3월 5일 이후 처음이다. 김민수 의원은 26일 기자회견을 열었다.", 26),
    ("다음 달 1일 회견이 열린다.", None),
    ("김민수 의원은 지난 4일 워싱턴에 도착했다.", None),
    ("오는 25일 토론회가 열린다.", None),
    ("김민수 의원은 어제 기자회견을 열었다.", None),
])
def test_the_first_day_of_the_month_an_undated_article_names_in_its_opening(text, day):
    assert STATED(text) == day


def test_a_day_past_the_opening_is_not_read():
    assert STATED("김민수 의원은 기자회견을 열었다. " * 30 + "회견은 21일 열렸다.") is None


def test_the_fingerprint_follows_the_fact_rules():
    other = FactRules(data={**RULES.data, "dates": {**RULES.dates, "future": ["오는", "다가오는"]}}, keys=RULES.keys)
    assert StatedDay(load_fact_rules()).fingerprint() == STATED.fingerprint() != StatedDay(other).fingerprint()
