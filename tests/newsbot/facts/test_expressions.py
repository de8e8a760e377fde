"""The expression table: how Korean news writes numbers, durations, dates and times, and the
values (intervals) newsbot reads from them. Dates are read against an article of 2024-06-14
unless a row says otherwise."""

from datetime import date

import pytest

from newsbot.facts.expressions import find_expressions
from newsbot.facts.numbers import parse_number
from newsbot.facts.rules import load_fact_rules

RULES = load_fact_rules()
ANCHOR = date(2024, 6, 14)
KST = "+09:00"

# (written, kind, unit, min, max, approx)
TABLE = [
    # numbers with Korean place units
    ("7조9천억원", "quantity", "KRW", 7_900_000_000_000, 7_900_000_000_000, False),
    ("1500억 달러", "quantity", "USD", 150_000_000_000, 150_000_000_000, False),
    ("1,500억 달러", "quantity", "USD", 150_000_000_000, 150_000_000_000, False),
    ("40억 달러", "quantity", "USD", 4_000_000_000, 4_000_000_000, False),
    ("3.2천명", "count", "count", 3200, 3200, False),
    ("1.2만345.67달러", "quantity", "USD", 12345.67, 12345.67, False),
    ("삼천2백2십삼명", "count", "count", 3223, 3223, False),
    ("천만원", "quantity", "KRW", 10_000_000, 10_000_000, False),
    ("2조5000억원", "quantity", "KRW", 2_500_000_000_000, 2_500_000_000_000, False),
    ("5만명", "count", "count", 50_000, 50_000, False),
    ("1억2천만원", "quantity", "KRW", 120_000_000, 120_000_000, False),
    ("12.5%", "quantity", "percent", 12.5, 12.5, False),
    ("3.5%p", "quantity", "pp", 3.5, 3.5, False),
    ("30퍼센트", "quantity", "percent", 30, 30, False),
    ("100엔", "quantity", "JPY", 100, 100, False),
    ("2억 유로", "quantity", "EUR", 200_000_000, 200_000_000, False),
    # counters
    ("31주년", "quantity", "year", 31, 31, False),        # an anniversary counts years
    ("203인", "count", "count", 203, 203, False),
    ("23명의", "count", "count", 23, 23, False),           # 명의 after a number: of 23 people
    # ages and areas
    ("65세", "quantity", "age", 65, 65, False),
    ("58평", "quantity", "pyeong", 58, 58, False),
    # a space inside one number, ranges, bands, terms, compound durations, none at all
    ("530억 4400만 원", "quantity", "KRW", 53_044_000_000, 53_044_000_000, False),
    ("3~4개월", "duration", "month", 3, 4, True),
    ("20∼30%", "quantity", "percent", 20, 30, True),
    ("2000~3000억원", "quantity", "KRW", 200_000_000_000, 300_000_000_000, True),
    ("90%대", "quantity", "percent", 90, 99.99, True),
    ("1% 초반대", "quantity", "percent", 1, 1.3, True),
    ("징역 23년", "duration", "year", 23, 23, False),
    ("1년8개월", "duration", "month", 20, 20, False),
    ("3일 안에", "duration", "day", 3, 3, False),
    ("한 명도 없었다", "count", "count", 0, 0, False),
    ("8번", "count", "count", 8, 8, False),
    ("세 차례", "count", "count", 3, 3, False),
    # places in an order, multiples, power
    ("세 번째", "quantity", "ordinal", 3, 3, False),
    ("1,739번째", "quantity", "ordinal", 1739, 1739, False),
    ("1739차 수요시위", "quantity", "ordinal", 1739, 1739, False),
    ("세계 4위", "quantity", "ordinal", 4, 4, False),
    ("2배 증가", "quantity", "times", 2, 2, False),
    ("390㎿", "quantity", "MW", 390, 390, False),
    ("25GW", "quantity", "MW", 25000, 25000, False),
    # a person's age in brackets after the name
    ("박서준(65) 전 의원", "quantity", "age", 65, 65, False),
    ("한결(47·본명 한지석)", "quantity", "age", 47, 47, False),
    ("30대 남성", "quantity", "age", 30, 39, True),                 # ... or by decade, before the person
    ("30대 대학원생 정 모 씨", "quantity", "age", 30, 39, True),
    # a number of years too small for the calendar is a duration
    ("임기는 1년이다", "duration", "year", 1, 1, False),
    ("2년 뒤", "duration", "year", 2, 2, False),
    # ranges across units and spans of days
    ("6개월~1년", "duration", "month", 6, 12, True),
    ("6개월에서 1년의 공론화", "duration", "month", 6, 12, True),
    ("지난 2일부터 6일까지", "date", "date", "2024-06-02", "2024-06-06", True),
    ("5~6일", "date", "date", "2024-06-05", "2024-06-06", True),
    ("27∼29일", "date", "date", "2024-05-27", "2024-05-29", True),
    ("2024년 1월 27일~29일", "date", "date", "2024-01-27", "2024-01-29", True),
    ("두 번", "count", "count", 2, 2, False),
    ("5회", "count", "count", 5, 5, False),
    ("12건", "count", "count", 12, 12, False),
    ("3개", "count", "count", 3, 3, False),
    ("4개국", "count", "count", 4, 4, False),
    ("25명", "count", "count", 25, 25, False),
    ("열 명", "count", "count", 10, 10, False),
    ("두 사람", "count", "count", 2, 2, False),
    ("네 곳", "count", "count", 4, 4, False),
    # approximations: intervals
    ("약 2주간", "duration", "day", 11, 17, True),
    ("30여건", "count", "count", 31, 39, True),
    ("20여명", "count", "count", 21, 29, True),
    ("20여 명", "count", "count", 21, 29, True),
    ("100여명", "count", "count", 101, 199, True),
    ("1천여명", "count", "count", 1001, 1999, True),
    ("수십명", "count", "count", 20, 90, True),
    ("수백억원", "quantity", "KRW", 20_000_000_000, 90_000_000_000, True),
    ("수천명", "count", "count", 2000, 9000, True),
    ("십수명", "count", "count", 11, 19, True),
    ("약 100명", "count", "count", 75, 125, True),
    ("300명가량", "count", "count", 225, 375, True),
    ("50명 정도", "count", "count", 38, 62, True),
    ("10명쯤", "count", "count", 8, 12, True),
    ("2주 남짓", "duration", "day", 14, 17, True),
    ("30명 이상", "count", "count", 30, None, True),
    ("100명 넘게", "count", "count", 101, None, True),
    ("5% 미만", "quantity", "percent", None, 5, True),
    ("10명 이하", "count", "count", None, 10, True),
    ("최대 5천억원", "quantity", "KRW", None, 500_000_000_000, True),
    ("최소 3명", "count", "count", 3, None, True),
    ("1년여 만에", "duration", "year", 1, 2, True),
    ("10여년간", "duration", "year", 11, 19, True),
    # durations
    ("2주간", "duration", "day", 14, 14, False),
    ("2주", "duration", "day", 14, 14, False),
    ("열흘간", "duration", "day", 10, 10, False),
    ("열흘", "duration", "day", 10, 10, False),
    ("22일간", "duration", "day", 22, 22, False),
    ("3일 동안", "duration", "day", 3, 3, False),
    ("사흘", "duration", "day", 3, 3, False),
    ("보름", "duration", "day", 15, 15, False),
    ("6개월", "duration", "month", 6, 6, False),
    ("4개월만", "duration", "month", 4, 4, False),
    ("8년 만에", "duration", "year", 8, 8, False),
    ("15년간", "duration", "year", 15, 15, False),
    ("한 달", "duration", "month", 1, 1, False),
    ("3시간", "duration", "hour", 3, 3, False),
    ("20여일", "duration", "day", 21, 29, True),
    # absolute dates
    ("2024년 6월 11일", "date", "date", "2024-06-11", "2024-06-11", False),
    ("2022년 10월", "date", "date", "2022-10-01", "2022-10-31", False),
    ("2011년", "date", "date", "2011-01-01", "2011-12-31", False),
    ("2024.06.14", "date", "date", "2024-06-14", "2024-06-14", False),
    ("2024-06-14", "date", "date", "2024-06-14", "2024-06-14", False),
    # relative dates, against 2024-06-14
    ("지난달 31일", "date", "date", "2024-05-31", "2024-05-31", False),
    ("지난 4일", "date", "date", "2024-06-04", "2024-06-04", False),
    ("지난 4일(현지시간)", "date", "date", "2024-06-04", "2024-06-04", False),
    ("지난 20일", "date", "date", "2024-05-20", "2024-05-20", False),
    ("오는 17일", "date", "date", "2024-06-17", "2024-06-17", False),
    ("오는 7일", "date", "date", "2024-07-07", "2024-07-07", False),
    ("이달 중순", "date", "date", "2024-06-11", "2024-06-20", False),
    ("이달 초", "date", "date", "2024-06-01", "2024-06-10", False),
    ("이달 말", "date", "date", "2024-06-21", "2024-06-30", False),
    ("다음달 초", "date", "date", "2024-07-01", "2024-07-10", False),
    ("11일(현지시간)", "date", "date", "2024-06-11", "2024-06-11", False),
    ("11일(현지시각)", "date", "date", "2024-06-11", "2024-06-11", False),
    ("12일", "date", "date", "2024-06-12", "2024-06-12", False),
    ("29일", "date", "date", "2024-05-29", "2024-05-29", False),
    ("지난 2월", "date", "date", "2024-02-01", "2024-02-29", False),
    ("오는 3월", "date", "date", "2025-03-01", "2025-03-31", False),
    ("작년 4월", "date", "date", "2023-04-01", "2023-04-30", False),
    ("올해 3월", "date", "date", "2024-03-01", "2024-03-31", False),
    ("지난해", "date", "date", "2023-01-01", "2023-12-31", False),
    ("6월 3일", "date", "date", "2024-06-03", "2024-06-03", False),
    ("3월 말", "date", "date", "2024-03-21", "2024-03-31", False),
    ("어제", "date", "date", "2024-06-13", "2024-06-13", False),
    ("내일", "date", "date", "2024-06-15", "2024-06-15", False),
    ("11일께", "date", "date", "2024-06-10", "2024-06-12", True),
    # clock times
    ("오후 7시38분께", "datetime", "datetime", "2024-06-14T19:33:00" + KST, "2024-06-14T19:43:00" + KST, True),
    ("오전 10시 반", "datetime", "datetime", "2024-06-14T10:30:00" + KST, "2024-06-14T10:30:00" + KST, False),
    ("14일 오후 3시께", "datetime", "datetime", "2024-06-14T14:30:00" + KST, "2024-06-14T15:30:00" + KST, True),
    ("12일(현지시간) 오후 2시", "datetime", "datetime", "2024-06-12T14:00:00", "2024-06-12T14:00:00", False),
    ("밤 11시", "datetime", "datetime", "2024-06-14T23:00:00" + KST, "2024-06-14T23:00:00" + KST, False),
]

