"""`python -m newsbot.stories rebuild [DATA_DIR] [--extract] [--recluster]`: the stories from the corpus.
`python -m newsbot.stories show [ID] [--data DATA_DIR] [--conflicts]`: a story's facts and articles.
`python -m newsbot.stories names [DATA_DIR] [--out FILE] [--min-articles N]`: a name table learned
from the corpus.

rebuild replays every corpus part (and duplicates part, for the copies) of a data folder, under the
folder's lock, makes the story index (stories.sqlite) anew and rewrites the stories output
(stories/DAY.jsonl, each file atomically), as crawls would have made them, without crawling
(newsbot.stories.rebuild). --extract finds the facts again with the current fact rules;
--recluster places every article again. The corpus itself is never rewritten.

names writes the names the corpus's Korean reports gloss in Latin letters (그린옥스(Greenoaks)) as
a names file (default DATA_DIR/names_learned.toml; newsbot.stories.glosses); add it to
NEWSBOT_NAME_FILES for English reports to meet Korean ones by those names too.

show prints a story of the stories output as the report shows it (newsbot.report.text): its
reconciled facts with their claims (outlet, date, the sentence with the value marked, the article's
URL), then its articles by date, copies under their source. --conflicts: only the facts in
conflict; without an ID, every story that has one.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from scrapy.utils.project import get_project_settings

from newsbot.datadir import DataDir
from newsbot.facts.languages import FactReaders
from newsbot.report.text import story_text
from newsbot.stories.glosses import GlossLearner
from newsbot.stories.names import NameTable
from newsbot.stories.output import read_part
from newsbot.stories.rebuild import rebuild
from newsbot.wholefile import whole_file


def _rebuild(args, settings) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    extractor = FactReaders.from_settings(settings)
    with DataDir.for_command(args.data_dir, settings) as datadir:
        stories, articles = rebuild(datadir, extractor, args.extract, args.recluster)
    print(json.dumps({"stories_dir": str(datadir.stories_dir), "stories": stories, "articles": articles},
                     ensure_ascii=False))
    return 0


def _show(args, settings) -> int:
    folder = Path(args.data or settings.get("NEWSBOT_DATA_DIR")) / settings.get("NEWSBOT_STORIES_DIR", "stories")
    if not args.story_id and not args.conflicts:
        print("python -m newsbot.stories show: give a story id, or --conflicts", file=sys.stderr)
        return 2
    needle = f'"story_id": "{args.story_id}"' if args.story_id else '"status": "conflict"'
    shown = 0
    for path in sorted(folder.glob("*.jsonl")):
        if needle not in path.read_text(encoding="utf-8"):
            continue
        for story_id, line in read_part(path).items():
            if args.story_id and story_id != args.story_id:
                continue
            record = json.loads(line)
            if args.conflicts and not any(f.get("status") == "conflict" for f in record.get("facts") or []):
                continue
            sys.stdout.write(("\n" if shown else "") + story_text(record, args.conflicts, sys.stdout.isatty()))
            shown += 1
    if args.story_id and not shown:
        print(f"python -m newsbot.stories show: no story {args.story_id} in {folder}"
              + (" with a conflict" if args.conflicts else ""), file=sys.stderr)
        return 1
    return 0


def _names(args, settings) -> int:
    names = NameTable.from_settings(settings)
    with DataDir.for_command(args.data_dir, settings) as datadir:
        learner = GlossLearner.from_table(names, args.min_articles)
        learner.read_all(record for _, record in datadir.corpus_records())
        out = Path(args.out) if args.out else datadir.root / "names_learned.toml"
        with whole_file(out) as fh:       # under the folder's lock: its stale temporaries are swept
            fh.write(learner.toml(str(datadir.root)))
    print(json.dumps({"names_file": str(out), "reports": learner.articles, "names": len(learner.learned())},
                     ensure_ascii=False))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.stories", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    rebuild_parser = commands.add_parser("rebuild", help="the stories from the corpus, without crawling")
    rebuild_parser.add_argument("data_dir", nargs="?", help="default: NEWSBOT_DATA_DIR of the project settings")
    rebuild_parser.add_argument("--extract", action="store_true", help="find the facts again with the current rules")
    rebuild_parser.add_argument("--recluster", action="store_true",
                                help="place every article again, ignoring the story ids in the corpus "
                                     "(after a distributed crawl)")
    show_parser = commands.add_parser("show", help="a story's reconciled facts and articles, as text")
    show_parser.add_argument("story_id", nargs="?", help="a story id (s...); without it, --conflicts lists all")
    show_parser.add_argument("--data", help="the data folder (default: NEWSBOT_DATA_DIR of the project settings)")
    show_parser.add_argument("--conflicts", action="store_true", help="only facts in conflict")
    names_parser = commands.add_parser("names", help="a name table learned from the corpus's glosses")
    names_parser.add_argument("data_dir", nargs="?", help="default: NEWSBOT_DATA_DIR of the project settings")
    names_parser.add_argument("--out", help="the names file to write (default: DATA_DIR/names_learned.toml)")
    names_parser.add_argument("--min-articles", type=int, default=2,
                              help="reports that must gloss a name alike for it to be learned (default 2)")
    args = parser.parse_args(argv)
    settings = get_project_settings()
    return {"rebuild": _rebuild, "show": _show, "names": _names}[args.command](args, settings)


if __name__ == "__main__":
    sys.exit(main())
