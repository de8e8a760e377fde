"""The English expression table (tests/fixtures/en/expressions.jsonl) is well formed and speaks the
Korean table's units, so that an English claim and a Korean one can be compared once English fact
rules read it (the table came first: it is the yardstick for those rules, not tuned to them)."""

import json
from pathlib import Path

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
