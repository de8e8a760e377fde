"""Plain-text page dumps (a page saved as text, chrome included).

Without markup, the page is read as a column of lines: a header (masthead, menus, title, date,
deck), the body (the run of paragraphs that starts at the first line of prose), and a footer
(from the first footer line after the body: sign-off, copyright, related and ranking lists).
What counts as chrome, footer, caption, byline or date line comes from the language rules.
"""

from __future__ import annotations

import re

from newsbot.extract.common import Extraction
from newsbot.extract.titles import MIN_SUPPORT, char_pairs, support
from newsbot.processors import clean_line
from newsbot.rules import Rules

_BULLET = re.compile(r"^[•·▶▷►◆◇■□●○\-*]\s+")
_SENTENCE_END = re.compile(r"(?:[.!?。]|[다요죠음함됨임까][.!?]?)[\"'”’)\]]*\s*$")
#: a dump's first line taken as its headline when nothing precedes the body: at most this long
MAX_TITLE_CHARS = 120


def is_prose(line: str, min_chars: int = 40) -> bool:
    """A line of running text: long enough and ending like a sentence."""
    return len(line) >= min_chars and bool(_SENTENCE_END.search(line))


def _pick_title(header: list[str], body: list[str], rules: Rules) -> int | None:
    """Index of the title among header lines: the first line of some length whose words the
    body repeats (mastheads and taglines share nothing with the story), never a section name or
    a navigation label."""
    body_pairs = char_pairs(" ".join(body[:8]))
    best = None
    for i, line in enumerate(header):
        if len(line) < 8 or rules.is_not_title(line):
            continue
        overlap = support(line, body_pairs)
        if overlap >= MIN_SUPPORT:
            return i
        if best is None or overlap > best[1]:
            best = (i, overlap)
    return best[0] if best and best[1] > 0 else None


def extract_text(text: str, rules: Rules) -> Extraction:
    out = Extraction(kind="text", body_source="text")
    lines = []
    for raw in text.split("\n"):
        line = clean_line(_BULLET.sub("", raw.strip()))
        if not line:
            continue
        if raw.strip()[:1] in "•·▶" and not is_prose(line):
            lines.append(None)                      # list items: chrome, but keep the gap
            continue
        lines.append(line)

    # date lines are not content; they count only above the footer (never from related lists)
    kept: list[str | None] = []
    dates: list[tuple[int, str | None, str | None]] = []
    for line in lines:
        if line is not None:
            published, modified = rules.find_published(line), rules.find_modified(line)
            if published or modified:
                dates.append((len(kept), published, modified))
                kept.append(None)
                continue
            if rules.is_chrome(line):
                continue
        kept.append(line)

    # the body starts at the first line of prose that is not a caption
    start = next((i for i, line in enumerate(kept)
                  if line and is_prose(rules.apply_inline(line)) and not rules.is_caption(line)), None)
    if start is None:
        out.paragraphs = []
        out.title = next((line for line in kept if line), None)
        return out
    # ... and ends at the first footer line after it
    end = next((i for i in range(start, len(kept)) if kept[i] and rules.is_footer_start(kept[i])), len(kept))
    out.published = next((p for i, p, _ in dates if p and i < end), None)
    out.published_source = "date-line" if out.published else None
    out.modified = next((m for i, _, m in dates if m and i < end), None)

    header = [line for line in kept[:start] if line]
    body_zone = kept[start:end]
    footer = [line for line in kept[end:] if line]

    # captions: by the rules, or a line the page prints twice in a row (photo + enlarged photo)
    captions, body = [], []
    previous = None
    for line in header + [None] + body_zone:
        if line is None:
            previous = None
            continue
        cleaned = rules.apply_inline(line)
        if rules.is_caption(line) or (previous is not None and cleaned == previous and not is_prose(cleaned, 200)):
            if cleaned not in captions:
                captions.append(cleaned)
        previous = cleaned
    caption_set = set(captions)
    header = [line for line in header if rules.apply_inline(line) not in caption_set]
    for line in body_zone:
        if line is None:
            continue
        cleaned = rules.apply_inline(line)
        if cleaned in caption_set or len(cleaned) <= 3:
            continue
        body.append(line)

    title_at = _pick_title(header, body, rules)
    if title_at is not None:
        out.title = header[title_at]
        out.subtitles = [line for line in header[title_at + 1:] if not rules.find_byline(line)
                         and not rules.is_not_title(line)]
    elif not header and len(body) > 1 and len(body[0]) <= MAX_TITLE_CHARS:
        out.title = body.pop(0)           # a headline that reads like a sentence opens the dump
    out.paragraphs = body
    out.captions = captions

    # bylines and the outlet: in the header, the first paragraph and the footer
    publishers = []
    for line in header + body[:1] + footer:
        byline = rules.find_byline(line)
        if byline:
            out.authors.extend(byline.names)
            if byline.publisher:
                publishers.append(byline.publisher)
        publisher = rules.find_publisher(line)
        if publisher:
            publishers.append(publisher)
    # a short line right before a contact e-mail in the footer names the outlet or the writer
    for before, line in zip(footer, footer[1:]):
        if re.fullmatch(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", line) and len(before) <= 20 and not rules.find_byline(before):
            publishers.append(before)
    if publishers:
        out.publisher = max(publishers, key=lambda p: (publishers.count(p), -publishers.index(p)))
    out.article_markup = out.published is not None
    return out
