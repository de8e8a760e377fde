"""A fact's value as a reader writes it."""

from newsbot.report.values import format_value, number


def test_numbers_get_thousands_separators_and_no_trailing_zeros():
    assert number(200000000000) == "200,000,000,000"
    assert number(10.5) == "10.5" and number(4.0) == "4"


def test_an_interval_is_one_number_when_its_ends_meet_and_units_take_their_words():
    assert format_value({"min": 4, "max": 4, "unit": "month"}) == "4개월"
    assert format_value({"min": 11, "max": 17, "unit": "day"}) == "11–17일"
    assert format_value({"min": 65.2, "max": 65.2, "unit": "percent"}) == "65.2%"
    assert format_value({"min": "2024-06-11", "max": "2024-06-11", "unit": "date"}) == "2024-06-11"


def test_an_unknown_unit_is_written_as_it_is_and_an_unresolved_value_as_a_question_mark():
    assert format_value({"min": 3, "max": 3, "unit": "furlong"}) == "3 furlong"
    assert format_value(None) == "?"
