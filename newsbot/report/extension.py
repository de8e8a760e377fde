"""ReportExtension: a crawl keeps the story report current for the stories it touched.

Enabled by NEWSBOT_REPORT_DIR (a folder; relative to NEWSBOT_DATA_DIR when relative; empty, the
default: off). As the reconcile stage writes the line of a story the crawl changed (the
``story_written`` signal), the story's page is written; when the spider closes, their rows of the
index (newsbot.report.site). Other stories' pages are left as they are, so a crawl costs what it
touched. Make the whole report anew with ``python -m newsbot.report``."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newsbot.report.site import ReportSite
from newsbot.signals import story_written

logger = logging.getLogger(__name__)


class ReportExtension:
    def __init__(self, folder: Path, stats=None):
        self.site = ReportSite(folder)
        self.stats = stats
        self.rows: list[dict] = []
        self.seconds = 0.0
        self.failed = False

    @classmethod
    def from_crawler(cls, crawler):
        folder = crawler.settings.get("NEWSBOT_REPORT_DIR")
        if not folder:
            raise NotConfigured      # off, silently (with a message, Scrapy would warn at every crawl)
        folder = Path(folder)
        if not folder.is_absolute():
            folder = Path(crawler.settings.get("NEWSBOT_DATA_DIR", "data")) / folder
        extension = cls(folder, crawler.stats)
        crawler.signals.connect(extension.story_written, signal=story_written)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def story_written(self, record):
        if self.failed:
            return
        started = time.perf_counter()
        try:
            self.rows.append(self.site.write_page(record))
        except OSError as exc:
            self._failed(exc)
        self.seconds += time.perf_counter() - started

    def spider_closed(self, spider=None, reason=None):
        if self.failed or not self.rows:
            return
        started = time.perf_counter()
        try:
            self.site.write_index(self.rows)
        except OSError as exc:
            self._failed(exc)
            return
        self.seconds += time.perf_counter() - started
        if self.stats:
            self.stats.set_value("newsbot/report/pages", len(self.rows))
        logger.info("Report: %d story pages written to %s in %.2f s", len(self.rows), self.site.folder / "index.html",
                    self.seconds)

    def _failed(self, exc: OSError) -> None:
        self.failed = True
        logger.error("Report: %s could not be written: %s; make it with python -m newsbot.report", self.site.folder, exc)
