"""Character n-gram shingles of a text, as 64-bit hashes.

Copies of one Korean article differ in spacing, particles, quote marks and punctuation, so
the text is reduced to its letters and digits (lower-cased; spaces, punctuation and symbols
removed) before it is cut into overlapping n-character shingles. Each shingle is read straight
out of the code-point array, four 16-bit code points to a 64-bit word, and mixed into a hash
with numpy, which keeps this step off the Python loop.
"""

from __future__ import annotations

import numpy as np

# UTF-16 code unit -> its lower-case form when it is a letter or a digit, else 0 (dropped;
# surrogates too, so characters beyond the Basic Multilingual Plane are dropped).
_FOLD_CASE = np.array([ord(chr(c).lower()[0]) if chr(c).isalnum() and len(chr(c).lower()) == 1 else
                       (c if chr(c).isalnum() else 0) for c in range(0x10000)], dtype=np.uint16)
_MUL = np.uint64(0x9E3779B97F4A7C15)       # golden-ratio multiplier (Fibonacci hashing)
_PAD = np.zeros(3, dtype=np.uint16)
_MASKS = {w: np.uint64((1 << (16 * w)) - 1) for w in (1, 2, 3)}


def letters(text: str) -> np.ndarray:
    """The text's code points, lower-cased, letters and digits only: what shingles are cut from.

    Characters beyond the Basic Multilingual Plane (emoji, rare CJK) are dropped with the rest.
    """
    units = _FOLD_CASE[np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)]
    return units[units != 0]


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """64-bit hashes of the text's `size`-character shingles, one a position.

    A text shorter than `size` characters gives a single shingle (itself); an empty text none.
    """
    units = letters(text)
    if len(units) == 0:
        return np.empty(0, dtype=np.uint64)
    width = min(size, len(units))
    count = len(units) - width + 1
    h = None
    for offset in range(0, width, 4):
        lanes = min(4, width - offset)
        if lanes == 1:
            word = units[offset:offset + count].astype(np.uint64)
        else:
            # word i holds code units i+offset .. i+offset+3 (little-endian 16-bit lanes)
            padded = units if offset + count + 3 <= len(units) else np.concatenate([units, _PAD])
            word = np.ndarray(shape=(count,), dtype=np.uint64, buffer=padded.data, offset=2 * offset, strides=(2,))
            if lanes < 4:
                word = word & _MASKS[lanes]
        h = word * _MUL if h is None else (h ^ word) * _MUL
    return h
