"""Scrapy settings for newsbot.

Every newsbot-specific setting starts with ``NEWSBOT_``; the rest are Scrapy's own.
Override any of them with ``-s NAME=VALUE`` on the command line.
"""

BOT_NAME = "newsbot"

SPIDER_MODULES = ["newsbot.spiders"]
NEWSPIDER_MODULE = "newsbot.spiders"

# --- politeness (live URLs) -------------------------------------------------------------
USER_AGENT = "newsbot/0.1 (+https://github.com/newsbot/newsbot; news corpus crawler)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS_PER_DOMAIN = 4
RETRY_ENABLED = True
RETRY_TIMES = 2
DOWNLOAD_TIMEOUT = 30
# A page larger than this is not an article; Scrapy cancels the download and logs it.
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024

# --- pipeline -----------------------------------------------------------------------------
ITEM_PIPELINES = {
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.dedupe.DedupePipeline": 300,
    "pipelines.facts.FactsPipeline": 400,
    "pipelines.validate.SchemaPipeline": 450,
    "pipelines.stories.StoryPipeline": 500,
    "pipelines.reconcile.ReconcilePipeline": 900,
}
EXTENSIONS = {
    "newsbot.extensions.Progress": 500,
    "newsbot.outcome.Outcome": 510,        # exit status and the summary line (newsbot/outcome.py)
    "newsbot.extensions.OneLineLogs": 520,
    "newsbot.gcfreeze.FreezeLongLived": 530,   # the collector skips what lives to the end (newsbot/gcfreeze.py)
    "newsbot.gcfreeze.CollectLessOften": 540,  # ... and collects less often while the crawl runs
    "newsbot.report.extension.ReportExtension": 550,   # the story report, when NEWSBOT_REPORT_DIR is set
}
NEWSBOT_GC_FREEZE = True
NEWSBOT_GC_THRESHOLDS = [20000, 20, 20]
# loggers whose errors are one line, without a traceback (a robots.txt that cannot be downloaded)
NEWSBOT_ONE_LINE_LOGGERS = ["scrapy.downloadermiddlewares.robotstxt"]
# `scrapy crawl` with exit statuses, argument checks and -o/-O beside the corpus (newsbot/commands/crawl.py)
COMMANDS_MODULE = "newsbot.commands"
NEWSBOT_PROGRESS_INTERVAL = 10        # seconds between progress lines (done/total, rate, time left)
DOWNLOADER_MIDDLEWARES = {
    "newsbot.middlewares.UrlPolicyMiddleware": 40,      # before robots.txt (100)
    # allowed_domains is applied by the URL policy, which records what it blocks as a rejected
    # input; Scrapy's own offsite filter would drop those requests first, with a debug line only
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "newsbot.middlewares.RedirectLoopMiddleware": 650,
    # Scrapy's meta-refresh redirects, without decoding every page in the crawl process for them
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newsbot.middlewares.MetaRefreshMiddleware": 580,
}

# What a crawl may fetch (newsbot/urlpolicy.py): what a feed, sitemap or redirect names is
# untrusted. file: only for what the user named; link-local addresses never; private and
# loopback addresses only when the user named them or the naming document is on the same host.
NEWSBOT_ALLOWED_SCHEMES = ["http", "https"]
NEWSBOT_ALLOWED_DOMAINS = []          # empty: any; else these domains and their subdomains (also -a allowed_domains=)
NEWSBOT_ALLOWED_HOSTS = []            # hosts, host:port or networks reached even when private or link-local
NEWSBOT_DENIED_HOSTS = []             # hosts, host:port or networks never reached
NEWSBOT_FEED_MAX_DEPTH = 3            # sitemap indexes nested deeper than this are not followed
NEWSBOT_CALL_TIMEOUT = 30             # seconds a worker may spend on one page before it is killed (extraction_timeout)
SPIDER_MIDDLEWARES = {
    "newsbot.middlewares.KnownPagesMiddleware": 100,
}

# Where the corpus and the other outputs go. corpus.jsonl is added to FEEDS by the spiders
# unless the command line already gave a feed (-o / -O).
NEWSBOT_DATA_DIR = "data"
NEWSBOT_CORPUS_FILE = "corpus.jsonl"

# dedupe: the index, and what a copy is (see pipelines/dedupe.py and the README).
NEWSBOT_DEDUPE_INDEX = "index.sqlite"          # in NEWSBOT_DATA_DIR
NEWSBOT_DUPLICATES_FILE = "duplicates.jsonl"   # in NEWSBOT_DATA_DIR: one line a page not written
NEWSBOT_SHINGLE_SIZE = 5                       # characters a shingle (letters and digits only)
NEWSBOT_MINHASH_PERMUTATIONS = 256
NEWSBOT_NEAR_THRESHOLD = 0.33                  # estimated Jaccard similarity that makes a copy
# Pages already in the index are not fetched again (feeds, url lists) unless this is true or
# their feed / sitemap date is newer than the last fetch.
NEWSBOT_RECHECK_KNOWN = False

# facts: the rules that find quantities, dates and durations and type them (data files; later
# files add to earlier ones), and the UTC offset given to clock times where a report's publication
# time names none (Korean pages: KST).
NEWSBOT_FACT_RULES_FILES = ["newsbot/rules/facts_ko.toml", "newsbot/rules/measures_ko.toml", "newsbot/rules/facts_en.toml"]
NEWSBOT_FACT_OFFSET = "+09:00"

