"""One naming scheme for sources, and the index's order."""

from newsbot.report.summary import index_order, independent_outlets, source_label, summarize
from tests.newsbot.report.stories import CONFLICT_STORY, UPDATED_STORY


def test_a_source_is_its_outlet_with_its_host_or_whichever_of_them_is_known():
    assert source_label({"id": "x", "outlet": "가나일보", "host": "ganailbo.example"}) == "가나일보 (ganailbo.example)"
    assert source_label({"id": "x", "outlet": "가나일보", "host": None}) == "가나일보"            # a saved page
    assert source_label({"id": "x", "outlet": "copies.example", "host": "copies.example"}) == "copies.example"
    assert source_label({"id": "x"}) == "x"


def test_copies_do_not_count_as_independent_outlets():
    assert independent_outlets(UPDATED_STORY) == 2
    row = summarize(UPDATED_STORY)
    assert (row["articles"], row["copies"], row["updated"], row["conflicts"]) == (2, 1, 1, 0)


def test_the_index_puts_conflicts_first_then_updates_then_the_latest():
    quiet = {**UPDATED_STORY, "story_id": "squiet", "facts": [], "last_published": "2026-02-01T00:00:00+09:00"}
    rows = sorted(map(summarize, [quiet, UPDATED_STORY, CONFLICT_STORY]), key=index_order)
    assert [r["story_id"] for r in rows] == ["sconflict0000001", "supdated0000001", "squiet"]
