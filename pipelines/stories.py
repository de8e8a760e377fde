"""Stories stage: puts each article in its story (an event reported by one or more outlets).

Sets the item's ``story_id`` from the data folder's story index (newsbot.stories.index: single-
pass clustering on words, dates and facts), kept on disk (stories.sqlite), so a new article can
join a story begun in an earlier crawl. Stats:
``newsbot/stories/joined`` (an existing story), ``newsbot/stories/started`` (a new one).
Settings: NEWSBOT_STORY_THRESHOLD, NEWSBOT_STORY_WINDOW_DAYS, NEWSBOT_STORY_SPAN_DAYS, NEWSBOT_STORY_FACT_WEIGHT,
NEWSBOT_STORY_CROSS_THRESHOLD, NEWSBOT_NAME_FILES (stories told in two scripts).
"""

from __future__ import annotations

from itemadapter import ItemAdapter

from newsbot.datadir import DataDir


class StoryPipeline:
    def __init__(self, datadir: DataDir, stats=None):
        self.datadir = datadir
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(DataDir.from_crawler(crawler), crawler.stats)

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        stories = self.datadir.stories
        began = stories.began
        record = {name: adapter.get(name) for name in ("id", "url", "source", "publisher", "title", "text", "published", "language",
                                                       "fetched_at", "facts")}
        adapter["story_id"] = stories.add(record)
        if self.stats:
            self.stats.inc_value("newsbot/stories/started" if stories.began > began else "newsbot/stories/joined")
        return item
