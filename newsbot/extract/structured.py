"""Structured data a page carries besides its visible text: <meta> tags, JSON-LD, and the
JSON payloads of JavaScript front ends (Next.js ``__NEXT_DATA__`` and App Router flight data)."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HTML_RULES_FILE = Path(__file__).resolve().parent.parent / "rules" / "html.toml"


@lru_cache(maxsize=1)
def html_conventions() -> dict:
    with open(HTML_RULES_FILE, "rb") as fh:
        return tomllib.load(fh)


def meta_tags(tree) -> dict[str, list[str]]:
    """All <meta name|property|itemprop=... content=...>, keyed by lower-cased name."""
    out: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        name = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if name and content and content.strip():
            out.setdefault(name.strip().lower(), []).append(content.strip())
    return out


def first_meta(meta: dict[str, list[str]], names: list[str]) -> str | None:
    for name in names:
        values = meta.get(name.lower())
        if values:
            return values[0]
    return None


# --- JSON-LD ------------------------------------------------------------------------------------

def _flatten_ld(node, out: list[dict]) -> None:
    if isinstance(node, list):
        for item in node:
            _flatten_ld(item, out)
    elif isinstance(node, dict):
        out.append(node)
        if "@graph" in node:
            _flatten_ld(node["@graph"], out)


def json_ld(tree) -> list[dict]:
    objects: list[dict] = []
    for script in tree.xpath('//script[contains(@type, "ld+json")]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            _flatten_ld(json.loads(raw), objects)
        except ValueError:
            # Some sites put raw line breaks inside strings; try once without them.
            try:
                _flatten_ld(json.loads(re.sub(r"[\r\n\t]+", " ", raw)), objects)
            except ValueError:
                continue
    return objects


def ld_article(objects: list[dict]) -> dict | None:
    """The first schema.org *Article / BlogPosting / Report object."""
    for obj in objects:
        types = obj.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and (t.endswith("Article") or t in ("BlogPosting", "Report")) for t in types):
            return obj
    return None


def ld_names(value) -> list[str]:
    """Names from a schema.org author/publisher value (string, object, or list of them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value for n in ld_names(item)]
    return []


# --- Next.js payloads -----------------------------------------------------------------------

_FLIGHT_PUSH = re.compile(r'self\.__next_f\.push\((\[\s*1\s*,\s*"(?:[^"\\]|\\.)*"\s*\])\)', re.S)
_ROW = re.compile(rb"([0-9a-fA-F]+):")


@dataclass
class Payload:
    """JSON documents found in a page's scripts, with Next.js text rows to resolve ``$id`` refs."""

    documents: list = field(default_factory=list)
    text_rows: dict[str, str] = field(default_factory=dict)

    def resolve(self, value):
        if isinstance(value, str) and value.startswith("$") and value[1:] in self.text_rows:
            return self.text_rows[value[1:]]
        return value


def _parse_flight(stream: str, payload: Payload) -> None:
    data = stream.encode("utf-8")
    pos, n = 0, len(data)
    while pos < n:
        m = _ROW.match(data[pos:pos + 16])
        if not m:
            nl = data.find(b"\n", pos)
            if nl < 0:
                break
            pos = nl + 1
            continue
        row_id = m.group(1).decode()
        pos += m.end()
        if data[pos:pos + 1] == b"T":
            comma = data.find(b",", pos)
            length = int(data[pos + 1:comma], 16)
            payload.text_rows[row_id] = data[comma + 1:comma + 1 + length].decode("utf-8", "replace")
            pos = comma + 1 + length
            continue
        nl = data.find(b"\n", pos)
        end = n if nl < 0 else nl
        row = data[pos:end].decode("utf-8", "replace")
        pos = end + 1
        start = 0 if row[:1] in "[{" else row.find("[")
        for candidate in (row, row[start:] if start > 0 else None):
            if candidate:
                try:
                    payload.documents.append(json.loads(candidate))
                    break
                except ValueError:
                    continue


def script_payload(tree, source: str | None = None) -> Payload:
    """The JSON documents of the page's Next.js scripts (__NEXT_DATA__ and flight data). Given
    the page's source, a kind of script whose marker it does not hold is not looked for."""
    payload = Payload()
    if source is not None and "__NEXT_DATA__" not in source and "self.__next_f.push" not in source:
        return payload
    for script in tree.xpath('//script[@id="__NEXT_DATA__"]'):
        try:
            payload.documents.append(json.loads(script.text or ""))
        except ValueError:
            pass
    chunks = []
    for script in tree.xpath('//script[contains(text(), "self.__next_f.push")]'):
        for m in _FLIGHT_PUSH.finditer(script.text or ""):
            try:
                chunks.append(json.loads(m.group(1))[1])
            except (ValueError, IndexError):
                continue
    if chunks:
        _parse_flight("".join(chunks), payload)
    return payload


def _walk(node):
    """Every dict inside a JSON document, breadth-first (shallow article objects first)."""
    queue = [node]
    while queue:
        current = queue.pop(0)
        if isinstance(current, dict):
            yield current
            queue.extend(v for v in current.values() if isinstance(v, (dict, list)))
        elif isinstance(current, list):
            queue.extend(v for v in current if isinstance(v, (dict, list)))


def find_article_object(payload: Payload, body_keys: list[str], min_chars: int = 200) -> tuple[dict, str] | None:
    """The JSON object holding the longest article body among ``body_keys``, and that body."""
    best: tuple[int, dict, str] | None = None
    for document in payload.documents:
        for obj in _walk(document):
            for key in body_keys:
                value = payload.resolve(obj.get(key))
                if isinstance(value, str) and len(value) >= min_chars:
                    if best is None or len(value) > best[0]:
                        best = (len(value), obj, value)
    return (best[1], best[2]) if best else None


def object_value(obj: dict, keys: list[str], payload: Payload | None = None):
    for key in keys:
        value = obj.get(key)
        if payload is not None:
            value = payload.resolve(value)
        if value not in (None, "", [], {}):
            return value
    return None