# Written forms that are not expressions of their own.
NOT_EXPRESSIONS = [
    "갤럭시S24를 출시했다",          # a model name
    "5G를 포함한",                    # a product name
    "사명을 다해",                    # 사 is not 4 here
    "천명했다",                        # a verb, not 1,000 people
    "만나서 이천에서",                # a verb and a city
    "97년생",                         # a year of birth
    "'24년",                          # a year written short
    "90년대",                         # a decade
    "2000년대 일본의",                # a decade, not the year 2000
    "1인 피켓시위",                   # a kind of protest
    "1인당",                          # per person
    "주식 2만2000주",                  # shares, not weeks
    "3대 의혹",                        # three major ones
    "22대 국회",                       # an ordinal
    "차량 30대가",                     # a count of vehicles: no unit this table reads
    "2차관",                          # a title
    "의사(4인실)",                    # a bracket that is not an age
    "제4회의장",                      # an ordinal room number
    "한해서는",                        # not one year
    "1분기 실적",                     # a quarter
    "조원씨앤아이 조사",              # a company's name, not 1조원
    "조명을 켜고 조달을 했다",        # words that begin with a place unit
    "이억원 금융위원장",              # a name
    "다시 한 번 요청했다",            # once more: no number
    "한번 여쭤보는",                  # try: no number
    "HDR10+ 사업",                    # a standard's name
]


