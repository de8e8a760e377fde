"""Shingles ignore what copies change freely (spacing, punctuation, case); signatures estimate Jaccard."""

import numpy as np

from newsbot.dedupe.shingles import letters, shingle_hashes
from newsbot.dedupe.signature import MinHasher, similarity


def test_letters_drop_spacing_punctuation_and_case():
    assert letters("A b, ‘가나’ 1!") .tolist() == [ord(c) for c in "ab가나1"]


def test_shingles_are_the_same_whatever_the_spacing():
    assert (shingle_hashes("삼성전자 회장은 미국 출장을", 5) == shingle_hashes("삼성전자회장은  미국출장을.", 5)).all()


def test_one_hash_a_position_and_short_texts_give_one_shingle():
    assert len(shingle_hashes("가나다라마바사", 5)) == 3
    assert len(shingle_hashes("가나", 5)) == 1
    assert len(shingle_hashes(" ,.", 5)) == 0
    assert len(set(shingle_hashes("가나다라마바사아자차", 5).tolist())) == 6


def test_signature_estimates_jaccard():
    hasher = MinHasher()
    a = "".join(chr(0xAC00 + (i * 37) % 11172) for i in range(2000))
    b = a[:1500] + "".join(chr(0xAC00 + (i * 91) % 11172) for i in range(500))
    sa, sb = hasher.signature(a), hasher.signature(b)
    x, y = set(shingle_hashes(a, 5).tolist()), set(shingle_hashes(b, 5).tolist())
    assert abs(float(similarity(sa, sb)) - len(x & y) / len(x | y)) < 0.08
    assert similarity(sa, sa) == 1.0
    assert not hasher.signature("").any()


def test_band_keys_of_one_signature_and_of_many_agree():
    hasher = MinHasher()
    sigs = np.stack([hasher.signature("가나다라마바사아자차카타파하" * k) for k in (1, 2)])
    assert (hasher.band_keys(sigs)[1] == hasher.band_keys(sigs[1])).all()
    assert len(set(hasher.band_keys(sigs[0]).tolist())) == hasher.bands       # bands never collide
