"""The corpus record's JSON Schema, shipped with the project."""

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

SCHEMA_PATH = Path(__file__).resolve().parent / "article.schema.json"


@lru_cache(maxsize=1)
def article_schema() -> dict:
    # package data: readable from a zipped egg (a Scrapyd deployment) too
    return json.loads(resources.files("newsbot.schema").joinpath("article.schema.json").read_text(encoding="utf-8"))


def validator():
    """A jsonschema validator for corpus records: the reference, with every error's path and message."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(article_schema())


@lru_cache(maxsize=1)
def fast_check():
    """The schema compiled to Python by fastjsonschema: a function that raises on an invalid
    record, about fifteen times faster than jsonschema, which a crawl's SchemaPipeline asks only
    about a record this rejects (to name what is wrong, and to have the last word). The test
    suite checks that it rejects everything jsonschema rejects."""
    import fastjsonschema

    return fastjsonschema.compile(article_schema())


def _is(value, kinds, nullable=False) -> bool:
    if value is None:
        return nullable
    return isinstance(value, kinds) and not isinstance(value, bool)


def corpus_line_problem(record) -> str | None:
    """Why a corpus line cannot be used by the readers of a data folder (the index catch-up, the
    story replay, the rebuild and export commands), or None. Cheaper than the schema: the fields
    those readers use, and their types; written by newsbot, a line always passes."""
    if not isinstance(record, dict):
        return "not a JSON object"
    if not (_is(record.get("id"), str) and record["id"]):
        return "no id"
    for name in ("url", "text"):
        if not _is(record.get(name), str):
            return f"{name!r} is not a string"
    for name in ("title", "canonical_url", "content_hash", "source", "publisher", "published", "story_id", "language"):
        if not _is(record.get(name), str, nullable=True):
            return f"{name!r} is neither a string nor null"
    if not _is(record.get("version", 1), int) or record.get("version", 1) < 1:
        return "'version' is not a positive integer"
    for name in ("facts", "authors", "subtitles", "captions"):
        value = record.get(name)
        if value is not None and not isinstance(value, list):
            return f"{name!r} is not a list"
    if any(not isinstance(fact, dict) for fact in record.get("facts") or []):
        return "a fact is not an object"
    return None


def duplicate_line_problem(record) -> str | None:
    """Why a duplicates.jsonl line cannot be used, or None."""
    if not isinstance(record, dict):
        return "not a JSON object"
    for name in ("url", "duplicate_of"):
        if not (_is(record.get(name), str) and record[name]):
            return f"{name!r} is not a string"
    return None
