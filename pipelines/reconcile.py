"""Reconcile stage: at the end of a crawl, the stories output for the stories the crawl changed.

When the spider closes, every story that took an article (or one of whose articles was copied)
since its line was last written is reconciled (newsbot.stories.reconcile) and its line replaced
in the stories output (newsbot.stories.output: stories/DAY.jsonl, each file rewritten whole or not
at all); other stories' lines are left as they are. Items pass through unchanged. In distributed
mode (NEWSBOT_REDIS_URL) it reads every process's corpus part, places the stories anew and writes
the whole output. Rebuild it without crawling: ``python -m newsbot.stories rebuild [DATA_DIR]``.
Stats: ``newsbot/stories/count`` (stories in the folder), ``newsbot/stories/touched`` (lines
written), ``newsbot/stories/new_conflicts``. Settings: NEWSBOT_STORIES_DIR, and the fact rules
(NEWSBOT_FACT_RULES_FILES). Sends ``story_written`` (newsbot.signals) with each line it writes.
"""

from __future__ import annotations

import logging

from newsbot.datadir import DataDir
from newsbot.facts.languages import FactReaders
from newsbot.signals import story_written
from newsbot.stories.output import update_parts
from newsbot.stories.rebuild import replay, write_all
from newsbot.stories.reconcile import conflicts_of, stored_story_records

logger = logging.getLogger(__name__)


class ReconcilePipeline:
    def __init__(self, datadir: DataDir, extractor: FactReaders, stats=None, signals=None):
        self.datadir = datadir
        self.extractor = extractor
        self.stats = stats
        self.signals = signals

    @classmethod
    def from_crawler(cls, crawler):
        return cls(DataDir.from_crawler(crawler), FactReaders.from_settings(crawler.settings), crawler.stats,
                   crawler.signals)

    def process_item(self, item, spider=None):
        return item

    def close_spider(self, spider=None):
        datadir = self.datadir
        if datadir.busy:
            return
        if datadir.write_error:
            # the story index holds articles whose lines failed: the next crawl catches up from the corpus
            logger.error("Stories: %s not updated, since the crawl could not write all it judged", datadir.stories_dir)
            return
        if datadir.redis_url:
            # distributed: every process's corpus part, as it stands now, its stories placed anew
            index = replay(datadir, self.extractor, recluster=True)
            count = write_all(datadir, index, self.extractor, datadir.duplicate_lines())
            self._report(count, len(index.stories), set(), set())
            return
        index = datadir.stories
        datadir.save_stories()
        if datadir.stories_unsaved:
            logger.error("Stories: %s not updated: the story index %s; the next crawl catches up from the corpus",
                         datadir.stories_dir, datadir.stories_unsaved)
            return
        store = index.store
        stale = store.stale()
        after: set[tuple] = set()

        def records():
            for record in stored_story_records(index, self.extractor, stale):
                after.update(conflicts_of(record))
                yield record
                if self.signals is not None:  # the output has taken the line
                    self.signals.send_catch_log(story_written, record=record)

        before = update_parts(datadir.stories_dir, records(), lambda s: index.stories[s].part, store.part_order)
        store.clear_stale(stale)
        self._report(index.began, len(stale), set().union(*map(conflicts_of, before)), after)

    def _report(self, count: int, touched: int, before: set, after: set) -> None:
        if self.stats:
            self.stats.set_value("newsbot/stories/count", count)
            self.stats.set_value("newsbot/stories/touched", touched)
            self.stats.set_value("newsbot/stories/new_conflicts", len(after - before))
        logger.info("Stories: %d lines written to %s/ (%d stories in all)", touched, self.datadir.stories_dir, count)
