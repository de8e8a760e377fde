"""The headline as the page shows it, chosen among the candidates the page gives.

Candidates come in order of trust: structured data (JSON-LD headline, <meta> headline, an
embedded payload's title), og:title and twitter:title, the <title> element, the page's <h1>
and <h2> headings, trafilatura's guess. Each is cleaned (the site's name taken off) and cut
down to a heading the page shows when it merely wraps one ("대전일보 모바일 :: HEADLINE").
The title is the first candidate that is not a site name, a style sheet fragment or a
navigation label, and that the body bears out (a share of its character pairs recur in the
first paragraphs): a section name ("산업 전기·전자") or a menu label shares nothing with the story.
"""

from __future__ import annotations

import re

from newsbot.extract.common import strip_site_suffix

#: a candidate is borne out by the body when this share of its character pairs recur there
MIN_SUPPORT = 0.3
#: the body's first characters the candidates are checked against
BODY_PREFIX = 2000
#: what may wrap a shown heading in a longer candidate: separators and a short site or section name
_WRAPPER = re.compile(r"^[\s\-|ㅣ:–—·•»/\[\]()<>]*[^\s\-|ㅣ:–—·•»]{0,3}(?:[^\-|ㅣ:–—·•»]{0,20}[\s\-|ㅣ:–—·•»]+)?$")
_NOT_WORD = re.compile(r"[\W_]+")
#: a style sheet rule: braces around a property and its value (".ad{display:none}"), an @media block
STYLE_RULE = re.compile(r"\{[^{}]*[\w-]\s*:[^{}]*\}|^\s*@(?:media|import|font-face)\b")
_SPACES = re.compile(r"\s+")


def char_pairs(text: str) -> set[str]:
    """The text's pairs of adjacent letters or digits, lower-cased (spaces and marks left out)."""
    text = _NOT_WORD.sub("", text.lower())
    return {text[i:i + 2] for i in range(len(text) - 1)}


def support(title: str, body: str | set[str]) -> float:
    """The share of the title's character pairs that recur in the body (or in its pairs)."""
    pairs = char_pairs(title)
    body_pairs = body if isinstance(body, set) else char_pairs(body[:BODY_PREFIX])
    return len(pairs & body_pairs) / len(pairs) if pairs else 0.0


def unwrap(candidate: str, headings: list[str]) -> str:
    """The heading a candidate wraps, if it is one of the page's headings with only separators and
    a short name around it; else the candidate."""
    for heading in headings:
        if len(heading) >= 8 and heading != candidate and heading in candidate:
            rest = candidate.replace(heading, " ", 1)
            if _WRAPPER.match(rest):
                return heading
    return candidate


def is_junk(candidate: str, site_names: list[str], not_titles) -> bool:
    """A site's name, a style sheet fragment, or a label the language rules call navigation."""
    folded = candidate.casefold()
    return bool(STYLE_RULE.search(candidate)) or any(folded == name.casefold() for name in site_names) \
        or not_titles(candidate)


def choose_title(candidates: list, headings: list[str], body: str, site_names: list[str],
                 not_titles=lambda line: False) -> str | None:
    """The title (see the module's docstring); None when the page gives no usable candidate."""
    cleaned = []
    for value in candidates:
        if not isinstance(value, str) or not value.strip():
            continue
        title = unwrap(strip_site_suffix(_SPACES.sub(" ", value).strip(), site_names), headings)
        if title and title not in cleaned and not is_junk(title, site_names, not_titles):
            cleaned.append(title)
    if not cleaned:
        return None
    if len(cleaned) == 1 or not body.strip():
        return cleaned[0]
    body_pairs = char_pairs(body[:BODY_PREFIX])
    return next((title for title in cleaned if support(title, body_pairs) >= MIN_SUPPORT), cleaned[0])
