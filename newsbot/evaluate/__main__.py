"""`python -m newsbot.evaluate [EVAL_ROOT] [--folder NAME] [--out DIR]`: extraction quality on every
evaluation folder, against trafilatura alone, measured in one run.

For each folder of EVAL_ROOT (default ../shared/eval) that has a manifest.jsonl: crawls its pages
with `scrapy crawl seeds` (every stage, into OUT/NAME), runs bare trafilatura on the same pages
(defaults, and favor_precision) and scores the three outputs with the folder's labels
(newsbot.evaluate.scores). Prints a table per folder and a verdict; exits 1 when the project
scores below the best trafilatura configuration on a folder's main figure, or lets a listing
page into the corpus.

`python -m newsbot.evaluate CORPUS FOLDER` scores an existing corpus.jsonl on one folder.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from newsbot.evaluate.pages import TRAFILATURA_CONFIGS, corpus_output, folders, seed_path, trafilatura_output
from newsbot.evaluate.scores import labels_kind, languages, load_jsonl, score
from newsbot.workerpool import available_cores

ROOT = Path(__file__).resolve().parents[2]

#: languages with rules of their own (newsbot/rules), scored apart where the labels tell them apart
LANGUAGE_ROWS = ("en",)

#: what each kind of labels prints, in order: (key, heading, format)
COLUMNS = {
    "chunks": [("f", "F", ".3f"), ("precision", "P", ".3f"), ("recall", "R", ".3f"), ("with_output", "pages out", "d"),
               ("title_match", "title", ".3f"), ("date_match", "date", ".3f"), ("author_match", "author", ".3f")],
    "body": [("body_f1", "body F1", ".3f"), ("min_f1", "min F1", ".3f"), ("title", "title", "d"),
             ("published", "date exact", "d"), ("day", "date day", "d"), ("authors", "authors", "d")],
    "ends": [("body", "body", ".3f"), ("start", "start", "d"), ("end", "end", "d"), ("chrome_free", "no chrome", ".3f"),
             ("title", "title", "d"), ("published", "date exact", "d"), ("day", "date day", "d"), ("authors", "authors", "d")],
}


def full_passes(log: Path) -> str:
    """How many pages took trafilatura's full pass, from the crawl's stats ("139 of 990")."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    counts = {name: int(n) for name, n in re.findall(r"'newsbot/extraction/(\w+)_pass': (\d+)", text)}
    return f"{counts.get('full', 0)} of {sum(counts.values())}"


def crawl(folder: Path, out: Path) -> tuple[list[dict], list[dict], float]:
    """(corpus records, duplicates lines, seconds) of `scrapy crawl seeds` over the folder's pages
    into `out`."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "scrapy", "crawl", "seeds", "-a", f"path={seed_path(folder)}",
                    "-a", f"manifest={folder / 'manifest.jsonl'}", "-s", f"NEWSBOT_DATA_DIR={out}",
                    "-s", "LOG_LEVEL=INFO", "-s", f"LOG_FILE={out / 'crawl.log'}"], cwd=ROOT, check=True)
    read = lambda name: load_jsonl(out / name) if (out / name).exists() else []  # noqa: E731
    return read("corpus.jsonl"), read("duplicates.jsonl"), time.perf_counter() - started


def table(folder: Path, results: dict[str, dict], seconds: dict[str, float] | None = None, part: str = "") -> str:
    """The figures of each system on a folder; `part` names a subset of its pages (the listing
    pages and the seconds, which belong to the whole folder, are left out then)."""
    kind = labels_kind(folder)
    columns = COLUMNS[kind]
    first = next(iter(results.values()))
    head = f"{folder.name}, {part} ({first['pages']} labelled pages" if part else \
        f"{folder.name} ({first['pages']} labelled pages, {first['listings']} listing pages"
    whole = not part and seconds is not None
    lines = [f"{head}; labels: {kind})",
             f"  {'':28}" + "".join(f"{heading:>11}" for _, heading, _ in columns)
             + (f"{'listings in':>13}{'seconds':>9}" if whole else "")]
    for name, result in results.items():
        cells = "".join(f"{format(result[key], fmt):>11}" for key, _, fmt in columns)
        lines.append(f"  {name:28}{cells}" + (f"{len(result['listings_kept']):>13}{seconds[name]:>9.1f}" if whole else ""))
    return "\n".join(lines)


def verdict(results: dict[str, dict]) -> tuple[bool, str]:
    ours = results["newsbot"]
    best_name, best = max(((n, r) for n, r in results.items() if n != "newsbot"), key=lambda nr: nr[1]["primary"])
    ok = ours["primary"] >= best["primary"] and not ours["listings_kept"]
    listings = f"; listing pages in the corpus: {', '.join(ours['listings_kept'])}" if ours["listings_kept"] else ""
    return ok, (f"  {'PASS' if ok else 'FAIL'}: newsbot {ours['primary']:.3f} against the best trafilatura "
                f"configuration ({best_name}) {best['primary']:.3f}{listings}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="EVAL_ROOT, or CORPUS FOLDER")
    parser.add_argument("--folder", action="append", help="only this folder of EVAL_ROOT (repeatable)")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "eval", help="where the crawls write (default: data/eval)")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args(argv)
    if len(args.paths) == 2:
        corpus, folder = args.paths
        duplicates = corpus.with_name("duplicates.jsonl")
        result = score(folder.resolve(), corpus_output(load_jsonl(corpus), folder.resolve(),
                                                       load_jsonl(duplicates) if duplicates.exists() else []))
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    root = (args.paths[0] if args.paths else ROOT.parent / "shared" / "eval").resolve()
    chosen = [f for f in folders(root) if not args.folder or f.name in args.folder]
    if not chosen:
        print(f"no evaluation folders (with a manifest.jsonl) under {root}", file=sys.stderr)
        return 2
    everything, passed = {}, True
    for folder in chosen:
        records, duplicates, crawl_seconds = crawl(folder, args.out / folder.name)
        outputs = {"newsbot": corpus_output(records, folder, duplicates)}
        seconds = {"newsbot": crawl_seconds}
        for name, config in TRAFILATURA_CONFIGS.items():
            started = time.perf_counter()
            outputs[name] = trafilatura_output(folder, config, available_cores())
            seconds[name] = time.perf_counter() - started
        results = {name: score(folder, output) for name, output in outputs.items()}
        ok, line = verdict(results)
        passed &= ok
        print(table(folder, results, seconds))
        print(f"  HTML pages that took trafilatura's full pass: {full_passes(args.out / folder.name / 'crawl.log')}")
        print(line)
        everything[folder.name] = results
        # the languages the project has rules for, apart (their rules must not cost them their pages)
        for language in (x for x in languages(folder) if x in LANGUAGE_ROWS):
            apart = {name: score(folder, output, language) for name, output in outputs.items()}
            ok, line = verdict(apart)
            passed &= ok
            print(table(folder, apart, part=f"{language} pages only"))
            print(line)
            everything[f"{folder.name}:{language}"] = apart
        print()
    if args.json:
        args.json.write_text(json.dumps(everything, ensure_ascii=False, indent=1), encoding="utf-8")
    print("every folder: " + ("PASS" if passed else "FAIL"))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
