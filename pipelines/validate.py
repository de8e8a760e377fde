"""Validate stage: what is not an article is dropped, with its reason logged and counted.

Each drop is also a line of rejects.jsonl in the data folder. Reasons (stats key
``newsbot/dropped/<reason>``):
- ``no_title``: nothing to call the page;
- ``empty_body``: no body text at all;
- ``listing_page``: a section front, search results or a tag page. Decided on the page's shape,
  not on one ratio: most of its main text sits in link blocks (menus, lists of headlines; links
  inside sentences do not count; on a page with article markup, nearly all of it), or, on a
  page without article markup, its search box holds the words of its title (search results),
  or its lines are teasers (cut short, each with its time stamp) and little of it reads as
  sentences. Tables, lists and link-rich prose (profiles,
  wikis) are articles;
- ``too_short``: fewer than NEWSBOT_MIN_TEXT_CHARS characters of body, unless the body is all
  sentences and at least NEWSBOT_MIN_SHORT_ARTICLE_CHARS long (a short but real article).

SchemaPipeline, later in the chain (after the facts, before the stories): every record is checked
against the shipped JSON Schema (newsbot/schema/article.schema.json); one that fails is dropped
as ``schema_invalid`` with the failing fields in its reason, never written.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newsbot.datadir import DataDir
from newsbot.extract.common import nonblank_lines
from newsbot.extract.shape import cells, prose_share, teaser_share
from newsbot.schema import fast_check, validator

logger = logging.getLogger(__name__)


class NotAnArticle(DropItem):
    def __init__(self, reason: str, detail: str):
        super().__init__(f"not an article ({reason}): {detail}")
        self.reason = reason


@dataclass(frozen=True)
class ArticleTest:
    """The thresholds of check_article (settings NEWSBOT_MIN_TEXT_CHARS and the rest)."""

    min_chars: int = 200
    min_short_chars: int = 80
    max_navigation: float = 0.5
    #: ... on a page with article markup (a link roundup is an article): only almost all links
    max_navigation_marked: float = 0.9
    max_teasers: float = 0.25
    #: a page of teasers is a listing only if less than this share of it reads as sentences
    listing_prose: float = 0.5
    #: a short body is an article only if at least this share of it reads as sentences
    short_prose: float = 0.8

    @classmethod
    def from_settings(cls, settings) -> ArticleTest:
        return cls(min_chars=settings.getint("NEWSBOT_MIN_TEXT_CHARS", cls.min_chars),
                   min_short_chars=settings.getint("NEWSBOT_MIN_SHORT_ARTICLE_CHARS", cls.min_short_chars),
                   max_navigation=settings.getfloat("NEWSBOT_MAX_NAVIGATION_SHARE", cls.max_navigation),
                   max_teasers=settings.getfloat("NEWSBOT_MAX_TEASER_SHARE", cls.max_teasers))


def check_article(adapter: ItemAdapter, test: ArticleTest = ArticleTest()) -> None:
    """Raise NotAnArticle when the record is not an article."""
    url = adapter.get("url")
    text = adapter.get("text") or ""
    signals = adapter.get("signals") or {}
    if not text.strip():
        raise NotAnArticle("empty_body", f"{url}: no body text")
    if not adapter.get("title"):
        raise NotAnArticle("no_title", f"{url}: no title")
    if signals.get("search_query") and not signals.get("article_markup"):
        raise NotAnArticle("listing_page", f"{url}: search results for {signals['search_query']!r}")
    navigation = signals.get("navigation_share", 0.0)
    if navigation > (test.max_navigation_marked if signals.get("article_markup") else test.max_navigation):
        raise NotAnArticle("listing_page", f"{url}: {navigation:.0%} of the main text is in link blocks")
    parts = cells(nonblank_lines(text))
    prose = prose_share(parts)
    if not signals.get("article_markup"):
        teasers = teaser_share(parts)
        if teasers > test.max_teasers and prose < test.listing_prose:
            raise NotAnArticle("listing_page", f"{url}: no article markup, {teasers:.0%} of the lines are teasers "
                                               f"with a time stamp or an ellipsis, {prose:.0%} reads as sentences")
    chars = len(re.sub(r"\s+", "", text))
    if chars < test.min_chars and (chars < test.min_short_chars or prose < test.short_prose):
        raise NotAnArticle("too_short", f"{url}: {chars} characters of body, fewer than {test.min_chars}"
                                        + (f" ({prose:.0%} reads as sentences)" if chars >= test.min_short_chars else ""))


class ValidatePipeline:
    def __init__(self, stats, test: ArticleTest = ArticleTest(), datadir=None):
        self.stats = stats
        self.datadir = datadir
        self.test = test

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, ArticleTest.from_settings(crawler.settings), DataDir.from_crawler(crawler))

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        passes = (adapter.get("signals") or {}).get("extraction_pass")
        if passes:                                  # which trafilatura passes the page took
            self.stats.inc_value(f"newsbot/extraction/{passes}_pass")
        try:
            check_article(adapter, self.test)
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
        self.fast_check = fast_check()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, DataDir.from_crawler(crawler), crawler.settings.getlist("FEED_EXPORT_FIELDS") or None)

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        record = {name: adapter.get(name) for name in (self.fields or adapter.field_names())}
        try:
            self.fast_check(record)
            return item
        except Exception:                  # fastjsonschema's JsonSchemaException, or its own failure
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
