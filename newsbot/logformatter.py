"""Log lines for dropped items: the reason and the URL, not the whole item.

Pages that are not articles are logged as warnings; copies of articles already in the corpus
at INFO, and unchanged pages at DEBUG: both are the dedupe stage doing its job.
"""

import logging

from scrapy import logformatter


class NewsbotLogFormatter(logformatter.LogFormatter):
    def dropped(self, item, exception, response, spider=None):
        entry = super().dropped(item, exception, response, spider)
        entry["msg"] = "Dropped: %(exception)s"
        entry["args"] = {"exception": exception}
        kind = getattr(exception, "kind", None)
        if kind == "unchanged":
            entry["level"] = logging.DEBUG
        elif kind:
            entry["level"] = logging.INFO
        return entry
