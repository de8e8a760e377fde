"""Stories: one event in one story, other events with the same people in others."""

from newsbot.rules import load_rules
from newsbot.stories.index import StoryIndex
from newsbot.stories.terms import TermExtractor

TERMS = TermExtractor(load_rules())

TRIP = "이재용 삼성전자 회장이 미국 출장에서 메타 아마존 퀄컴 CEO를 잇따라 만나 인공지능 반도체 협력을 논의했다."
TRIP_2 = "미국 출장 중인 이재용 삼성전자 회장이 아마존 퀄컴 CEO와 인공지능 반도체 협력 방안을 논의했다."
ELECTION = "국회는 오늘 본회의를 열어 지방선거 일정과 선거구 획정안을 의결했다. 여야는 표결에 앞서 공방을 벌였다."


def record(id, text, published=None, title="", facts=None):
    return {"id": id, "url": f"https://example.org/{id}", "title": title, "text": text,
            "published": published, "facts": facts or []}


def duration(days):
    return {"key": "trip.duration", "subject": None, "value": {"min": days, "max": days, "unit": "day"},
            "other_event": None, "text": f"{days}일간", "stated": str(days)}


def test_two_reports_of_one_event_share_a_story():
    index = StoryIndex(TERMS)
    a = index.add(record("a", TRIP, "2024-06-14T10:00:00+09:00"))
    b = index.add(record("b", TRIP_2, "2024-06-15T10:00:00+09:00"))
    c = index.add(record("c", ELECTION, "2024-06-15T10:00:00+09:00"))
    assert a == b == "sa" and c == "sc"


def test_the_same_people_a_year_earlier_are_another_story():
    index = StoryIndex(TERMS)
    a = index.add(record("a", TRIP, "2023-05-12T10:00:00+09:00"))
    b = index.add(record("b", TRIP_2, "2024-06-15T10:00:00+09:00"))
    assert a != b


def test_an_undated_article_is_matched_on_its_words_and_facts():
    index = StoryIndex(TERMS)
    last_year = index.add(record("a", TRIP, "2023-05-12T10:00:00+09:00", facts=[duration(22)]))
    this_year = index.add(record("b", TRIP, "2024-06-14T10:00:00+09:00", facts=[duration(14)]))
    undated = index.add(record("c", TRIP_2, None, facts=[duration(14)]))
    assert undated == this_year != last_year


def test_a_corpus_line_keeps_the_story_it_names_and_a_new_version_its_story():
    index = StoryIndex(TERMS)
    index.add(record("a", TRIP, "2024-06-14T10:00:00+09:00"))
    assert index.add({**record("b", ELECTION), "story_id": "sa"}) == "sa"
    assert index.add(record("a", ELECTION, "2024-06-14T10:00:00+09:00")) == "sa"
    assert index.stories["sa"].articles == ["a", "b"]


def test_replaying_the_same_order_gives_the_same_stories():
    records = [record("a", TRIP, "2024-06-14"), record("b", ELECTION, "2024-06-14"), record("c", TRIP_2, None)]
    first, second = StoryIndex(TERMS), StoryIndex(TERMS)
    assert [first.add(r) for r in records] == [second.add(r) for r in records]
