"""The stories output: one file a day, only the changed stories' files rewritten, each whole or not at all."""

import json

import pytest

from newsbot.stories.output import read_stories, update_parts, write_parts

PARTS = {"s1": "2024-06-14", "s2": "2024-06-14", "s3": "2024-06-15"}
ORDER = {"s1": 0, "s2": 1, "s3": 2}


def order_of(part):
    return {s: rank for s, rank in ORDER.items() if PARTS[s] == part}


def test_a_rebuild_writes_one_file_a_day_and_removes_the_days_that_hold_nothing(tmp_path):
    (tmp_path / "2020-01-01.jsonl").write_text('{"story_id": "gone"}\n')
    assert write_parts(tmp_path, [{"story_id": s} for s in ORDER], PARTS.get) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024-06-14.jsonl", "2024-06-15.jsonl"]
    assert [s["story_id"] for s in read_stories(tmp_path)] == ["s1", "s2", "s3"]


def test_an_update_replaces_the_changed_lines_in_the_order_the_stories_began(tmp_path):
    write_parts(tmp_path, [{"story_id": "s2", "v": 1}, {"story_id": "s3", "v": 1}], PARTS.get)
    untouched = (tmp_path / "2024-06-15.jsonl").stat().st_mtime_ns
    before = update_parts(tmp_path, [{"story_id": "s2", "v": 2}, {"story_id": "s1", "v": 1}], PARTS.get, order_of)
    assert before == [{"story_id": "s2", "v": 1}]
    assert read_stories(tmp_path) == [{"story_id": "s1", "v": 1}, {"story_id": "s2", "v": 2}, {"story_id": "s3", "v": 1}]
    assert (tmp_path / "2024-06-15.jsonl").stat().st_mtime_ns == untouched


def test_a_file_is_replaced_whole_or_not_at_all(tmp_path):
    write_parts(tmp_path, [{"story_id": "s1"}], PARTS.get)

    def broken():
        yield {"story_id": "s2"}
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_parts(tmp_path, broken(), PARTS.get)
    assert [json.loads(line) for line in (tmp_path / "2024-06-14.jsonl").read_text().splitlines()] == [{"story_id": "s1"}]
    assert [p.name for p in tmp_path.iterdir()] == ["2024-06-14.jsonl"]
