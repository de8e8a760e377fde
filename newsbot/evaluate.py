"""Score a corpus against expected records: `python -m newsbot.evaluate CORPUS EXPECTED_DIR`.

EXPECTED_DIR holds ``*.expected.json`` files (url, title, authors, published, body paragraphs) and a
``manifest.jsonl`` (path -> url), as ../shared/eval/kr-html does. Prints one line a page (body
character-4-gram F1, title, published, authors), the totals, and the listing pages (manifest
entries without an expected file under not-articles/) that wrongly made it into the corpus.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

_QUOTES = re.compile(r"[\s\"'“”‘’「」『』`´]+")


def ngram_f1(produced: str, expected: str, n: int = 4) -> float:
    """Multiset F1 of character n-grams (white space folded)."""
    def grams(text):
        text = re.sub(r"\s+", " ", text or "").strip()
        return Counter(text[i:i + n] for i in range(len(text) - n + 1))
    a, b = grams(produced), grams(expected)
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def same_title(produced: str | None, expected: str | None) -> bool:
    return _QUOTES.sub("", produced or "") == _QUOTES.sub("", expected or "")


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(records: list[dict], expected_dir: Path) -> dict:
    by_url = {r["url"]: r for r in records}
    rows = []
    for path in sorted(expected_dir.rglob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        record = by_url.get(expected["url"])
        row = {"page": path.name.removesuffix(".expected.json"), "found": record is not None}
        if record:
            row.update(
                f1=ngram_f1(record.get("text", ""), "\n".join(expected.get("body", []))),
                title=same_title(record.get("title"), expected.get("title")),
                published=record.get("published") == expected.get("published"),
                authors=record.get("authors") == expected.get("authors"),
                got={k: record.get(k) for k in ("title", "published", "authors")},
                want={k: expected.get(k) for k in ("title", "published", "authors")},
            )
        else:
            row.update(f1=0.0, title=False, published=False, authors=False)
        rows.append(row)
    listings = []
    manifest = expected_dir / "manifest.jsonl"
    if manifest.exists():
        for entry in load_jsonl(manifest):
            if entry["path"].startswith("not-articles/") and entry["url"] in by_url:
                listings.append(entry["url"])
    n = len(rows) or 1
    return {
        "pages": rows,
        "mean_f1": sum(r["f1"] for r in rows) / n,
        "min_f1": min((r["f1"] for r in rows), default=0.0),
        "title": sum(r["title"] for r in rows),
        "published": sum(r["published"] for r in rows),
        "authors": sum(r["authors"] for r in rows),
        "n": len(rows),
        "listings_in_corpus": listings,
    }


def report(result: dict, verbose: bool = False) -> str:
    mark = {True: "ok", False: "--"}
    lines = [f"{'page':48} {'body F1':>7}  title published authors"]
    for r in result["pages"]:
        lines.append(f"{r['page'][:48]:48} {r['f1']:7.3f}  {mark[r['title']]:>5} {mark[r['published']]:>9} {mark[r['authors']]:>7}")
        if verbose and r.get("found"):
            for key in ("title", "published", "authors"):
                if not r[key]:
                    lines.append(f"    {key}: got {r['got'][key]!r}, want {r['want'][key]!r}")
    n = result["n"]
    lines += [
        "",
        f"pages scored: {n}",
        f"body char-4-gram F1: mean {result['mean_f1']:.3f}, min {result['min_f1']:.3f}",
        f"title equal: {result['title']}/{n}   published exact: {result['published']}/{n}   authors exact: {result['authors']}/{n}",
        f"listing pages in the corpus: {len(result['listings_in_corpus'])}" +
        (f" ({', '.join(result['listings_in_corpus'])})" if result["listings_in_corpus"] else ""),
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("expected_dir", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="show what differs")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    result = evaluate(load_jsonl(args.corpus), args.expected_dir)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else report(result, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