def test_the_table_has_at_least_80_expressions():
    assert len(TABLE) >= 80


@pytest.mark.parametrize("written,kind,unit,lo,hi,approx", TABLE, ids=[row[0] for row in TABLE])
def test_expression(written, kind, unit, lo, hi, approx):
    found = find_expressions(written, RULES, ANCHOR)
    assert len(found) == 1, found
    e = found[0]
    assert (e.kind, e.unit, e.min, e.max, e.approx) == (kind, unit, lo, hi, approx)
    assert e.text in written


@pytest.mark.parametrize("written", NOT_EXPRESSIONS)
def test_not_an_expression(written):
    assert find_expressions(written, RULES, ANCHOR) == []


def test_a_relative_date_without_an_anchor_keeps_its_text_and_no_value():
    for written in ("지난달 31일", "지난 4일(현지시간)", "오는 7일", "이달 중순", "11일(현지시간)"):
        (e,) = find_expressions(written, RULES, None)
        assert (e.text, e.min, e.max, e.relative) == (written, None, None, True)


def test_an_absolute_date_needs_no_anchor():
    (e,) = find_expressions("2024년 6월 11일", RULES, None)
    assert (e.min, e.max) == ("2024-06-11", "2024-06-11")


def test_hedges_keep_the_stated_value_other_markers_change_it():
    stated = {w: find_expressions(w, RULES, ANCHOR)[0].stated for w in ("약 2주간", "2주", "2주간", "30여건", "30건")}
    assert stated["약 2주간"] == stated["2주"] == stated["2주간"]
    assert stated["30여건"] != stated["30건"]


