"""Author names: from a byline string to names only (no 기자, no e-mail, no '외 1명')."""

from __future__ import annotations

import re

from newsbot.processors import clean_line

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_OTHERS = re.compile(r"\s*(?:외|등)\s*\d*\s*(?:명|인)?\s*$")
_BRACKETS = re.compile(r"[\[\](){}<>]")
_KOREAN_NAME = re.compile(r"^[가-힣]{2,5}$")
#: a name in an alphabet: one to four words of letters (any alphabet's: Durán, Torres-Guillén), the
#: first a capital
_LATIN_NAME = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.\-])*(?:\s+[^\W\d_](?:[^\W\d_]|['’.\-])*){0,3}$")


def split_authors(value: str) -> list[str]:
    """'홍길동·김철수 기자' / '홍길동, 김철수' / '홍길동; 김철수' / '매체 | 포털' -> parts."""
    return [part for part in re.split(r"\s*(?:[,;·/|]|\band\b|\s및\s)\s*", value) if part.strip()]


def clean_author(value: str | None, job_titles: list[str]) -> str | None:
    """One author string -> a person's name, or None when it is not one."""
    value = clean_line(value)
    if not value:
        return None
    value = _EMAIL.sub(" ", value)
    value = value.rsplit("=", 1)[-1]                 # a credit label before the name: 정리=홍길동
    value = _BRACKETS.sub(" ", value)
    value = _OTHERS.sub("", value.strip())
    titles = sorted(job_titles, key=len, reverse=True)
    changed = True
    while changed and value:
        changed = False
        for title in titles:
            stripped = re.sub(rf"\s*{re.escape(title)}\s*$", "", value).strip()
            if stripped != value:
                value, changed = stripped, True
    value = re.sub(r"\s+", " ", value).strip(" =-/|")
    if _KOREAN_NAME.match(value) or (_LATIN_NAME.match(value) and value[0].isupper()):
        return value
    return None


def clean_authors(values, job_titles: list[str], not_names: set[str] = frozenset()) -> list[str]:
    """Several author strings -> unique names, in order, leaving out outlet names."""
    names = []
    for value in values or []:
        for part in split_authors(value) if isinstance(value, str) else []:
            name = clean_author(part, job_titles)
            if name and name not in not_names and name not in names:
                names.append(name)
    return names
