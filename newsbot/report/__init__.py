"""The story report: what a story's outlets agree and disagree on, as a static HTML site
(``python -m newsbot.report``, or kept current by a crawl: NEWSBOT_REPORT_DIR) and as text
(``python -m newsbot.stories show ID``).

- values: a fact's value as a reader writes it (unit words: newsbot/rules/report.toml)
- summary: who reported a story, under one naming scheme, and its row in the index
- pages: the HTML of a story page and of the index
- text: the same for a terminal
- site: the report folder, written whole file by file
- extension: the crawl's part (a Scrapy extension)
"""
