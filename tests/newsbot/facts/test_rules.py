"""The fact rules file: it loads, and every key's example sentence gives that key."""

import pytest

from newsbot.facts.extract import FactExtractor
from newsbot.facts.rules import load_fact_rules
from newsbot.schema import article_schema

RULES = load_fact_rules()
EXTRACTOR = FactExtractor(RULES)


def test_the_shipped_keys():
    assert [k.name for k in RULES.keys] == [
        "trip.departure", "trip.return", "meeting.date", "meeting.count", "meeting.since",
        "trip.appointments", "people.met", "trip.duration"]


@pytest.mark.parametrize("key", RULES.keys, ids=lambda k: k.name)
def test_each_key_example_gives_the_key(key):
    facts = EXTRACTOR.extract("", key.example, "2024-06-14T10:00:00+09:00")
    assert key.name in [f["key"] for f in facts], facts


def test_a_later_rules_file_adds_keys(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text('[[key]]\nname = "visit.count"\nvalue = "count"\ncounters = ["번"]\n'
                     'triggers = ["방문"]\nexample = "그는 서울을 세 번 방문했다."\n', encoding="utf-8")
    rules = load_fact_rules(("newsbot/rules/facts_ko.toml", str(extra)))
    facts = FactExtractor(rules).extract("", "그는 서울을 세 번 방문했다.", None)
    assert [(f["key"], f["value"]["min"]) for f in facts] == [("visit.count", 3)]


def test_every_unit_the_rules_give_is_one_the_record_contract_allows():
    """A unit added to the rules (390㎿ -> MW) must be added to the contract too, or every article
    that states one fails the schema stage."""
    value = article_schema()["$defs"]["fact"]["properties"]["value"]
    allowed = set(value["properties"]["unit"]["enum"])
    units = {unit for unit, _ in RULES.units.values()} | {"date", "datetime", "count"}
    assert units <= allowed, units - allowed


def test_the_korean_rules_read_korean_pages_only(tmp_path):
    english = "The fund bought a 15% stake and 30 people came on 2024-06-11."
    assert EXTRACTOR.extract("", english, "2024-06-14T10:00:00+09:00", language="en") == []
    korean = "이 회장은 약 2주간 30여건의 일정을 소화했다."
    assert EXTRACTOR.extract("", korean, "2024-06-14T10:00:00+09:00", language="ko")
    assert EXTRACTOR.extract("", korean, "2024-06-14T10:00:00+09:00", language="und")     # not known: read
    anywhere = tmp_path / "anywhere.toml"       # a file that names no language reads every language
    anywhere.write_text('[units]\n"%" = ["percent", 1]\n', encoding="utf-8")
    rules = load_fact_rules(("newsbot/rules/facts_ko.toml", "newsbot/rules/measures_ko.toml", str(anywhere)))
    assert rules.languages is None and rules.describes("en")
