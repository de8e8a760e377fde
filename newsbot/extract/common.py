"""What extraction returns, and helpers shared by the HTML and text paths."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")
_NOT_LATIN = re.compile(r"[^\W\d_\u0000-\u024f]")
#: how much of a text its language is guessed from
SAMPLE_CHARS = 5000
#: letters a Latin text needs for its language to be identified rather than taken for English
IDENTIFY_LETTERS = 200


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


def guess_language(text: str, latin_default: str | None = "en") -> str | None:
    """The language the text is written in: 'ko' when Hangul makes up a fair share of the letters;
    for a text in Latin letters, what py3langid identifies when there are enough of them to tell
    (IDENTIFY_LETTERS: German and English look alike in a headline), else `latin_default`; None
    when there is no text or it is in another script."""
    sample = text[:SAMPLE_CHARS]
    count = letters(sample)
    if not count:
        return None
    if len(_HANGUL.findall(sample)) / count > 0.3:
        return "ko"
    if not _NOT_LATIN.search(sample):
        return (identify_language(sample) if count >= IDENTIFY_LETTERS else None) or latin_default
    return None


def letters(text: str) -> int:
    """Letters (of any script) in the opening SAMPLE_CHARS of a text: what guess_language reads."""
    return len(_LETTER.findall(text[:SAMPLE_CHARS]))


def identify_language(text: str) -> str | None:
    """py3langid's language of a text, as an ISO 639-1 code (None for the few it names otherwise,
    such as pcm); its model loads on the first call, about half a second."""
    import py3langid

    language = py3langid.classify(text)[0]
    return language if len(language) == 2 else None


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
