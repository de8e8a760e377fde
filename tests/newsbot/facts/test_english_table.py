"""The English expression table (tests/fixtures/en/expressions.jsonl) is well formed, speaks the
Korean table's units (so an English claim and a Korean one compare), and the English rules
(newsbot/rules/facts_en.toml, read by newsbot.facts.words) read it: every row they were tuned on,
and the held-out third they were not. The table came first; the rules were written against it."""

import json
from datetime import date
from pathlib import Path

import pytest

from newsbot.facts.expressions import find_expressions
from newsbot.facts.rules import load_fact_rules

TABLE = Path(__file__).resolve().parents[2] / "fixtures" / "en" / "expressions.jsonl"
ROWS = [json.loads(line) for line in TABLE.read_text(encoding="utf-8").splitlines() if line.strip()]
KINDS = {"count", "duration", "quantity", "date", "datetime"}


def test_the_table_has_sixty_expressions_and_a_held_out_third():
    found = [row for row in ROWS if row["text"]]
    assert len(found) >= 60
    assert {row["kind"] for row in found} == KINDS
    held_out = [row for row in ROWS if row["split"] == "held-out"]
    assert len(held_out) == len(ROWS) // 3 and {row["split"] for row in ROWS} == {"tune", "held-out"}


def test_each_expression_stands_in_its_sentence_with_an_interval():
    for row in ROWS:
        if not row["text"]:
            continue
        assert row["text"] in row["sentence"], row["id"]
        assert row["kind"] in KINDS and (row["min"] is not None or row["max"] is not None), row["id"]
        if row["min"] is not None and row["max"] is not None:
            assert row["min"] <= row["max"], row["id"]
        # a number stated exactly is a point; a date may be a span (February, last month)
        assert row["approx"] or row["min"] == row["max"] or row["kind"] == "date", row["id"]


def test_its_units_are_the_korean_rules_units():
    rules = load_fact_rules()
    korean = {unit for unit, _ in rules.units.values()} | {"count", "date", "datetime"}
    assert {row["unit"] for row in ROWS if row["text"]} <= korean


ENGLISH = load_fact_rules(("newsbot/rules/facts_en.toml",))


def _read(row) -> list:
    return find_expressions(row["sentence"], ENGLISH, date.fromisoformat(row["anchor"]), "+09:00")


def _right(row, expressions) -> bool:
    return any(e.text == row["text"] and e.kind == row["kind"] and e.unit == row["unit"] and e.min == row["min"]
               and e.max == row["max"] and e.approx == row["approx"] and e.stated == row["stated"]
               and e.since == bool(row.get("since")) for e in expressions)


def test_the_english_rules_read_every_tuned_row_and_nothing_where_there_is_nothing():
    wrong = [row["id"] for row in ROWS if row["split"] == "tune" and row["text"] and not _right(row, _read(row))]
    assert wrong == []
    assert [row["id"] for row in ROWS if not row["text"] and _read(row)] == []


def test_the_english_rules_read_the_held_out_rows_they_were_not_tuned_on():
    held_out = [row for row in ROWS if row["split"] == "held-out" and row["text"]]
    right = sum(_right(row, _read(row)) for row in held_out)
    assert right / len(held_out) >= 0.9, f"{right} of {len(held_out)}"      # 23 of 25 when first read


def test_english_and_korean_fact_rules_are_not_merged_into_one():
    with pytest.raises(ValueError, match="facts_en.toml.*grammar"):
        load_fact_rules(("newsbot/rules/facts_ko.toml", "newsbot/rules/facts_en.toml"))
