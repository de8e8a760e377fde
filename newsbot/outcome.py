"""How a crawl ended: its exit status and its one-line summary.

A crawl that failed as a whole says so in its exit status, so cron, systemd and Scrapyd see it;
pages rejected one by one for their own reasons (a listing page, a 404 among good pages) do not
make a crawl fail. The status follows the spider's finish reason:

    0  finished (some pages may have been rejected, each with its reason)
    1  an unexpected error (a traceback in the log)
    2  bad_argument: a missing or malformed spider argument; a usage line says what to give
    3  data_dir_busy: another crawl holds the data folder
    4  input_unreadable: the seed path, the URL or feed file, or every feed could not be read
    5  every_page_failed: there were pages, and every one failed to download or to be read
    6  output_failed: the corpus or the index could not be written (disk full, file size limit)
    7  data_dir_unusable, index_unusable: the data folder cannot be opened or written (not a
       folder, no permission), or the index cannot be used (built with other MinHash settings)
    8  service_unavailable: Redis (distributed mode) stayed unreachable
    9  shutdown: stopped by SIGTERM or Ctrl-C before the end (with a JOBDIR it resumes)

The Outcome extension sets the stats value ``newsbot/exit_code`` and logs the summary when the
spider closes; newsbot.commands.crawl exits with it.
"""

from __future__ import annotations

import logging

from scrapy import signals

logger = logging.getLogger(__name__)

EXIT_CODES = {
    "finished": 0,
    "bad_argument": 2,
    "data_dir_busy": 3,
    "input_unreadable": 4,
    "every_page_failed": 5,
    "output_failed": 6,
    "data_dir_unusable": 7,
    "index_unusable": 7,
    "service_unavailable": 8,
    "shutdown": 9,
}
# Scrapy's own reasons for stopping that a user asked for: not a failure
USER_LIMITS = ("closespider_timeout", "closespider_itemcount", "closespider_pagecount",
               "closespider_errorcount", "closespider_timeout_no_item")


def exit_code(reason: str | None) -> int:
    if reason in USER_LIMITS:
        return 0
    return EXIT_CODES.get(reason or "finished", 1)


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


class Outcome:
    """Extension: the exit status (stats ``newsbot/exit_code``) and the summary line."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler.stats)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def count(self, *names: str) -> int:
        return sum(self.stats.get_value(name, 0) or 0 for name in names)

    def reason(self, reason: str | None) -> str:
        """The finish reason, with a finished crawl whose every page failed told apart."""
        if reason not in (None, "finished"):
            return reason
        feeds_failed, feeds_read = self.count("newsbot/feeds/failed"), self.count("newsbot/feeds/read")
        if feeds_failed and not feeds_read:
            return "input_unreadable"
        ok = self.count("item_scraped_count", "item_dropped_count", "newsbot/skipped/known", "newsbot/feeds/read")
        failed = self.count("newsbot/rejected") - feeds_failed
        if failed > 0 and ok == 0:
            return "every_page_failed"
        return "finished"

    def summary(self, reason: str, code: int) -> str:
        c = self.count
        parts = [
            _plural(c("newsbot/written/new"), "new article"),
            _plural(c("newsbot/written/version"), "new version"),
            _plural(c("newsbot/dedupe/exact", "newsbot/dedupe/near"), "copy", "copies"),
            f"{c('newsbot/dedupe/unchanged')} unchanged",
            f"{c('newsbot/skipped/known')} known pages skipped",
            f"{c('newsbot/rejected', 'newsbot/dropped')} rejected",
            _plural(c("newsbot/stories/touched"), "story", "stories") + " touched",
            _plural(c("newsbot/stories/new_conflicts"), "new conflict"),
        ]
        return f"Summary: {', '.join(parts)}; exit status {code} ({reason})"

    def spider_closed(self, spider=None, reason=None):
        reason = self.reason(reason)
        code = exit_code(reason)
        self.stats.set_value("newsbot/exit_code", code)
        self.stats.set_value("newsbot/outcome", reason)
        (logger.info if code == 0 else logger.error)(self.summary(reason, code))
