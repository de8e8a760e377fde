"""`scrapy crawl SPIDER [-a NAME=VALUE ...]`: Scrapy's crawl command, with newsbot's exit statuses.

The same command as Scrapy's (every option works), and three things more:
- the spider's arguments are checked before the crawl starts: a missing or malformed one ends it
  with a one-line message and exit status 2, an unreadable input (a seed path, a URL or feed
  file) with exit status 4, never a traceback;
- `-o`/`-O` feeds are written beside the corpus, never instead of it; one that names the corpus
  file itself is refused (status 2);
- the exit status says how the crawl ended (newsbot.outcome: 0 finished, 3 refused, 5 every page
  failed, 6 a write failed, ...), so cron, systemd and Scrapyd can see a failed run.

`scrapy crawl -h` lists every spider's arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scrapy.commands import ScrapyHelpFormatter
from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from newsbot.datadir import corpus_path
from newsbot.outcome import EXIT_CODES
from newsbot.spiders.base import BadArgument, InputUnreadable, with_corpus_feed


class _Formatter(ScrapyHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Scrapy's help layout, with the description's lines kept as written."""


class Command(ScrapyCrawl):
    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.formatter_class = _Formatter

    def process_options(self, args, opts) -> None:
        super().process_options(args, opts)
        self.user_feeds = list(self.settings.getdict("FEEDS"))
        # -o/-O replaced FEEDS at the command line's priority: put the corpus back beside them
        # (the spiders' update_settings does the same for FEEDS given in settings)
        with_corpus_feed(self.settings)

    def long_desc(self) -> str:
        from scrapy.spiderloader import get_spider_loader
        from scrapy.utils.project import get_project_settings

        lines = [self.short_desc(), "", "Spider arguments (-a NAME=VALUE):"]
        loader = get_spider_loader(self.settings or get_project_settings())
        for name in sorted(loader.list()):
            spidercls = loader.load(name)
            lines.append(f"  {name}: {(spidercls.__doc__ or '').strip().splitlines()[0]}")
            for arg, help in getattr(spidercls, "arguments", {}).items():
                lines.append(f"    -a {arg + '=...':18} {help}")
        lines += ["", "Exit status: 0 finished; 2 bad argument; 3 data folder busy; 4 input unreadable;",
                  "  5 every page failed; 6 output could not be written; 7 data folder or index unusable;",
                  "  8 Redis unavailable; 9 stopped by a signal; 1 anything else (see the README)."]
        return "\n".join(lines)

    def _fail(self, spname: str, message: str, reason: str) -> None:
        print(f"scrapy crawl {spname}: {message}", file=sys.stderr)
        self.exitcode = EXIT_CODES[reason]

    def run(self, args: list[str], opts) -> None:
        if len(args) < 1:
            raise UsageError
        if len(args) > 1:
            raise UsageError("running 'scrapy crawl' with more than one spider is not supported")
        spname = args[0]
        assert self.crawler_process
        try:
            spidercls = self.crawler_process.spider_loader.load(spname)
        except KeyError:
            return self._fail(spname, f"no spider named {spname!r}; the spiders: "
                              f"{', '.join(sorted(self.crawler_process.spider_loader.list()))}", "bad_argument")
        check = getattr(spidercls, "check_arguments", None)
        try:
            if check is not None:
                check(**opts.spargs)
        except BadArgument as exc:
            return self._fail(spname, f"{exc} (see `scrapy crawl -h`)", "bad_argument")
        except InputUnreadable as exc:
            return self._fail(spname, str(exc), "input_unreadable")
        corpus = corpus_path(self.settings).resolve()
        for uri in self.user_feeds:
            target = str(uri)
            if target.startswith("file://"):
                target = target[len("file://"):]
            if "://" not in target and Path(target).expanduser().resolve() == corpus:
                return self._fail(spname, f"-o/-O {uri} is the corpus itself; the corpus is always written, "
                                  "give another file for a feed of this crawl", "bad_argument")
        crawler = self._create_crawler(spname)
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        self.exitcode = int(crawler.stats.get_value("newsbot/exit_code", 0) or 0)
