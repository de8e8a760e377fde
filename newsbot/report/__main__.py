"""`python -m newsbot.report [DATA_DIR] [--out DIR]`: the stories of a data folder as a static site.

Writes DIR (default: DATA_DIR/report) anew from the stories output (stories/*.jsonl): index.html,
every story's page under stories/, and index.json (the index's rows). Open index.html from disk:
no server, no network, no script needed. A crawl keeps it current for the stories it touches when
NEWSBOT_REPORT_DIR is set (newsbot.report.extension)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from scrapy.utils.project import get_project_settings

from newsbot.report.site import ReportSite
from newsbot.stories.output import read_stories


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", help="default: NEWSBOT_DATA_DIR of the project settings")
    parser.add_argument("--out", help="the report folder (default: DATA_DIR/report)")
    args = parser.parse_args(argv)
    settings = get_project_settings()
    data = Path(args.data_dir or settings.get("NEWSBOT_DATA_DIR"))
    stories_dir = data / settings.get("NEWSBOT_STORIES_DIR", "stories")
    if not stories_dir.is_dir():
        print(f"python -m newsbot.report: {stories_dir}: no stories folder (crawl first)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    out = Path(args.out) if args.out else data / "report"
    count = ReportSite(out).write(read_stories(stories_dir), whole=True)
    print(json.dumps({"report": str(out / "index.html"), "stories": count,
                      "seconds": round(time.perf_counter() - started, 2)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