# stories: single-pass clustering (see newsbot/stories/index.py and the README's figures).
NEWSBOT_REPORT_DIR = ""                    # in NEWSBOT_DATA_DIR when relative: the story report a crawl keeps current ("": none)
NEWSBOT_STORIES_DIR = "stories"            # in NEWSBOT_DATA_DIR: one file a day, the changed ones rewritten at the end of a crawl
NEWSBOT_STORY_INDEX = "stories.sqlite"     # in NEWSBOT_DATA_DIR: the story index (newsbot.stories.store)
NEWSBOT_STORY_THRESHOLD = 0.25                # similarity (TF-IDF cosine + fact agreement) to join
NEWSBOT_STORY_WINDOW_DAYS = 14                # a dated article joins stories within this many days
NEWSBOT_STORY_SPAN_DAYS = 4                   # ... that it does not stretch over more days than this (0: no limit)
NEWSBOT_STORY_FACT_WEIGHT = 0.05              # added per agreeing fact key, taken off per disagreeing one
NEWSBOT_STORY_CROSS_THRESHOLD = 0.3           # ... for a story told in another script: the names they share
NEWSBOT_NAME_FILES = ["newsbot/rules/names_ko.toml"]   # names across scripts (newsbot.stories.names)

# distributed mode (scrapy-redis): set NEWSBOT_REDIS_URL (see the README and newsbot/spiders/base.py)
NEWSBOT_REDIS_URL = ""
NEWSBOT_REDIS_PREFIX = "newsbot"
NEWSBOT_RUN = ""                              # the run whose frontier processes share; "" = today's UTC date
NEWSBOT_NODE = ""                             # this process's part name; "" = host-pid
NEWSBOT_REDIS_TIMEOUT = 30                    # seconds Redis may not answer before the crawl stops (exit 8)
NEWSBOT_REJECTS_FILE = "rejects.jsonl"        # in NEWSBOT_DATA_DIR: one line per rejected input
NEWSBOT_INDEX_COMMIT_EVERY = 200              # pages between dedupe index commits (after the records are written)

# Language rules (data files). Later files add to earlier ones.
NEWSBOT_RULES_FILES = ["newsbot/rules/ko.toml", "newsbot/rules/en.toml"]

# Time zone for local times a page gives without an offset (Korean pages: KST).
NEWSBOT_TIMEZONE = "Asia/Seoul"

# validate: what is not an article
NEWSBOT_MIN_TEXT_CHARS = 200          # body shorter than this (non-space characters): dropped
NEWSBOT_MIN_SHORT_ARTICLE_CHARS = 80  # ... unless it is all sentences and at least this long
NEWSBOT_MAX_NAVIGATION_SHARE = 0.5    # more of the main text in link blocks: a listing page
NEWSBOT_MAX_TEASER_SHARE = 0.25       # more lines cut short with a time stamp (no article markup): a listing

# Local feeds (corpus.jsonl) are appended a whole line at a time: a killed crawl never leaves half a line.
FEED_STORAGES = {
    "": "newsbot.feedstorage.LineFileFeedStorage",
    "file": "newsbot.feedstorage.LineFileFeedStorage",
}
FEED_EXPORT_ENCODING = "utf-8"        # UTF-8 text in the JSONL, never \uXXXX escapes
FEED_EXPORT_FIELDS = [
    "id", "url", "canonical_url", "source", "publisher", "title", "subtitles", "authors",
    "published", "published_precision", "published_raw", "published_source", "modified", "language", "text",
    "captions", "fetched_at", "content_hash", "version", "story_id", "facts",
]

LOG_LEVEL = "INFO"
# No control ports on crawls that run unattended: neither the telnet console nor Scrapy's remote
# control (an HTTP server that runs code sent to it and writes a job file under the user's state
# folder: 72 of them were there after a day of this project's tests). Turn either on with -s.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# Query parameters removed from URLs to form canonical_url (a trailing * is a prefix).
NEWSBOT_TRACKING_PARAMS = ["utm_*", "fbclid", "gclid", "trc", "sc", "OutUrl", "input"]

LOG_FORMATTER = "newsbot.logformatter.NewsbotLogFormatter"

# CPU-bound stages (extraction, normalization, facts) run in worker processes (newsbot/workerpool.py):
# None = one a core this process may use; 0 = none, everything in the reactor thread.
NEWSBOT_WORKERS = None
NEWSBOT_WORKER_START_METHOD = ""              # "" = fork from a template (Linux, before Scrapy starts threads), else forkserver, else spawn
NEWSBOT_WORKER_PRELOAD = ["newsbot.workerpreload"]   # imported once before any call (Kiwi's model too)
NEWSBOT_WORKER_CALLS = 8                       # calls a worker holds at once: one running, the rest waiting in its socket
# What turns a fetched page into an Article's fields, in a worker (a class with from_settings()
# and build(); see newsbot/loaders.py).
NEWSBOT_ARTICLE_BUILDER = "newsbot.loaders.ArticleBuilder"

# Responses (by size) Scrapy's scraper holds while their items go through the pipelines, above
# which it downloads nothing: a page stays there through three worker calls and the stories stage,
# and Scrapy's 5 MB (about 35 news pages) left the workers waiting on the crawl process for 15% of
# a fast crawl's time (a local site, seed files); with 32 MB, 11%. A polite crawl of a news site
# never holds that much.
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 32 * 1024 * 1024

# Items a response's output is processed with at once: a page yields one article, a feed a list
# of requests; Scrapy's default (100) starts that many tasks for every response.
CONCURRENT_ITEMS = 8
