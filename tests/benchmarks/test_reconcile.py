"""The labels issue 15's benchmark scores against, and the scorer: labels that cite URLs and
numbers only, enough of them, split into tuning and held-out stories; a scorer that finds what
aligns, what does not, and what was missed."""

import re

from benchmarks.reconcile import JUDGED, LABELS, load_judged, load_labels, score

LABEL_FIELDS = {"measure", "subject", "unit", "verdict", "claims"}
VERDICTS = {"agreed", "compatible", "conflict", "updated"}


def test_the_labels_hold_forty_multi_outlet_stories_with_facts_in_two_splits():
    stories = load_labels()
    with_facts = [s for s in stories if s.get("fact")]
    assert len(with_facts) >= 40
    assert {s["split"] for s in with_facts} == {"tune", "held-out"}
    assert all(len(s["articles"]) >= 2 for s in stories)


def test_labels_cite_urls_and_values_not_news_text():
    for story in load_labels():
        assert all(re.match(r"https?://", url) for url in story["articles"])
        for fact in story.get("fact", []):
            assert set(fact) <= LABEL_FIELDS and fact["verdict"] in VERDICTS
            assert len(fact["measure"]) <= 30                     # a name, not a sentence
            assert len(fact["claims"]) >= 2
            for claim in fact["claims"]:
                assert set(claim) <= {"article", "min", "max"}
                assert 0 <= claim["article"] < len(story["articles"])


def test_judged_facts_point_into_the_labelled_stories():
    ids = {s["id"]: s for s in load_labels()}
    judged = load_judged(JUDGED)
    assert judged
    for story_id, entries in judged.items():
        for entry in entries:
            assert entry["verdict"] in ("aligned", "misaligned")
            assert all(0 <= a < len(ids[story_id]["articles"]) for a in entry["articles"])


LABEL = [{"id": "S1", "split": "tune", "articles": ["https://a/1", "https://b/2", "https://c/3"],
          "fact": [{"measure": "사망자 수", "unit": "count", "verdict": "agreed",
                    "claims": [{"article": 0, "min": 3, "max": 3}, {"article": 1, "min": 3, "max": 3}]}]}]
URLS = {"x1": "https://a/1", "x2": "https://b/2", "x3": "https://c/3"}


def fact(*claims, status="agreed"):
    return {"measure": {"label": "m"}, "status": status, "independent_sources": 2, "value": None,
            "claims": [{"article": a, "value": {"min": v, "max": v, "unit": "count"}, "text": str(v)} for a, v in claims]}


def scored(*facts):
    stories = [{"story_id": "s", "articles": list(URLS), "copies": [], "facts": list(facts)}]
    return score(stories, LABEL, URLS)["tune"]


def test_the_scorer_aligns_finds_and_misses():
    result = scored(fact(("x1", 3), ("x2", 3)))
    assert (len(result["aligned"]), len(result["found"]), len(result["missed"])) == (1, 1, 0)
    result = scored(fact(("x1", 3), ("x2", 5)))                   # a labelled article, another value
    assert (len(result["unjudged"]), len(result["found"]), len(result["missed"])) == (1, 0, 1)
    result = scored(fact(("x2", 3), ("x3", 3), status="conflict"))  # one labelled claim only
    assert (len(result["unjudged"]), len(result["false_conflict"])) == (1, 1)


def test_a_fact_is_scored_against_the_label_whose_bounds_it_states():
    """Open intervals all meet: `at most 300` meets `at most 10` too; it is the second label's fact."""
    ceilings = [{**LABEL[0], "fact": [
        {"measure": "현행 상한", "unit": "count", "verdict": "agreed", "claims": [{"article": 0, "max": 10}, {"article": 1, "max": 10}]},
        {"measure": "개정 상한", "unit": "count", "verdict": "agreed", "claims": [{"article": 0, "max": 300}, {"article": 1, "max": 300}]}]}]
    at_most = {"measure": {"label": "m"}, "status": "agreed", "independent_sources": 2, "value": None,
               "claims": [{"article": a, "value": {"min": None, "max": 300, "unit": "count"}} for a in ("x1", "x2")]}
    stories = [{"story_id": "s", "articles": list(URLS), "copies": [], "facts": [at_most]}]
    result = score(stories, ceilings, URLS)["tune"]
    assert [want["measure"] for _, want in result["found"]] == ["개정 상한"]
