"""Validate stage: what is not an article is dropped, with its reason logged and counted.

Each drop is also a line of rejects.jsonl in the data folder. Reasons (stats key
``newsbot/dropped/<reason>``):
- ``no_title``: nothing to call the page;
- ``empty_body``: no body text at all;
- ``listing_page``: the main content is mostly links (a section front, search results), or the
  page has no article markup and too little prose to be one;
- ``too_short``: fewer than NEWSBOT_MIN_TEXT_CHARS characters of body.

SchemaPipeline, later in the chain (after the facts, before the stories): every record is checked
against the shipped JSON Schema (newsbot/schema/article.schema.json); one that fails is dropped
as ``schema_invalid`` with the failing fields in its reason, never written.
"""

from __future__ import annotations

import logging
import re

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newsbot.datadir import DataDir
from newsbot.extract.text import is_prose
from newsbot.schema import validator

logger = logging.getLogger(__name__)


class NotAnArticle(DropItem):
    def __init__(self, reason: str, detail: str):
        super().__init__(f"not an article ({reason}): {detail}")
        self.reason = reason


def check_article(adapter: ItemAdapter, min_chars: int, max_link_density: float, min_prose_chars: int) -> None:
    """Raise NotAnArticle when the record is not an article."""
    url = adapter.get("url")
    text = adapter.get("text") or ""
    signals = adapter.get("signals") or {}
    chars = len(re.sub(r"\s+", "", text))
    if not text.strip():
        raise NotAnArticle("empty_body", f"{url}: no body text")
    if not adapter.get("title"):
        raise NotAnArticle("no_title", f"{url}: no title")
    density = signals.get("link_density", 0.0)
    if density > max_link_density:
        raise NotAnArticle("listing_page", f"{url}: {density:.0%} of the main text is links")
    prose = sum(len(p) for p in text.split("\n") if is_prose(p))
    if not signals.get("article_markup") and prose < min_prose_chars:
        raise NotAnArticle("listing_page", f"{url}: no article markup and only {prose} characters of prose")
    if chars < min_chars:
        raise NotAnArticle("too_short", f"{url}: {chars} characters of body, fewer than {min_chars}")


class ValidatePipeline:
    def __init__(self, stats, min_chars=200, max_link_density=0.2, min_prose_chars=400, datadir=None):
        self.stats = stats
        self.datadir = datadir
        self.min_chars = min_chars
        self.max_link_density = max_link_density
        self.min_prose_chars = min_prose_chars

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(crawler.stats, s.getint("NEWSBOT_MIN_TEXT_CHARS", 200),
                   s.getfloat("NEWSBOT_MAX_LINK_DENSITY", 0.2), s.getint("NEWSBOT_MIN_PROSE_CHARS", 400),
                   DataDir.from_crawler(crawler))

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        try:
            check_article(adapter, self.min_chars, self.max_link_density, self.min_prose_chars)
        except NotAnArticle as exc:
            self.stats.inc_value(f"newsbot/dropped/{exc.reason}")
            self.stats.inc_value("newsbot/dropped")
            if self.datadir is not None:
                self.datadir.append_reject(adapter.get("url") or "", exc.reason, str(exc))
            raise
        self.stats.inc_value("newsbot/articles")
        adapter.pop("signals", None)        # extraction's signals are not part of the record
        return item


class SchemaPipeline:
    """Drops a record the JSON Schema rejects (``newsbot/dropped/schema_invalid``)."""

    def __init__(self, stats, datadir=None, fields=None):
        self.stats = stats
        self.datadir = datadir
        self.fields = fields
        self.validator = validator()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, DataDir.from_crawler(crawler), crawler.settings.getlist("FEED_EXPORT_FIELDS") or None)

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        record = {name: adapter.get(name) for name in (self.fields or adapter.field_names())}
        errors = sorted(self.validator.iter_errors(record), key=lambda e: list(e.absolute_path))
        if errors:
            detail = "; ".join(f"{'/'.join(map(str, e.absolute_path)) or 'record'}: {e.message[:120]}" for e in errors[:3])
            self.stats.inc_value("newsbot/dropped/schema_invalid")
            self.stats.inc_value("newsbot/dropped")
            url = adapter.get("url") or ""
            if self.datadir is not None:
                self.datadir.append_reject(url, "schema_invalid", detail)
            raise NotAnArticle("schema_invalid", f"{url}: {detail}")
        return item
