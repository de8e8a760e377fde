"""The shipped JSON Schema says what a corpus line is, and rejects what is not."""

import pytest

from newsbot.schema import validator

VALID = {
    "id": "0123456789abcdef", "url": "https://www.fntimes.com/a/1", "canonical_url": "https://www.fntimes.com/a/1",
    "source": "fntimes.com", "publisher": "한국금융신문", "title": "제목", "subtitles": [], "authors": ["홍윤기"],
    "published": "2024-06-14T10:44:00+09:00", "published_precision": "minute", "published_raw": "2024-06-14 10:44",
    "modified": None, "language": "ko", "text": "본문이다.",
    "captions": [], "fetched_at": "2026-11-22T03:00:00+00:00", "content_hash": "sha256:" + "0" * 64,
    "version": 1, "story_id": None, "facts": [],
}


def test_a_contract_record_is_valid():
    validator().validate(VALID)


@pytest.mark.parametrize("change", [
    {"authors": ["홍윤기 기자"]},
    {"authors": ["ahyk815@fntimes.com"]},
    {"published": "2024-06-14 10:44"},
    {"published": "2024-06-14T10:44:00"},
    {"published": "2024-06-14"},                   # always a full timestamp: the precision has its own field
    {"published_precision": "hour"},
    {"text": ""},
    {"version": 0},
    {"extra": 1},
])
def test_what_breaks_the_contract_is_rejected(change):
    assert list(validator().iter_errors({**VALID, **change}))


def test_every_field_is_required():
    for field in VALID:
        record = dict(VALID)
        del record[field]
        assert list(validator().iter_errors(record)), field
