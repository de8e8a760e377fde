"""Scores of one system's output on one evaluation folder, by the folder's kind of labels.

An output is ``{page path (relative to the folder): {"text", "title", "published", "authors"}}``;
a page the system gave nothing for is absent. Three kinds of labels:

- ``chunks`` (``expected.jsonl`` with ``with``/``without`` strings, ../shared/eval/web-html): the
  folder's own scorer (its score.py: trafilatura's metric, micro-averaged precision, recall, F)
  and its exact-match rates for title, author and date;
- ``body`` (``*.expected.json`` with the body's paragraphs, ../shared/eval/kr-html): the mean
  character-4-gram F1 of the body, and titles, dates and authors equal;
- ``ends`` (``*.expected.json`` with ``body_first``, ``body_last`` and ``must_not_contain``,
  ../shared/eval/kr-more): whether the body starts and ends where a reader says it does and is
  free of the page's chrome (the body score is the mean of the three), titles, dates, authors.

Listing pages (under ``not-articles/``) are counted when a system gives them a body.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

_QUOTES = re.compile(r"[\s\"'“”‘’「」『』`´]+")
_SPACE = re.compile(r"\s+")


def norm(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def ngram_f1(produced: str, expected: str, n: int = 4) -> float:
    """Multiset F1 of character n-grams (white space folded)."""
    def grams(text):
        text = norm(text)
        return Counter(text[i:i + n] for i in range(len(text) - n + 1))
    a, b = grams(produced), grams(expected)
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def same_title(produced: str | None, expected: str | None) -> bool:
    return _QUOTES.sub("", produced or "") == _QUOTES.sub("", expected or "")


def same_day(produced: str | None, expected: str | None) -> bool:
    return bool(produced and expected) and produced[:10] == expected[:10]


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def labels_kind(folder: Path) -> str:
    if (folder / "expected.jsonl").exists():
        return "chunks"
    first = next(iter(sorted(folder.rglob("*.expected.json"))), None)
    if first is not None and "body_first" in json.loads(first.read_text(encoding="utf-8")):
        return "ends"
    return "body"


@lru_cache(maxsize=4)
def folder_scorer(folder: Path):
    """The folder's own score.py, loaded as a module (standard library only)."""
    spec = importlib.util.spec_from_file_location(f"eval_score_{folder.name.replace('-', '_')}", folder / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def expected_pages(folder: Path) -> dict[str, dict]:
    """page path -> its labels, for the body and ends kinds."""
    out = {}
    for path in sorted(folder.rglob("*.expected.json")):
        page = path.with_name(path.name.removesuffix(".expected.json") + ".html")
        out[page.relative_to(folder).as_posix()] = json.loads(path.read_text(encoding="utf-8"))
    return out


def score_chunks(folder: Path, output: dict[str, dict], language: str | None = None) -> dict:
    """The folder's figures; with `language`, over the pages its labels say are in that language
    (their lang_guess) only."""
    scorer = folder_scorer(folder)
    totals = [0, 0, 0, 0]
    meta = {"title": [0, 0], "author": [0, 0], "date": [0, 0]}
    got_fields = {"title": "title", "author": "authors", "date": "published"}
    labels = [label for label in load_jsonl(folder / "expected.jsonl")
              if language is None or label.get("lang_guess") == language]
    for label in labels:
        page = output.get(label["path"])
        counts, _, _ = scorer.count_item(label, page["text"] if page else None)
        totals = [t + c for t, c in zip(totals, counts)]
        for name, field in got_fields.items():
            if label.get(name):
                meta[name][1] += 1
                value = (page or {}).get(field)
                value = "; ".join(value) if isinstance(value, list) else value
                meta[name][0] += bool(page) and scorer.meta_match(name, label[name], value)
    result = scorer.scores(*totals)
    paths = {label["path"] for label in labels}
    return {"primary": result["f1"], "f": result["f1"], "precision": result["precision"], "recall": result["recall"],
            "pages": len(labels), "with_output": sum(1 for path in output if path in paths),
            **{f"{name}_match": ok / n if n else 0.0 for name, (ok, n) in meta.items()}}


def metadata_row(page: dict, label: dict) -> dict:
    """Whether the page's title, date (exactly, and its day) and authors are the label's."""
    return {"title": bool(page) and same_title(page.get("title"), label.get("title")),
            "published": bool(page) and page.get("published") == label.get("published"),
            "day": same_day(page.get("published"), label.get("published")),
            "authors": bool(page) and page.get("authors") == label.get("authors")}


def score_body(folder: Path, output: dict[str, dict]) -> dict:
    rows = []
    for path, label in expected_pages(folder).items():
        page = output.get(path) or {}
        rows.append({"f1": ngram_f1(page.get("text", ""), "\n".join(label.get("body", []))),
                     **metadata_row(page, label)})
    n = len(rows) or 1
    return {"primary": sum(r["f1"] for r in rows) / n, "body_f1": sum(r["f1"] for r in rows) / n,
            "min_f1": min((r["f1"] for r in rows), default=0.0), "pages": len(rows),
            **{key: sum(r[key] for r in rows) for key in ("title", "published", "day", "authors")}}


def score_ends(folder: Path, output: dict[str, dict]) -> dict:
    rows = []
    for path, label in expected_pages(folder).items():
        page = output.get(path) or {}
        text = norm(page.get("text"))
        first, last = norm(label["body_first"]), norm(label["body_last"])
        chrome = label.get("must_not_contain") or []
        free = sum(1 for c in chrome if norm(c) not in text) / len(chrome) if chrome and text else float(bool(text))
        rows.append({"start": bool(text) and text.startswith(first[:40]), "end": bool(text) and text.endswith(last[-40:]),
                     "chrome_free": free, **metadata_row(page, label)})
    n = len(rows) or 1
    body = sum((r["start"] + r["end"] + r["chrome_free"]) / 3 for r in rows) / n
    return {"primary": body, "body": body, "pages": len(rows), "chrome_free": sum(r["chrome_free"] for r in rows) / n,
            **{key: sum(r[key] for r in rows) for key in ("start", "end", "title", "published", "day", "authors")}}


SCORERS = {"chunks": score_chunks, "body": score_body, "ends": score_ends}


def listing_pages(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in (folder / "not-articles").glob("*")
                  if p.is_file()) if (folder / "not-articles").is_dir() else []


def languages(folder: Path) -> list[str]:
    """The languages whose pages a folder's labels tell apart (chunks labels' lang_guess)."""
    if labels_kind(folder) != "chunks":
        return []
    return sorted({label["lang_guess"] for label in load_jsonl(folder / "expected.jsonl") if label.get("lang_guess")})


def score(folder: Path, output: dict[str, dict], language: str | None = None) -> dict:
    """The figures of one system's output on a folder; with `language` (chunks labels only), on
    that language's pages (listing pages are counted either way)."""
    kind = labels_kind(folder)
    result = score_chunks(folder, output, language) if kind == "chunks" else SCORERS[kind](folder, output)
    listings = listing_pages(folder)
    result["listings"] = len(listings)
    result["listings_kept"] = [p for p in listings if (output.get(p) or {}).get("text")]
    return result
