"""Field processors: small pure functions, in the style of itemloaders' processors.

Each takes one value and returns the cleaned value (or None to drop it). They are used by
the ArticleLoader and by the pipelines, and can be used on their own.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
import re
import unicodedata
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(value: str | None) -> str | None:
    """NFC, no invisible characters, runs of white space folded to one space, stripped."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    value = _SPACES.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = "\n".join(line.strip() for line in value.split("\n")).strip()
    return value or None


def clean_line(value: str | None) -> str | None:
    """clean_text, then line breaks folded too: for titles, names, captions."""
    value = clean_text(value)
    return re.sub(r"\s+", " ", value) if value else None


def clean_paragraphs(value: str | None) -> str | None:
    """Body text: one paragraph a line, no empty lines."""
    value = clean_text(value)
    if not value:
        return None
    return "\n".join(line for line in value.split("\n") if line)


def unique(values):
    """Order-preserving de-duplication (a caption shown twice is kept once)."""
    seen, out = set(), []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return out


# --- dates ------------------------------------------------------------------------------

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-./년]\s*(?P<m>\d{1,2})\s*[-./월]\s*(?P<d>\d{1,2})\s*(?:일|\.)?"
    r"(?:\s*\([^)]{1,3}\))?"                                   # (토), (Sat)
    r"(?:[T\s]*(?P<ampm>오전|오후|AM|PM|am|pm)?\s*"
    r"(?P<H>\d{1,2})\s*[:시]\s*(?P<M>\d{2})\s*분?(?:\s*:\s*(?P<S>\d{2})\s*초?)?(?P<frac>\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|KST|UTC|GMT)?"
)
_COMPACT = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?$")


def parse_datetime(value: str | None, tz: str = "Asia/Seoul", keep_offset: bool = False):
    """A date or date-time as written on a news page -> (datetime | date, has_time), or None.

    Local times without an offset are taken in ``tz``; times with an offset are converted to it,
    or, with ``keep_offset``, kept in the offset the page wrote (a New York page's -05:00).
    """
    if not value:
        return None
    value = clean_line(str(value))
    if not value:
        return None
    m = _COMPACT.match(value) or _DATE.search(value)
    if not m:
        return None
    g = m.groupdict()
    try:
        y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
        if g.get("H") is None:
            return datetime(y, mo, d).date(), False
        hour, minute, sec = int(g["H"]), int(g["M"]), int(g.get("S") or 0)
        ampm = (g.get("ampm") or "").lower()
        if ampm in ("오후", "pm") and hour < 12:
            hour += 12
        elif ampm in ("오전", "am") and hour == 12:
            hour = 0
        naive = datetime(y, mo, d, hour, minute, sec)
    except ValueError:
        return None
    zone = ZoneInfo(tz)
    offset = g.get("tz")
    if offset is None:
        aware = naive.replace(tzinfo=zone)
    elif offset == "KST":
        aware = naive.replace(tzinfo=ZoneInfo("Asia/Seoul"))
    elif offset in ("Z", "UTC", "GMT"):
        aware = naive.replace(tzinfo=timezone.utc)
    else:
        sign = 1 if offset[0] == "+" else -1
        digits = offset[1:].replace(":", "")
        aware = naive.replace(tzinfo=timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))))
    return (aware if keep_offset else aware.astimezone(zone)), True


def to_iso_datetime(value: str | None, tz: str = "Asia/Seoul", keep_offset: bool = False) -> str | None:
    """ISO 8601 with offset, always a full timestamp (``2024-06-14T10:44:00+09:00``), so that
    pandas and DuckDB load the column as timestamps: a page that gives only the day gets its
    midnight in ``tz`` (date_precision() tells it apart). A time the page wrote with an offset
    is converted to ``tz``, or kept in its own offset with ``keep_offset``."""
    parsed = parse_datetime(value, tz, keep_offset)
    if parsed is None:
        return None
    moment, has_time = parsed
    if not has_time:
        moment = datetime.combine(moment, datetime.min.time(), ZoneInfo(tz))
    return moment.isoformat(timespec="seconds")


