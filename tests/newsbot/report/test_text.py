"""A story for the terminal."""

from newsbot.report.text import story_text
from tests.newsbot.report.stories import CONFLICT_STORY, UPDATED_STORY


def test_the_text_says_what_the_page_says():
    text = story_text(CONFLICT_STORY)
    assert "[conflict] 부상자 수 · - · 4 (1 independent)" in text
    assert "also stated: 5 (1 independent)" in text
    assert "가나일보 (ganailbo.example) 2026-01-05 09:00: 이 사고로 인부 [4명]이 다쳤다." in text


def test_conflicts_only_leaves_the_other_facts_out():
    assert "대피한 주민 수" not in story_text(UPDATED_STORY, conflicts_only=True)
    assert "a copy of 마바신문 (mabanews.example)" in story_text(UPDATED_STORY)
