"""Facts stage: the quantities, durations and dates of an article, typed by the fact rules.

Sets the item's ``facts`` (see newsbot.facts.extract for how, newsbot/rules/facts_ko.toml and
facts_en.toml for the rules: each article is read by its language's, newsbot.facts.languages; an
article in a language no rules file describes gets none). A relative date in an article without a
publication date keeps its text and no value here; the story's reconciliation resolves it through
the story's dates. Stats:
``newsbot/facts/articles``, ``newsbot/facts/found``, ``newsbot/facts/<key>``, and
``newsbot/facts/failed`` (an article whose extraction raised: kept, with no facts, and logged).
Settings: NEWSBOT_FACT_RULES_FILES, NEWSBOT_FACT_OFFSET (the UTC offset of clock times, where a
report's publication time names none: newsbot.facts.extract.local_offset). The
extraction runs in a worker process (newsbot.workerpool), with an extractor built there.
"""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter
from scrapy.utils.defer import maybe_deferred_to_future

from newsbot.facts.languages import FactReaders
from newsbot.workerpool import WorkerPool

logger = logging.getLogger(__name__)


class FactsPipeline:
    """`extractor` runs in the reactor thread; without one, a `pool`'s workers build their own
    (FactReaders.from_settings: each language's rules) and run it."""

    def __init__(self, extractor=None, stats=None, pool: WorkerPool | None = None):
        self.extractor = extractor
        self.stats = stats
        self.pool = pool

    @classmethod
    def from_crawler(cls, crawler):
        return cls(stats=crawler.stats, pool=WorkerPool.from_crawler(crawler))

    async def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        args = (adapter.get("title") or "", adapter.get("text") or "", adapter.get("published"), None,
                adapter.get("language"))
        try:
            if self.pool is None:
                facts = self.extractor.extract(*args)
            else:
                facts = await maybe_deferred_to_future(self.pool.call(FactReaders.from_settings, "extract", *args))
        except Exception as exc:        # a fact-rules bug (or a dead worker) must not cost the article its record
            logger.warning("Facts: %s: extraction failed (%s: %s); the article is kept without facts",
                           adapter.get("url"), type(exc).__name__, exc)
            if self.stats:
                self.stats.inc_value("newsbot/facts/failed")
            facts = []
        adapter["facts"] = facts
        if self.stats:
            self.stats.inc_value("newsbot/facts/articles")
            self.stats.inc_value("newsbot/facts/found", len(facts))
            for fact in facts:
                self.stats.inc_value(f"newsbot/facts/{fact['key']}")
        return item