def numeric_date(written: str, months) -> str:
    """A date written with its month's name (June 13, 2024 10:03; 13 June 2024) with the month's
    number in its place (2024-06-13 10:03), by the language's month names (lower case, January
    first); any other date as it is."""
    if not months:
        return written
    m = re.match(r"\s*(?:(?P<mon>[^\W\d_]{3,})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?|(?P<d2>\d{1,2})\s+(?P<mon2>[^\W\d_]{3,})\.?,?)"
                 r"\s+(?P<y>(?:19|20)\d{2})(?:,?\s*(?:at\s+)?(?P<h>\d{1,2}):(?P<min>\d{2})(?P<s>:\d{2})?"
                 r"(?:\s*(?P<ampm>[ap])\.?m\b\.?)?)?", written, re.IGNORECASE)
    name = (m["mon"] or m["mon2"]).lower() if m else ""
    # the month's name or the start of it (Jun, Sept)
    month = next((i for i, full in enumerate(months, 1) if full.startswith(name)), None) if name else None
    if month is None:
        return written
    time = ""
    if m["h"]:
        hour = int(m["h"]) % 12 + (12 if (m["ampm"] or "").lower() == "p" else 0) if m["ampm"] else int(m["h"])
        time = f" {hour:02d}:{m['min']}{m['s'] or ''}"
    return f"{m['y']}-{month:02d}-{int(m['d'] or m['d2']):02d}{time}" + written[m.end():]


def date_precision(value: str | None) -> str | None:
    """How precise a date as written is: ``day``, ``minute`` or ``second``; None if unreadable."""
    if not value:
        return None
    value = clean_line(str(value)) or ""
    m = _COMPACT.match(value) or _DATE.search(value)
    if not m:
        return None
    g = m.groupdict()
    if g.get("H") is None:
        return "day"
    return "second" if g.get("S") is not None else "minute"


# --- URLs and hashes -----------------------------------------------------------------------

def host_of(url: str | None) -> str | None:
    """Host name of a web URL without ``www.``/``m.``; None for file:// and the like."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return re.sub(r"^(?:www|m|mobile)\.", "", parts.hostname.lower())


@lru_cache(maxsize=1)
def _domains():
    import tldextract
    # the public suffix list that ships with tldextract: no download, ever
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def site_of(url: str) -> str | None:
    """The registered domain of a web URL (news.mk.co.kr -> mk.co.kr); for an IP address, the
    address and port (two ports on one address are two servers)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    found = _domains()(host)
    domain = found.top_domain_under_public_suffix if hasattr(found, "top_domain_under_public_suffix") \
        else found.registered_domain
    if domain:
        return domain
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port or {'http': 80, 'https': 443}[parts.scheme]}"


def trusted_canonical(canonical: str, url: str) -> bool:
    """Whether a page at `url` may name `canonical` as its canonical URL: a web URL on the same
    registered domain as the page, so a page on one site cannot take another site's article
    id. A saved file the user named with no URL of its own (a file:// url) may name any web URL."""
    site = site_of(canonical)
    if site is None:
        return False
    return url.startswith("file:") or site == site_of(url)


def stable_id(canonical_url: str) -> str:
    """Stable record id: the first 16 hex digits of SHA-256 of the canonical URL."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    """Hash of the normalized body text (white space folded, NFC)."""
    normalized = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()
    return "sha256:" + hashlib.sha256(normalized.encode("utf-8")).hexdigest()


DEFAULT_TRACKING_PARAMS = ("utm_*", "fbclid", "gclid", "trc", "sc", "OutUrl", "input")


def canonicalize_url(url: str, tracking_params=DEFAULT_TRACKING_PARAMS) -> str:
    """Lower-cased scheme and host, no fragment, no tracking parameters (``utm_*`` style
    prefixes allowed); the remaining query is kept in its order."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return url
    patterns = [p.lower() for p in (tracking_params or DEFAULT_TRACKING_PARAMS)]

    def tracking(name: str) -> bool:
        name = name.lower()
        return any(name.startswith(p[:-1]) if p.endswith("*") else name == p for p in patterns)

    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not tracking(k)]
    netloc = parts.netloc.lower()
    if (parts.scheme == "http" and netloc.endswith(":80")) or (parts.scheme == "https" and netloc.endswith(":443")):
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))
