"""Stories: one event in one story, other events with the same people in others."""

import math

import pytest

from datetime import date

from newsbot.facts.rules import load_fact_rules
from newsbot.rules import load_rules
from newsbot.stories.days import StatedDay
from newsbot.stories.index import LogDf, StoryIndex, days_apart, nearest_date
from newsbot.stories.terms import TermExtractor

TERMS = TermExtractor(load_rules())
STATED = StatedDay(load_fact_rules())

TRIP = "이재용 삼성전자 회장이 미국 출장에서 메타 아마존 퀄컴 CEO를 잇따라 만나 인공지능 반도체 협력을 논의했다."
TRIP_2 = "미국 출장 중인 이재용 삼성전자 회장이 아마존 퀄컴 CEO와 인공지능 반도체 협력 방안을 논의했다."
ELECTION = "국회는 오늘 본회의를 열어 지방선거 일정과 선거구 획정안을 의결했다. 여야는 표결에 앞서 공방을 벌였다."


def record(id, text, published=None, title="", facts=None, fetched_at=None):
    return {"id": id, "url": f"https://example.org/{id}", "title": title, "text": text,
            "published": published, "facts": facts or [], "fetched_at": fetched_at}


def duration(days):
    return {"key": "trip.duration", "subject": None, "value": {"min": days, "max": days, "unit": "day"},
            "other_event": None, "text": f"{days}일간", "stated": str(days)}


def on_day(text, day):
    """The text, saying the day of the month it reports on (회장이 14일 ...)."""
    return text.replace("회장이", f"회장이 {day}일", 1)


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


def test_the_score_is_the_cosine_of_the_article_and_the_story_centroid_even_after_the_centroid_was_cut():
    """The score is the plain cosine of TF-IDF vectors: checked against the formula, on stories
    whose centroids grew past CENTROID_TERMS and were cut back."""
    from newsbot.stories import index as story_index

    index = StoryIndex(TERMS)
    words = [f"단어{n}" for n in range(400)]
    # one story of three articles: the third takes its centroid past 200 terms, and the first
    # article's words (the lightest: the later articles repeat theirs) are cut
    for n, (start, repeat) in enumerate([(0, 1), (50, 2), (100, 2)]):
        text = " ".join(word for word in words[start:start + 150] for _ in range(repeat))
        index.add(record(f"a{n}", text, "2024-06-14T10:00:00+09:00"))
    [story] = index.stories.values()
    assert len(story.centroid) == story_index.CENTROID_TERMS
    probe = TERMS.terms("", " ".join(words[150:210]))
    best, score = index.match(probe, None)
    assert best == story.id
    idf = index._idfs(set(probe) | set(story.centroid))
    article = {t: w * idf[t] for t, w in probe.items()}
    centroid = {t: w * idf[t] for t, w in story.centroid.items()}
    cosine = sum(article[t] * centroid[t] for t in article if t in centroid) / (
        math.sqrt(sum(v * v for v in article.values())) * math.sqrt(sum(v * v for v in centroid.values())))
    assert score == pytest.approx(cosine, rel=1e-9)
    # the terms the centroid dropped still find the story, and add nothing to a score
    dropped = [t for t, posted in index.postings.items() if story.id in posted and t not in story.centroid]
    assert dropped and index._cosines({t: 1.0 for t in dropped}, 1.0, [story.id]) == {}
    assert all(story.id in index.postings[t] for t in story.centroid)


