"""Progress: a crawl over a known number of pages logs how far it is, every so often.

Every NEWSBOT_PROGRESS_INTERVAL seconds (default 10; 0 turns it off) while the spider runs:
``Progress: 120/2000 pages (6%), 35.2 pages/s, about 53 s left``. A page is done when it became an
article, was dropped (duplicate, not an article) or was rejected. The total is the stats value
``newsbot/total`` that a spider sets when it knows it (the seeds spider: its files); without one
the line gives the count and the rate only.
"""

from __future__ import annotations

import logging
import time

from scrapy import signals
from twisted.internet import task

logger = logging.getLogger(__name__)


class Progress:
    def __init__(self, stats, interval: float):
        self.stats = stats
        self.interval = interval
        self.task = None
        self.started = None

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler.stats, crawler.settings.getfloat("NEWSBOT_PROGRESS_INTERVAL", 10))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider=None):
        self.started = time.monotonic()
        if self.interval > 0:
            self.task = task.LoopingCall(self.log)
            self.task.start(self.interval, now=False)

    def done(self) -> int:
        get = self.stats.get_value
        return (get("item_scraped_count", 0) or 0) + (get("item_dropped_count", 0) or 0) + \
            (get("newsbot/rejected", 0) or 0)

    def line(self) -> str:
        done = self.done()
        elapsed = max(time.monotonic() - (self.started or time.monotonic()), 1e-9)
        rate = done / elapsed
        total = self.stats.get_value("newsbot/total")
        if not total:
            return f"Progress: {done} pages, {rate:.1f} pages/s"
        done = min(done, total)
        left = (total - done) / rate if rate else float("inf")
        eta = f"about {left:.0f} s left" if left != float("inf") else "time left unknown"
        return f"Progress: {done}/{total} pages ({done / total:.0%}), {rate:.1f} pages/s, {eta}"

    def log(self):
        logger.info(self.line())

    def spider_closed(self, spider=None, reason=None):
        if self.task and self.task.running:
            self.task.stop()


class _WithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            record.exc_info, record.exc_text = None, None
        return True


class OneLineLogs:
    """Extension: errors of the loggers in NEWSBOT_ONE_LINE_LOGGERS are logged as one line, without
    their traceback. Scrapy's robots.txt middleware logs a traceback for a robots.txt it cannot
    download (a host that is down), which says nothing the line does not; the page's own failure
    is recorded with its reason (rejects.jsonl)."""

    def __init__(self, names):
        self.names = list(names)
        self.filter = _WithoutTraceback()
        for name in self.names:
            logging.getLogger(name).addFilter(self.filter)

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler.settings.getlist("NEWSBOT_ONE_LINE_LOGGERS"))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider=None, reason=None):
        for name in self.names:
            logging.getLogger(name).removeFilter(self.filter)
