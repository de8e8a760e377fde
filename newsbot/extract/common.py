"""What extraction returns, and helpers shared by the HTML and text paths."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")
_NOT_LATIN = re.compile(r"[^\W\d_\u0000-\u024f]")


@dataclass
class Extraction:
    """Raw fields of one page, before the item loader and the normalize stage clean them."""

    kind: str                                    # "html" or "text"
    title: str | None = None
    subtitles: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    modified: str | None = None
    published_source: str | None = None          # where `published` was found (extract.dates.SOURCES)
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    language: str | None = None
    # signals for the validate stage
    navigation_share: float = 0.0                # share of the body in link blocks (extract.passes)
    search_query: str | None = None              # what the page's filled-in search box asks for
    article_markup: bool = False                 # JSON-LD Article, og:type article, a publication date
    body_source: str = ""                        # trafilatura | embedded | text
    extraction_pass: str = ""                    # cheap | full (HTML pages: which trafilatura passes ran)
    encoding: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def nonblank_lines(text: str) -> list[str]:
    """The text's lines, stripped, without the blank ones."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def visible_text(el) -> str:
    """An element's text with its white space folded."""
    return re.sub(r"\s+", " ", el.text_content() or "").strip()


def guess_language(text: str) -> str | None:
    """'ko' when Hangul makes up a fair share of the letters; None when there is no text."""
    sample = text[:5000]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    if len(_HANGUL.findall(sample)) / letters > 0.3:
        return "ko"
    if not _NOT_LATIN.search(sample):
        return "en"
    return None


_SEPARATORS = r"\s*(?:[-|ㅣ:–—·•»]|::)\s*"


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """'Headline - 매일경제' / 'Headline-정치ㅣ한국일보' / '매일경제 | Headline' -> 'Headline'."""
    title = re.sub(r"\s+", " ", title.replace("\xa0", " ")).strip()
    for name in site_names:
        name = re.escape(name.strip())
        if not name:
            continue
        # suffix: separator, an optional short section name and separator, the site name
        stripped = re.sub(rf"{_SEPARATORS}(?:[^-|ㅣ:–—·•»]{{1,12}}{_SEPARATORS})?{name}\s*$", "", title)
        stripped = re.sub(rf"^{name}{_SEPARATORS}", "", stripped)
        if stripped and stripped != title:
            return stripped.strip()
    return title
