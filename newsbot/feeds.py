"""Article URLs out of RSS and Atom feeds and (news) sitemaps; a pure function of the bytes.

RSS and Atom go through feedparser; sitemaps (urlset, sitemapindex, Google News sitemaps)
through lxml with entity resolution and network access off. Each entry keeps the date that
says when it last changed (sitemap <lastmod>, news:publication_date, Atom <updated>, RSS
<pubDate>) as unix time, so a recurring crawl can re-fetch what changed.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timezone
from datetime import time as dtime
from zoneinfo import ZoneInfo
from dataclasses import dataclass, field
from urllib.parse import urljoin

import feedparser
from lxml import etree

from newsbot.processors import parse_datetime

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, recover=True)


@dataclass
class Entry:
    url: str
    lastmod: float | None = None     # unix time
    published: str | None = None     # ISO 8601


@dataclass
class Feed:
    kind: str                                        # rss | atom | sitemap | sitemapindex | unknown
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # sitemaps a sitemap index points to


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _timestamp(value: str | None, tz: str) -> float | None:
    """Unix time of a sitemap date (a bare date is midnight in `tz`)."""
    parsed = parse_datetime(value, tz)
    if parsed is None:
        return None
    moment, has_time = parsed
    if not has_time:
        moment = datetime.combine(moment, dtime(), ZoneInfo(tz))
    return moment.timestamp()


def read_sitemap(root, base_url: str, tz: str) -> Feed:
    kind = _local(root.tag).lower()
    feed = Feed("sitemapindex" if kind == "sitemapindex" else "sitemap")
    for node in root:
        fields = {}
        for child in node.iter():
            name = _local(child.tag)
            if name in ("loc", "lastmod", "publication_date") and child.text and name not in fields:
                fields[name] = child.text.strip()
        if not fields.get("loc"):
            continue
        url = urljoin(base_url, fields["loc"])
        if feed.kind == "sitemapindex":
            feed.sitemaps.append(url)
        else:
            published = fields.get("publication_date")
            changed = fields.get("lastmod") or published
            feed.entries.append(Entry(url, _timestamp(changed, tz), published))
    return feed


def read_feed(body: bytes, base_url: str = "", tz: str = "Asia/Seoul") -> Feed:
    """The entries of a feed or sitemap document."""
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        root = None
    if root is not None and _local(root.tag).lower() in ("urlset", "sitemapindex"):
        return read_sitemap(root, base_url, tz)
    parsed = feedparser.parse(body)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        return Feed("unknown")
    feed = Feed("atom" if version.startswith("atom") else "rss")
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        # dict.get: feedparser's own get() maps a missing updated_parsed to published_parsed, with a warning
        changed = dict.get(item, "updated_parsed") or dict.get(item, "published_parsed")
        published = dict.get(item, "published_parsed")
        feed.entries.append(Entry(
            urljoin(base_url, link),
            float(calendar.timegm(changed)) if changed else None,
            datetime.fromtimestamp(calendar.timegm(published), timezone.utc).isoformat() if published else None))
    return feed
