"""The language rules are data: every rule carries an example it must match."""

import pytest

from newsbot.rules import SECTIONS, load_rules, resolve_path

RULES = load_rules()
ALL = [(section, rule) for section in SECTIONS for rule in RULES.sections.get(section, [])]


@pytest.mark.parametrize("section, rule", ALL, ids=[f"{s}:{r.what[:40]}" for s, r in ALL])
def test_every_rule_matches_its_own_example(section, rule):
    assert rule.what and rule.example, "each rule says what it does and shows an example"
    assert rule.pattern.search(rule.example), f"[[{section}]] {rule.what!r} does not match {rule.example!r}"


def test_every_section_has_rules():
    for section in SECTIONS:
        assert RULES.sections.get(section), section


def test_a_user_rules_file_adds_to_the_shipped_ones(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text("[[chrome_line]]\nwhat = 'x'\npattern = '^구독 버튼$'\nexample = '구독 버튼'\n", encoding="utf-8")
    rules = load_rules((str(resolve_path("newsbot/rules/ko.toml")), str(extra)))
    assert rules.is_chrome("구독 버튼") and rules.is_chrome("kakao share")


def test_a_broken_pattern_names_its_file_and_rule(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[caption]]\nwhat = 'broken'\npattern = '(['\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.toml.*broken"):
        load_rules((str(bad),))


@pytest.mark.parametrize("line, names, publisher", [
    ("[한국금융신문 홍윤기 기자] 이재용 회장은", ["홍윤기"], "한국금융신문"),
    ("(서울=연합뉴스) 김철수·이영희 기자 = 정부가", ["김철수", "이영희"], "연합뉴스"),
    ("(세종=뉴스1) 박민수 기자 = 기획재정부는", ["박민수"], "뉴스1"),
    ("홍윤기 한국금융신문 기자 ahyk815@fntimes.com", ["홍윤기"], "한국금융신문"),
    ("최민지 기자 minji@example.co.kr", ["최민지"], None),
])
def test_bylines_give_names_and_outlet(line, names, publisher):
    byline = RULES.find_byline(line)
    assert byline and byline.names == names and byline.publisher == publisher
