"""Bytes to text: gzip unwrapping, encoding detection (declared encodings are checked, not
trusted), and telling an HTML page from a plain-text dump."""

from __future__ import annotations

import codecs
import io
import re
import zlib

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom


class UnreadableInput(ValueError):
    """The bytes are not a text page (binary, truncated archive, too large once unpacked)."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason

    def __reduce__(self):            # raised in a worker process, re-raised in the crawl's
        return type(self), (self.reason, str(self))


GZIP_MAGIC = b"\x1f\x8b"

# Declared names whose real-world use is a superset encoding.
_SUPERSETS = {"euc_kr": "cp949", "ks_c_5601_1987": "cp949", "ksc5601": "cp949", "gb2312": "gb18030",
              "gbk": "gb18030", "iso8859_1": "cp1252", "latin_1": "cp1252", "ascii": "cp1252",
              "shift_jis": "cp932"}


def gunzip(body: bytes, max_size: int) -> bytes:
    """Unpack a gzip file, refusing more than ``max_size`` bytes of output (a gzip bomb)."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = io.BytesIO()
    data = body
    try:
        while data:
            chunk = decompressor.decompress(data, 1024 * 1024)
            out.write(chunk)
            if out.tell() > max_size:
                raise UnreadableInput("too_large", f"gzip data unpacks to more than {max_size} bytes")
            data = decompressor.unconsumed_tail
            if not data and not decompressor.eof:
                break
        if not decompressor.eof:
            raise UnreadableInput("truncated_gzip", "gzip data is truncated")
    except zlib.error as exc:
        raise UnreadableInput("bad_gzip", f"gzip data is corrupt: {exc}") from exc
    return out.getvalue()


#: What a page may unpack to when no limit is set (DOWNLOAD_MAXSIZE in a crawl).
MAX_UNPACKED = 50 * 1024 * 1024


def unwrap(body: bytes, max_size: int = MAX_UNPACKED) -> bytes:
    """The page bytes inside a (possibly gzip-compressed) file."""
    if body[:2] == GZIP_MAGIC:
        return gunzip(body, max_size)
    return body


def _canonical(name: str | None) -> str | None:
    if not name:
        return None
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSETS.get(name.replace("-", "_"), name)


def _decodes(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def looks_binary(body: bytes) -> bool:
    """NUL bytes or many control characters in the first 4 KB: not a text page."""
    head = body[:4096]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.05


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding). Order: BOM, strict UTF-8, the declared encoding if the bytes really
    decode with it, charset-normalizer's detection, and UTF-8 with replacement last."""
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        return body[len(bom):].decode(bom_encoding, errors="replace"), bom_encoding
    text = _decodes(body, "utf-8")
    if text is not None:
        return text, "utf-8"
    declared = [_canonical(http_content_type_encoding(content_type or "")),
                _canonical(html_body_declared_encoding(body))]
    for encoding in declared:
        if encoding:
            text = _decodes(body, encoding)
            if text is not None:
                return text, encoding
    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        encoding = _canonical(best.encoding) or best.encoding
        return body.decode(encoding, errors="replace"), encoding
    return body.decode("utf-8", errors="replace"), "utf-8"


_MARKUP = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|p|article)\b", re.I)


def is_html(text: str, url: str = "", content_type: str | None = None) -> bool:
    """HTML or a plain-text dump? Sniffs the start of the text; the name and header only break ties."""
    head = text[:4096].lstrip()
    if _MARKUP.search(head[:2048]):
        return True
    lowered = url.lower().removesuffix(".gz")
    if lowered.endswith(".txt"):
        return False
    if content_type and "text/plain" in content_type:
        return False
    return len(_MARKUP.findall(text[:20000])) >= 3
