"""Reconcile stage: at the end of a crawl, stories.jsonl for the whole corpus.

When the spider closes, every story of the data folder (old articles included, with the copies
listed in duplicates.jsonl) is reconciled (newsbot.stories.reconcile) and stories.jsonl is
rewritten atomically: readers see the old file or the new one, never a part. Items pass through
unchanged. In distributed mode (NEWSBOT_REDIS_URL) it reads every process's corpus part and places
the stories anew. Rebuild it without crawling: ``python -m newsbot.stories rebuild [DATA_DIR]``.
Settings: NEWSBOT_STORIES_FILE, and the fact rules (NEWSBOT_FACT_RULES_FILES).
"""

from __future__ import annotations

import json
import logging

from newsbot.datadir import DataDir
from newsbot.facts.extract import FactExtractor
from newsbot.stories.rebuild import replay
from newsbot.stories.reconcile import conflicts_of, story_records, write_stories

logger = logging.getLogger(__name__)


class ReconcilePipeline:
    def __init__(self, datadir: DataDir, extractor: FactExtractor, stats=None):
        self.datadir = datadir
        self.extractor = extractor
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(DataDir.from_crawler(crawler), FactExtractor.from_settings(crawler.settings), crawler.stats)

    def process_item(self, item, spider=None):
        return item

    def conflicts(self, story_ids: set[str]) -> set[tuple]:
        """The conflicts stories.jsonl shows now for these stories."""
        found: set[tuple] = set()
        path = self.datadir.stories_path
        if not story_ids or not path.exists():
            return found
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and record.get("story_id") in story_ids:
                    found |= conflicts_of(record)
        return found

    def close_spider(self, spider=None):
        if self.datadir.busy:
            return
        if self.datadir.write_error:
            # the story index holds articles whose lines failed: the next crawl replays the corpus
            logger.error("Stories: %s not rewritten, since the crawl could not write all it judged",
                         self.datadir.stories_path)
            return
        if self.datadir.redis_url:
            # distributed: every process's corpus part, as it stands now, its stories placed anew
            index = replay(self.datadir, self.extractor, recluster=True)
        else:
            index = self.datadir.stories
        touched = self.datadir.touched_stories
        before = self.conflicts(touched)
        after: set[tuple] = set()

        def records():
            for record in story_records(index, self.datadir.duplicate_lines(), self.extractor):
                if record["story_id"] in touched:
                    after.update(conflicts_of(record))
                yield record
        count = write_stories(self.datadir.stories_path, records())
        if self.stats:
            self.stats.set_value("newsbot/stories/count", count)
            self.stats.set_value("newsbot/stories/touched", len(touched))
            self.stats.set_value("newsbot/stories/new_conflicts", len(after - before))
        logger.info("Stories: %d over %d articles written to %s", count, len(index.members),
                    self.datadir.stories_path)