def test_the_cosines_with_several_stories_at_once_are_each_story_s_own():
    """_cosines lays the candidates' centroids end to end: each story gets its own centroid's dot
    product and length (with the IDF of now), whatever stories sit beside it, and a story that
    shares no term gets none."""
    index = StoryIndex(TERMS)
    index.add(record("a1", "반도체 수출 증가 삼성전자 실적 발표 " * 3, "2024-06-14T10:00:00+09:00"))
    index.add(record("a2", "태풍 북상 제주 항공편 결항 " * 3, "2024-06-14T10:00:00+09:00"))
    index.add(record("a3", "국회 예산안 처리 여야 합의 ", "2024-06-14T10:00:00+09:00"))
    ids = sorted(index.stories)
    assert len(ids) == 3
    weighted = {"반도체": 2.0, "결항": 3.0, "삼성전자": 0.5, "없는말": 7.0}

    def cosine(story):
        idf = index._idfs(list(story.centroid))
        length = math.sqrt(sum((w * idf[t]) ** 2 for t, w in story.centroid.items()))
        return sum(w * story.centroid.get(t, 0.0) for t, w in weighted.items()) / (2.0 * length)

    expected = {s: cosine(index.stories[s]) for s in ids}
    cosines = index._cosines(weighted, 2.0, ids)
    assert cosines == pytest.approx({s: c for s, c in expected.items() if c}, rel=1e-12)
    assert len(cosines) == 2
    assert index._cosines(weighted, 2.0, ids[::-1]) == cosines


def test_log_df_reads_what_it_was_given_however_many_terms_and_nothing_for_a_term_not_met():
    table = LogDf()
    table.update([f"t{n}" for n in range(3000)], range(3000))    # past the array's first size
    table.update(["t7"], [70])
    assert table.of(["t0", "t7", "t2999", "unmet"]) == [math.log(1), math.log(71), math.log(3000), 0.0]
    rows = table.rows_of(["t2999", "new"])                     # a term not met gets a row, at 0.0
    assert table.gather(rows).tolist() == [math.log(3000), 0.0]
    table.update(["new"], [4])
    assert table.gather(rows).tolist() == [math.log(3000), math.log(5)]


def test_an_undated_story_takes_only_articles_fetched_within_the_window_of_its_own():
    """A story none of whose pages gives a date is bounded by the days they were fetched: a report
    fetched a month later starts its own story; a saved page of an old event, itself undated,
    still joins that event's dated story on its words alone."""
    index = StoryIndex(TERMS)
    first = index.add(record("a", TRIP, None, fetched_at="2026-03-01T09:00:00+00:00"))
    assert index.add(record("b", TRIP_2, None, fetched_at="2026-03-10T09:00:00+00:00")) == first
    assert index.add(record("c", TRIP_2, "2026-04-20T10:00:00+09:00",
                            fetched_at="2026-04-20T09:00:00+00:00")) != first
    assert index.add(record("d", TRIP, None, fetched_at="2026-04-25T09:00:00+00:00")) != first
    dated = StoryIndex(TERMS)
    old = dated.add(record("e", TRIP, "2024-06-14T10:00:00+09:00", fetched_at="2024-06-14T01:00:00+00:00"))
    assert dated.add(record("f", TRIP_2, None, fetched_at="2026-04-25T09:00:00+00:00")) == old


def test_a_story_does_not_stretch_over_more_days_than_its_span():
    """One event's reports come within days: with a span of 4, a report 3 days on joins, and one 6
    days after the first starts a story of its own even though it is within 3 days of the last
    (no chain of days carries a story from one week's event into the next's)."""
    index = StoryIndex(TERMS, span_days=4)
    first = index.add(record("a", TRIP, "2024-06-10T10:00:00+09:00"))
    assert index.add(record("b", TRIP_2, "2024-06-13T10:00:00+09:00")) == first
    assert index.add(record("c", TRIP, "2024-06-16T10:00:00+09:00")) != first
    unlimited = StoryIndex(TERMS)
    first = unlimited.add(record("a", TRIP, "2024-06-10T10:00:00+09:00"))
    unlimited.add(record("b", TRIP_2, "2024-06-13T10:00:00+09:00"))
    assert unlimited.add(record("c", TRIP, "2024-06-16T10:00:00+09:00")) == first


