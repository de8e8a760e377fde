"""newsbot's own Scrapy signals (connect with ``crawler.signals.connect(handler, signal=...)``).

- ``stories_written``: sent by the reconcile stage (pipelines.reconcile) at the end of a crawl, once
  the stories output holds the stories the crawl changed; ``records``: their lines, as written.
  newsbot.report.extension writes their report pages with it.
"""

stories_written = object()
