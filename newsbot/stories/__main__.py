"""`python -m newsbot.stories rebuild [DATA_DIR] [--extract] [--recluster]`: the stories from the corpus.

Replays every corpus part (and duplicates part, for the copies) of a data folder, under the
folder's lock, makes the story index (stories.sqlite) anew and rewrites the stories output
(stories/DAY.jsonl, each file atomically), as crawls would have made them, without crawling
(newsbot.stories.rebuild). --extract finds the facts again with the current fact rules;
--recluster places every article again. The corpus itself is never rewritten.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from scrapy.utils.project import get_project_settings

from newsbot.datadir import DataDir
from newsbot.facts.extract import FactExtractor
from newsbot.stories.rebuild import rebuild


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.stories", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["rebuild"])
    parser.add_argument("data_dir", nargs="?", help="default: NEWSBOT_DATA_DIR of the project settings")
    parser.add_argument("--extract", action="store_true", help="find the facts again with the current rules")
    parser.add_argument("--recluster", action="store_true",
                        help="place every article again, ignoring the story ids in the corpus "
                             "(after a distributed crawl)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    settings = get_project_settings()
    extractor = FactExtractor.from_settings(settings)
    with DataDir.for_command(args.data_dir, settings) as datadir:
        stories, articles = rebuild(datadir, extractor, args.extract, args.recluster)
    print(json.dumps({"stories_dir": str(datadir.stories_dir), "stories": stories, "articles": articles},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
