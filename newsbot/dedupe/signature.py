"""MinHash signatures (rensa) and the LSH band keys made from them.

A signature keeps the low 16 bits of each of `num_perm` MinHash values (b-bit MinHash):
two documents agree on a position with probability J + (1 - J) / 65536, so the share of
equal positions estimates their Jaccard similarity J, and a signature costs 2 bytes a
permutation on disk. Band keys are made from the first `bands * rows` positions: a band's
16-bit values packed side by side, with the band's number in the top bits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rensa import RMinHash

from newsbot.dedupe.shingles import shingle_hashes



@dataclass(frozen=True)
class MinHasher:
    """Text -> signature, with the parameters that make signatures comparable."""

    shingle_size: int = 5
    num_perm: int = 256
    seed: int = 1
    bands: int = 32
    rows: int = 2

    def __post_init__(self):
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"{self.bands} bands x {self.rows} rows need more than {self.num_perm} permutations")
        if not 1 <= self.rows <= 3:
            raise ValueError("a band packs 1 to 3 rows of 16 bits into its 64-bit key")
        band_ids = np.arange(self.bands, dtype=np.uint64) << np.uint64(48)
        shifts = np.arange(self.rows, dtype=np.uint64) * np.uint64(16)
        object.__setattr__(self, "_band_ids", band_ids)
        object.__setattr__(self, "_shifts", shifts)

    def signature(self, text: str) -> np.ndarray:
        """uint16[num_perm]; all zeros for a text with no letters."""
        shingles = shingle_hashes(text, self.shingle_size)
        if len(shingles) == 0:
            return np.zeros(self.num_perm, dtype=np.uint16)
        offsets = np.array([0, len(shingles)], dtype=np.uint64)
        digest = RMinHash.digest_matrix_from_flat_token_hashes(shingles, offsets, self.num_perm, self.seed)
        return (np.asarray(digest.to_rows()[0], dtype=np.uint32) & 0xFFFF).astype(np.uint16)

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """uint64[..., bands]: a band's values packed into one key, its number in the top 16 bits."""
        sig = np.asarray(signatures)
        if sig.ndim == 1 and self.rows == 2:        # one page (the common case): one view, no arithmetic
            return sig[: 2 * self.bands].view(np.uint32).astype(np.uint64) | self._band_ids
        cols = sig[..., : self.bands * self.rows].reshape(*sig.shape[:-1], self.bands, self.rows)
        packed = (cols.astype(np.uint64) << self._shifts).sum(axis=-1, dtype=np.uint64)
        return packed | self._band_ids

    def params(self) -> dict:
        return {"shingle_size": self.shingle_size, "num_perm": self.num_perm, "seed": self.seed}


def similarity(signature: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of one signature to each row of `others`."""
    return (np.asarray(others) == signature).mean(axis=-1)
