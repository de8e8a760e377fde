"""The facts stage in a real crawl: every fact of the gold in the seed pages' records."""

import asyncio
import json

import pytest

from tests.conftest import GOLD_DIR
from tests.newsbot.facts.test_extract import find, within

GOLD = json.loads((GOLD_DIR / "facts.json").read_text(encoding="utf-8"))
CASES = [(name, fact) for name, facts in GOLD["articles"].items() for fact in facts]


@pytest.fixture(scope="module")
def records(seeds_crawl):
    return {r["url"].rsplit("/", 1)[1]: r for r in seeds_crawl.corpus}


@pytest.mark.parametrize("name,gold", CASES, ids=[f"{n[:3]}:{g['key']}:{g['text']}" for n, g in CASES])
def test_gold_fact_in_the_crawled_record(records, name, gold):
    matches = find(records[name]["facts"], gold)
    assert matches, (gold, records[name]["facts"])
    fact = matches[0]
    assert (fact["approx"], fact["other_event"] is None or gold["key"] == "people.met") == (gold["approx"], True)
    if gold.get("needs"):
        # no publication date on the page: the value comes from the story (the stories output)
        assert fact["value"] is None and fact["text"] == gold["text"]
    else:
        assert fact["value"]["unit"] == gold["unit"] and within(fact["value"], gold), fact


def test_a_number_about_last_year_s_trip_is_kept_but_marked(records):
    (met,) = [f for f in records["002_de77e6a0a0fda483.txt"]["facts"] if f["key"] == "people.met"]
    assert met["other_event"] == "지난해"


def test_facts_stats(seeds_crawl, records):
    assert seeds_crawl.stat("newsbot/facts/articles") == 2
    assert seeds_crawl.stat("newsbot/facts/found") == sum(len(r["facts"]) for r in records.values())


def test_an_extraction_that_fails_keeps_the_article_without_facts():
    from scrapy.utils.test import get_crawler

    from newsbot.items import Article
    from pipelines.facts import FactsPipeline

    class Failing:
        def extract(self, *args):
            raise ValueError("a bad rule")

    crawler = get_crawler()
    crawler.stats.open_spider()
    item = asyncio.run(FactsPipeline(Failing(), crawler.stats).process_item(Article(url="https://a.kr/1", title="t", text="본문")))
    assert item["facts"] == [] and crawler.stats.get_value("newsbot/facts/failed") == 1


def test_an_article_in_a_language_the_rules_do_not_read_gets_no_facts():
    from newsbot.facts.extract import FactExtractor
    from newsbot.facts.rules import load_fact_rules
    from newsbot.items import Article
    from pipelines.facts import FactsPipeline

    stage = FactsPipeline(FactExtractor(load_fact_rules()))
    english = Article(url="https://a.com/1", title="t", language="en", published="2024-06-14T10:00:00+09:00",
                      text="The fund bought a 15% stake in the company.")
    assert asyncio.run(stage.process_item(english))["facts"] == []
    korean = Article(url="https://a.kr/1", title="t", language="ko", published="2024-06-14T10:00:00+09:00",
                     text="이 회장은 약 2주간 30여건의 일정을 소화했다.")
    assert asyncio.run(stage.process_item(korean))["facts"]
