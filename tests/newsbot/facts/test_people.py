"""Who an article names, and who it is about."""

import json

from newsbot.facts.people import People, PeoplePatterns
from newsbot.facts.rules import load_fact_rules
from tests.conftest import GOLD_DIR

PATTERNS = PeoplePatterns(load_fact_rules())


def gold_people(name):
    gold = json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return People(gold["title"], "\n".join(gold["body"]), PATTERNS)


def test_the_people_of_the_first_seed_page_and_its_protagonist():
    people = gold_people("000_03d8b73ba3cd1737")
    assert {"이재용", "저커버그", "재시", "아몬", "한종희"} <= set(people.names)
    assert people.protagonist == "이재용"


def test_an_organization_before_a_title_is_not_a_person():
    people = gold_people("000_03d8b73ba3cd1737")
    assert not {"메타", "아마존", "퀄컴", "빅테크"} & set(people.names)


def test_a_family_name_and_a_title_is_the_article_s_person_with_that_name():
    people = gold_people("002_de77e6a0a0fda483")
    (mention,) = [m for m in people.mentions("이 회장은 회동 이후 이렇게 말했다.")]
    assert (mention.name, mention.topic) == ("이재용", True)


def test_the_topic_of_a_sentence():
    people = gold_people("000_03d8b73ba3cd1737")
    mentions = people.mentions("저커버그 CEO는 2022년 10월 한종희 삼성전자 부회장을 만났다.")
    assert [(m.name, m.topic) for m in mentions] == [("저커버그", True), ("한종희", False)]


def test_a_name_is_the_word_nearest_the_title():
    people = People("", "그는 이튿날 윤석열 대통령을 예방한다. 윤석열 대통령은 이를 반겼다.", PATTERNS)
    assert people.names == ["윤석열"]


def test_a_given_name_a_name_and_a_company_before_a_title_name_a_person_and_a_company():
    people = PATTERNS.people("", "이 회장은 12일에는 앤디 재시 아마존 CEO를, 10일에는 크리스티아노 아몬(Cristiano Amon) 퀄컴 CEO를 만났다.")
    assert {"재시", "아몬"} <= set(people.names) and not {"아마존", "퀄컴"} & set(people.names)
    assert "글로벌" not in PATTERNS.people("", "그는 주요 글로벌 기업 CEO를 만났다.").names
    assert "제공" not in PATTERNS.people("", "사진은 청와대 제공 이재명 대통령이 웃는 모습.").names
