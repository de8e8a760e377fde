"""The shipped JSON Schema says what a corpus line is, and rejects what is not."""

import pytest

from newsbot.schema import fast_check, validator

VALID = {
    "id": "0123456789abcdef", "url": "https://www.fntimes.com/a/1", "canonical_url": "https://www.fntimes.com/a/1",
    "source": "fntimes.com", "publisher": "한국금융신문", "title": "제목", "subtitles": [], "authors": ["홍윤기"],
    "published": "2024-06-14T10:44:00+09:00", "published_precision": "minute", "published_raw": "2024-06-14 10:44",
    "published_source": "meta",
    "modified": None, "language": "ko", "text": "본문이다.",
    "captions": [], "fetched_at": "2026-11-22T03:00:00+00:00", "content_hash": "sha256:" + "0" * 64,
    "version": 1, "story_id": None, "facts": [],
}


def test_a_contract_record_is_valid():
    validator().validate(VALID)
    fast_check()(VALID)


def rejected_by_both(record) -> bool:
    """jsonschema rejects the record, and so does the compiled check the crawl runs first."""
    with pytest.raises(Exception):
        fast_check()(record)
    return bool(list(validator().iter_errors(record)))


@pytest.mark.parametrize("change", [
    {"authors": ["홍윤기 기자"]},
    {"authors": ["ahyk815@fntimes.com"]},
    {"published": "2024-06-14 10:44"},
    {"published": "2024-06-14T10:44:00"},
    {"published": "2024-06-14"},                   # always a full timestamp: the precision has its own field
    {"published_precision": "hour"},
    {"published_source": "guessed"},
    {"text": ""},
    {"version": 0},
    {"extra": 1},
    {"facts": ["이틀간"]},
    {"facts": [{}]},
    {"facts": [{"key": "quantity", "subject": None, "value": "x", "approx": False, "text": "이틀간", "sentence": "이틀간.",
                "stated": "2", "counter": None, "noun": None, "other_event": None}]},
])
def test_what_breaks_the_contract_is_rejected(change):
    assert rejected_by_both({**VALID, **change})


def test_every_field_is_required():
    for field in VALID:
        record = dict(VALID)
        del record[field]
        assert rejected_by_both(record), field
