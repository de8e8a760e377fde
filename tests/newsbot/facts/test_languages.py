"""Facts in several languages: each article is read by its language's rules, and the English
rules give the fact keys the Korean ones give (trip.duration, meeting.count ...), with the person
met as the subject."""

from newsbot.facts.languages import FactReaders
from newsbot.facts.rules import ALL_FACT_RULES_FILES, language_groups

READERS = FactReaders.of_files(ALL_FACT_RULES_FILES)
REPORT = ("Samsung Electronics Chairman Lee Jae-yong returned home Friday after a two-week business trip to the U.S. "
          "Lee left for the U.S. on May 31 and held more than 30 meetings with about 20 business leaders.\n"
          "Lee met Meta CEO Mark Zuckerberg at his home on Tuesday (local time). It was the eighth time the two "
          "have met since 2011 and their first meeting in four months.\n"
          "Lee also met Amazon CEO Andy Jassy on June 12 and Qualcomm CEO Cristiano Amon on June 10.")


def _keyed(facts):
    return {(f["key"], f["subject"], f["text"]): f["value"] for f in facts if f["key"] != "quantity"}


def test_the_fact_rules_files_are_grouped_by_language():
    assert language_groups(ALL_FACT_RULES_FILES) == [
        ("newsbot/rules/facts_ko.toml", "newsbot/rules/measures_ko.toml"), ("newsbot/rules/facts_en.toml",)]


def test_an_english_report_gives_the_keys_of_the_korean_rules():
    facts = _keyed(READERS.extract("Lee returns", REPORT, "2024-06-14T10:30:00+09:00", language="en"))
    assert facts[("trip.duration", None, "two-week")] == {"min": 14, "max": 14, "unit": "day"}
    assert facts[("trip.departure", None, "May 31")]["min"] == "2024-05-31"
    assert facts[("trip.return", None, "Friday")]["min"] == "2024-06-14"
    assert facts[("trip.appointments", None, "more than 30")] == {"min": 31, "max": None, "unit": "count"}
    assert facts[("people.met", None, "about 20")] == {"min": 15, "max": 25, "unit": "count"}
    assert facts[("meeting.count", "Zuckerberg", "eighth time")] == {"min": 8, "max": 8, "unit": "count"}
    assert facts[("meeting.since", "Zuckerberg", "four months")] == {"min": 4, "max": 4, "unit": "month"}
    assert facts[("meeting.date", "Zuckerberg", "Tuesday (local time)")]["min"] == "2024-06-11"
    assert facts[("meeting.date", "Jassy", "June 12")]["min"] == "2024-06-12"
    assert facts[("meeting.date", "Amon", "June 10")]["min"] == "2024-06-10"


def test_each_article_is_read_by_its_languages_rules_and_an_unknown_one_by_none():
    korean = READERS.extract("", "이 회장은 약 2주간의 미국 출장을 마쳤다.", "2024-06-14T10:00:00+09:00", language="ko")
    assert [f["key"] for f in korean] == ["trip.duration"]
    assert READERS.extract("", "이 회장은 약 2주간의 미국 출장을 마쳤다.", None, language="en") == []
    assert READERS.extract("", "Lee ended a two-week trip.", None, language="de") == []
    assert READERS.for_language(None) is READERS.extractors[0]


def test_a_sentence_does_not_end_at_an_abbreviation():
    facts = _keyed(READERS.extract("", "Chairman Lee Jae-yong left for the U.S. on May 31 to see Mr. Kim.",
                                   "2024-06-14T10:30:00+09:00", language="en"))
    assert ("trip.departure", None, "May 31") in facts
    # nor at a month's abbreviation before its day: Feb. 25 is a date, not a sentence and a count
    debate = READERS.extract("", "They will debate on Feb. 25 at 4 p.m. on TV.", "2026-02-10T14:05:00+09:00",
                             language="en")
    assert [(f["text"], f["value"]["unit"]) for f in debate if f["value"]["unit"] == "count"] == []
    assert [(f["text"], f["stated"]) for f in debate] == [("Feb. 25 at 4 p.m.", "2026-02-25T16:00:00+09:00")]
    # a clock time's point ends no sentence unless one begins after it
    local = READERS.extract("", "Lee met him on Tuesday at 2 p.m. (local time).", "2026-02-10T14:05:00+09:00",
                            language="en")
    assert [(f["text"], f["stated"]) for f in local] == [("Tuesday at 2 p.m. (local time)", "2026-02-10T14:00:00")]


def test_a_clock_time_is_read_in_the_zone_the_report_was_published_in():
    text = "The two leaders met on Tuesday at 2 p.m."
    facts = lambda published: [f["stated"] for f in READERS.extract("", text, published, language="en")  # noqa: E731
                               if f["value"]["unit"] == "datetime"]
    assert facts("2026-02-10T20:00:00-05:00") == ["2026-02-10T14:00:00-05:00"]
    # UTC is a server's clock, not the newsroom's: the setting's offset (KST) then
    assert facts("2026-02-10T20:00:00+00:00") == ["2026-02-10T14:00:00+09:00"]
