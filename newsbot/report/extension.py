"""ReportExtension: a crawl keeps the story report current for the stories it touched.

Enabled by NEWSBOT_REPORT_DIR (a folder; relative to NEWSBOT_DATA_DIR when relative; empty, the
default: off). When the reconcile stage has written the stories the crawl changed (the
``stories_written`` signal), their pages and their rows of the index are written (newsbot.report.site);
other stories' pages are left as they are, so a crawl costs what it touched. Make the whole
report anew with ``python -m newsbot.report``."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from scrapy.exceptions import NotConfigured

from newsbot.report.site import ReportSite
from newsbot.signals import stories_written

logger = logging.getLogger(__name__)


class ReportExtension:
    def __init__(self, folder: Path, stats=None):
        self.site = ReportSite(folder)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        folder = crawler.settings.get("NEWSBOT_REPORT_DIR")
        if not folder:
            raise NotConfigured("NEWSBOT_REPORT_DIR is not set")
        folder = Path(folder)
        if not folder.is_absolute():
            folder = Path(crawler.settings.get("NEWSBOT_DATA_DIR", "data")) / folder
        extension = cls(folder, crawler.stats)
        crawler.signals.connect(extension.stories_written, signal=stories_written)
        return extension

    def stories_written(self, records):
        started = time.perf_counter()
        try:
            count = self.site.write(records)
        except OSError as exc:
            logger.error("Report: %s could not be written: %s", self.site.folder, exc)
            return
        if self.stats:
            self.stats.set_value("newsbot/report/pages", count)
        logger.info("Report: %d story pages written to %s in %.2f s", count, self.site.folder / "index.html",
                    time.perf_counter() - started)
