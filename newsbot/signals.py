"""newsbot's own Scrapy signals (connect with ``crawler.signals.connect(handler, signal=...)``).

- ``story_written``: sent by the reconcile stage (pipelines.reconcile) at the end of a crawl for
  each story line it writes to the stories output (the stories the crawl changed); ``record``: the
  line. newsbot.report.extension writes the story's report page with it.
"""

story_written = object()
