"""The day of the month an undated article states for its event: the first date claim about its
own event that names a day of the reporting time."""

import pytest

from newsbot.facts.extract import FactExtractor
from newsbot.facts.rules import FactRules, load_fact_rules
from newsbot.stories.days import StatedDay

RULES = load_fact_rules()
EXTRACTOR = FactExtractor(RULES)
STATED = StatedDay(RULES)


@pytest.mark.parametrize("text, day", [
    ("김민수 의원은 21일 국회에서 기자회견을 열었다.", 21),
    ("김민수 의원은 1월 21일 국회에서 기자회견을 열었다.", 21),
    ("김민수 의원은 11일(현지시간) 워싱턴에서 기자회견을 열었다.", 11),
    # a day word says nothing without a date: the next claim that names a day counts
    ("김민수 의원은 오늘 기자회견을 열었다. 회견은 21일 국회에서 열렸다.", 21),
    # another year's date, next month's and a date ahead are not the report's day
    ("지난해 3월 5일 이후 처음이다. 김민수 의원은 26일 기자회견을 열었다.", 26),
    ("다음 달 1일 회견이 열린다.", None),
    ("김민수 의원은 지난 4일 워싱턴에 도착했다.", None),
    ("오는 25일 토론회가 열린다.", None),
    ("김민수 의원은 어제 기자회견을 열었다.", None),
])
def test_the_first_day_of_the_month_an_undated_article_names_for_its_event(text, day):
    assert STATED(EXTRACTOR.extract("", text, None)) == day


def test_a_dated_article_states_no_day_its_date_is_its_day():
    assert STATED(EXTRACTOR.extract("", "김민수 의원은 21일 국회에서 기자회견을 열었다.", "2026-01-21T10:00:00+09:00")) is None


def test_the_fingerprint_follows_the_fact_rules():
    other = FactRules(data={**RULES.data, "dates": {**RULES.dates, "future": ["오는", "다가오는"]}}, keys=RULES.keys)
    assert StatedDay(load_fact_rules()).fingerprint() == STATED.fingerprint() != StatedDay(other).fingerprint()
