"""Matching a report with a story in another script (newsbot.stories.crossing): on names both
scripts write and numbers both state, and only when they share a person and something particular."""

from newsbot.stories.crossing import HANGUL, LATIN, Crossing, number_forms
from newsbot.stories.names import NameTable

CROSSING = Crossing(NameTable.load())


def _fact(unit, stated, value=None, **more):
    value = value if value is not None else stated
    return {"value": {"min": value, "max": value, "unit": unit}, "stated": str(stated), **more}


def test_numbers_compare_by_unit_and_stated_value_without_dates_small_counts_or_other_events():
    facts = [_fact("KRW", 100000000), _fact("count", 5), _fact("count", 2), _fact("date", "2026-01-24"),
             _fact("USD", 40, other_event="지난해")]
    assert number_forms(facts) == {"KRW:100000000", "count:5"}


def test_the_script_of_a_report_is_its_languages_and_of_a_story_its_words_but_english_names():
    assert CROSSING.script({}, "en") == LATIN and CROSSING.script({}, "ko") == HANGUL
    english_story = {"trip": 2.0, "Lee": 1.0, "저커버그": 2.0, "삼성전자": 2.0, "이+jeyong": 1.0}
    assert CROSSING.script(english_story) == LATIN
    assert CROSSING.script({"출장": 2.0, "저커버그": 1.0, "CEO": 1.0}) == HANGUL


def test_an_english_report_looks_stories_up_by_the_korean_names_it_may_name_and_a_korean_one_by_its_names_sounds():
    assert "이재용" in CROSSING.probes("Lee Jae-yong returns", "", {}, "en")
    assert CROSSING.probes("", "", {"이재용": 2.0, "출장": 3.0}, "ko") == [NameTable.load().crossing_form("이재용")]


def _score(article_text, centroid, numbers=frozenset(), story_numbers=frozenset(), few=frozenset()):
    names = NameTable.load()
    vector = {t: 1.0 for t in names.hangul_terms(article_text)}
    return CROSSING.score(vector, centroid, lambda terms: {t: 1.0 for t in terms}, lambda term: term in few,
                          numbers, lambda: story_numbers)


def test_a_shared_person_and_two_particular_things_make_a_match():
    story = {"이혜훈": 3.0, "청와대": 1.0, "국민의힘": 2.0, "청문회": 5.0}
    text = "Nominee Lee Hye-hoon faced Cheong Wa Dae and the People Power Party."
    assert _score(text, story, few={"이혜훈", "청와대"}) > 0.5
    # the person alone, with common names: another event of the same people, maybe
    assert _score(text, story, few={"이혜훈"}) == 0.0
    # ... unless they also state one number
    assert _score(text, story, {"KRW:8000000000"}, {"KRW:8000000000"}, few={"이혜훈"}) > 0.5
    # no person shared: places and parties do not make one event
    assert _score("The People Power Party met at Cheong Wa Dae.", story, few={"청와대", "국민의힘"}) == 0.0


def test_a_place_no_table_writes_counts_by_its_sound_where_both_write_it():
    story = {"정원오": 3.0, "성동구청장": 2.0, "여론조사": 4.0, "서울": 1.0}
    vector = {"Seongdong": 1.0, **{t: 1.0 for t in NameTable.load().hangul_terms("Chung Won-o of Seoul")}}
    score = lambda few: CROSSING.score(vector, story, lambda terms: {t: 1.0 for t in terms},  # noqa: E731
                                       lambda term: term in few)
    assert score({"정원오", "성동구청장"}) > 0.5
    assert score({"정원오"}) == 0.0          # Seongdong was what made the second particular thing


def test_a_report_and_a_story_stating_numbers_none_alike_are_two_events():
    story = {"이혜훈": 3.0, "청와대": 1.0, "청문회": 5.0}
    text = "Nominee Lee Hye-hoon met reporters at Cheong Wa Dae."
    few = {"이혜훈", "청와대"}
    told = frozenset({"KRW:8000000000", "count:32", "percent:75"})
    assert _score(text, story, few=few) > 0.5
    assert _score(text, story, {"count:500"}, told, few=few) == 0.0
    assert _score(text, story, {"count:500", "count:32"}, told, few=few) > 0.5
    # a story that states few numbers tells nothing by lacking the report's
    assert _score(text, story, {"count:500"}, frozenset({"count:32"}), few=few) > 0.5