def test_expressions_in_a_sentence_in_order():
    sentence = "이 회장은 이달 중순까지 약 2주간 동부 뉴욕에서 서부 실리콘밸리까지 30여건의 일정을 소화한다."
    found = find_expressions(sentence, RULES, ANCHOR)
    assert [e.text for e in found] == ["이달 중순", "약 2주간", "30여건"]
    assert all(sentence[e.start:e.end] == e.text for e in found)


@pytest.mark.parametrize("written,value", [
    ("7조9천억", 7_900_000_000_000), ("1,500억", 150_000_000_000), ("3.2천", 3200),
    ("1.2만345.67", 12345.67), ("삼천2백2십삼", 3223), ("천만", 10_000_000), ("12", 12),
])
def test_parse_number(written, value):
    n = RULES.numbers
    assert parse_number(written, n["sino_digits"], n["small_units"], n["big_units"]) == value


def test_minutes_after_an_hour_are_a_clock_time_not_a_duration():
    (e,) = find_expressions("어제 밤 8시 40분쯤 전화를 받았다", RULES, ANCHOR)
    assert (e.kind, e.text) == ("datetime", "어제 밤 8시 40분")


def test_last_night_is_the_evening_before():
    (e,) = find_expressions("어젯밤 8시 40분쯤 전화를 받았다", RULES, ANCHOR)
    assert e.min == "2024-06-13T20:40:00+09:00"


def test_a_long_run_of_digits_is_read_at_once():
    """A number is never tried digit group by digit group: with a long run of digits and no unit
    after it (an account or tracking number) that was 2^n tries, about a second at 20 digits
    and hours at 40, which held a worker until its call timed out."""
    import signal

    def hung(*_):
        raise TimeoutError("find_expressions took more than 5 s")
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(5)
    try:
        found = find_expressions("접수 번호는 " + "1234567890" * 4 + "이다. 모두 3명이 왔다.", RULES, ANCHOR)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [e.text for e in found] == ["3명"]
