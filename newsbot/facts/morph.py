"""Korean morphology with Kiwi (kiwipiepy): lemmas and parts of speech of the sentences that
can hold a fact, and whether a word is a proper noun.

Kiwi's model takes about a second and a few hundred MB to load, so it is loaded once per
process, on first use. Its tags: NNG/NNP nouns, VV/VA verbs and adjectives (the form is the stem: 만났다 ->
만나), SN numbers, NR numerals, NNB counters, XSN suffixes (여, 간), MM determiners (약).
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass
from functools import lru_cache

_lock = threading.Lock()
_kiwi = None


def kiwi():
    global _kiwi
    with _lock:
        if _kiwi is None:
            from kiwipiepy import Kiwi
            # no typo correction, no multi-word dictionary: the lemmas and tags facts need are the
            # same, and the model loads in about 1 s instead of 2.5. One thread (num_workers=0):
            # the worker processes are the parallelism, and a process without threads can fork.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)    # 0 meant "all cores" before 0.21
                analyser = Kiwi(num_workers=0, load_typo_dict=False, load_multi_dict=False)
            analyser.tokenize("첫 분석이 모델의 나머지를 읽는다.")   # the first analysis loads the rest (0.5 s)
            _kiwi = analyser
    return _kiwi


@dataclass(frozen=True)
class Token:
    form: str
    tag: str
    start: int
    end: int


def tokenize(sentences: list[str]) -> list[list[Token]]:
    """Tokens of each sentence, with character offsets into it."""
    if not sentences:
        return []
    analyser = kiwi()
    analysed = [analyser.tokenize(sentence) for sentence in sentences]   # a batch would need threads
    return [[Token(t.form, t.tag, t.start, t.start + t.len) for t in tokens] for tokens in analysed]


@lru_cache(maxsize=65536)
def is_proper_noun(word: str) -> bool:
    """Kiwi reads the word, alone, as one proper noun (이재용, 저커버그; not 반도체, 기업)."""
    tokens = kiwi().tokenize(word)
    return len(tokens) == 1 and tokens[0].tag == "NNP"


@lru_cache(maxsize=65536)
def only_nouns(word: str) -> bool:
    """Kiwi reads the word, alone, as nouns and determiners only (한종희, 이정배; not 예정된)."""
    return all(t.tag.startswith(("NN", "MM", "XPN", "XSN")) for t in kiwi().tokenize(word))