def test_an_undated_article_keeps_to_the_span_by_the_day_of_the_month_it_states():
    """With a span of 4, an undated report of the 14th joins the story of the 12th-13th; one of the
    19th (wherever in a month near the story it falls) starts its own; one that states no day is
    matched on its words."""
    index = StoryIndex(TERMS, span_days=4, stated_day=STATED)
    first = index.add(record("a", TRIP, "2024-06-12T10:00:00+09:00"))
    index.add(record("b", TRIP_2, "2024-06-13T10:00:00+09:00"))
    assert index.add(record("c", on_day(TRIP_2, 14), None)) == first
    assert index.add(record("d", on_day(TRIP_2, 19), None)) != first
    assert index.add(record("e", TRIP, None)) == first
    assert index.stories[first].days == [14]
    unlimited = StoryIndex(TERMS, stated_day=STATED)       # no span: days do not count
    first = unlimited.add(record("a", TRIP, "2024-06-12T10:00:00+09:00"))
    assert unlimited.add(record("d", on_day(TRIP_2, 19), None)) == first


def test_the_days_undated_articles_state_bound_what_later_articles_join():
    """A story of undated reports of the 30th takes a report of the 2nd (three days on, in the next
    month) and a dated one of the 1st, not one of the 6th, dated or not."""
    index = StoryIndex(TERMS, span_days=4, stated_day=STATED)
    first = index.add(record("a", on_day(TRIP, 30), None))
    assert index.add(record("b", on_day(TRIP_2, 2), None)) == first
    assert index.add(record("c", TRIP, "2024-07-01T10:00:00+09:00")) == first
    assert index.add(record("d", on_day(TRIP_2, 6), None)) != first
    assert index.add(record("e", TRIP, "2024-07-06T10:00:00+09:00")) != first
    assert index.stories[first].days == [2, 30]


@pytest.mark.parametrize("day, first, last, expected", [
    (14, date(2024, 6, 12), date(2024, 6, 13), date(2024, 6, 14)),
    (30, date(2024, 7, 1), date(2024, 7, 2), date(2024, 6, 30)),     # the month before is nearer
    (2, date(2024, 6, 29), date(2024, 6, 30), date(2024, 7, 2)),
    (31, date(2024, 2, 10), date(2024, 2, 12), date(2024, 1, 31)),   # February has no 31st
])
def test_a_day_of_the_month_is_placed_in_the_month_nearest_the_story(day, first, last, expected):
    assert nearest_date(day, first, last) == expected


def test_days_of_the_month_are_apart_across_the_turn_of_a_month():
    assert days_apart(30, 2) == days_apart(2, 30) == 3 and days_apart(10, 14) == 4 and days_apart(5, 5) == 0


def test_a_news_roundup_starts_a_story_of_its_own_that_nothing_joins():
    """A roundup leads with this trip among other headlines: it joins neither the trip's story nor
    one the trip's later reports could join."""
    index = StoryIndex(TERMS)
    trip = index.add(record("a", TRIP, "2024-06-14T10:00:00+09:00"))
    roundup = index.add(record("r", "▶ " + TRIP_2 + " ▶ " + ELECTION, "2024-06-14T19:00:00+09:00",
                               title="6월 14일 저녁뉴스 주요뉴스"))
    assert roundup != trip and index.stories[roundup].articles == ["r"]
    assert index.add(record("b", TRIP_2, "2024-06-15T10:00:00+09:00")) == trip
    assert index.stories[roundup].articles == ["r"]


def test_a_report_in_another_script_goes_with_one_of_two_alike_stories_of_its_event():
    """One event the clustering left in two stories (here: a corpus line that names its own story)
    is no ambiguity: an English report that scores alike with both joins one of them."""
    from newsbot.stories.names import NameTable

    index = StoryIndex(TermExtractor(load_rules(), NameTable.load()))
    day = "2024-06-14T10:00:00+09:00"
    first = index.add(record("a", TRIP, day))
    second = index.add({**record("b", TRIP_2, day), "story_id": "sb"})
    other = index.add(record("c", ELECTION, day))
    assert first != second and index._story_cosine(first, second) >= index.threshold
    assert index._story_cosine(first, other) < index.threshold
    english = index.add({**record("e", "Samsung Electronics Chairman Lee Jae-yong met the CEOs of Amazon and "
                                       "Qualcomm on his U.S. trip.", day), "language": "en"})
    assert english in (first, second)
