"""Author strings become names only."""

import pytest

from newsbot.bylines import clean_author, clean_authors
from newsbot.rules import load_rules

TITLES = load_rules().job_titles


@pytest.mark.parametrize("raw, name", [
    ("홍윤기 기자", "홍윤기"),
    ("박준석 기자 외 1명", "박준석"),
    ("신현주 기자 spicy@hankookilbo.com", "신현주"),
    ("[김태연 특파원]", "김태연"),
    ("Jane Doe", "Jane Doe"),
    ("Alex Durán", "Alex Durán"),                  # any alphabet's letters
    ("Sylvia Torres-Guillén", "Sylvia Torres-Guillén"),
    ("R.C. Baker", "R.C. Baker"),
    ("https://www.facebook.com/someone/", None),
    ("한국일보", "한국일보"),            # looks like a name; clean_authors removes outlets
    ("ahyk815@fntimes.com", None),
    ("편집국 디지털뉴스부 공동취재단", None),
])
def test_clean_author(raw, name):
    assert clean_author(raw, TITLES) == name


def test_clean_authors_splits_dedupes_and_leaves_out_the_outlet():
    assert clean_authors(["한국일보", "홍길동·김철수 기자", "홍길동 기자"], TITLES, {"한국일보"}) == ["홍길동", "김철수"]
    assert clean_authors(["Kim Eun-jung, Staff Reporter", "Lee Haye-ah and Kim Eun-jung"], TITLES) == \
        ["Kim Eun-jung", "Lee Haye-ah"]
