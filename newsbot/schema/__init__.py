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
    """A jsonschema validator for corpus records."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(article_schema())
