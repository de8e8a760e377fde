"""A compact in-memory multimap from 64-bit keys to row numbers, built on sorted numpy arrays.

Used for the LSH band table (band key -> documents) and for the id and content-hash lookups.
New entries collect in a dict and are merged into the sorted arrays in chunks (a linear
merge, never a full re-sort), so adding stays cheap as the map grows. A lookup searches a
small array of fences (every 16th key, which stays in cache) and then reads one 16-key block
of the big array, instead of a binary search that misses the cache at every level.
About 16 bytes an entry.
"""

from __future__ import annotations

from itertools import repeat

import numpy as np

BLOCK = 16
_LANES = np.arange(BLOCK)


class Multimap:
    def __init__(self, merge_every: int = 65536):
        self.merge_every = merge_every              # entries held in the dict before a merge (at least)
        self._keys = np.empty(0, dtype=np.uint64)
        self._rows = np.empty(0, dtype=np.int64)
        self._fences = np.empty(0, dtype=np.uint64)
        self._padded = self._keys
        self._recent: dict[int, int] = {}           # key -> the first recent row
        self._more: dict[int, list[int]] = {}       # key -> later recent rows

    def __len__(self) -> int:
        return len(self._keys) + len(self._recent) + sum(len(v) for v in self._more.values())

    def add(self, row: int, keys: np.ndarray | list[int]) -> None:
        """Map each of `keys` to `row` (as well as to whatever they already map to)."""
        keys = keys.tolist() if isinstance(keys, np.ndarray) else keys
        clash = self._recent.keys() & keys
        if clash:
            for key in clash:
                self._more.setdefault(key, []).append(row)
            keys = [key for key in keys if key not in clash]
        self._recent.update(zip(keys, repeat(row)))
        if len(self._recent) >= max(self.merge_every, len(self._keys) // 16):
            self._merge()

    def add_many(self, rows: np.ndarray, keys: np.ndarray) -> None:
        """Bulk load: rows int64[n], keys uint64[n, k] (k keys a row)."""
        self._merge()
        flat_rows = np.repeat(np.asarray(rows, dtype=np.int64), keys.shape[1] if keys.ndim > 1 else 1)
        self._insert(keys.reshape(-1).astype(np.uint64), flat_rows)

    def get(self, keys: np.ndarray | list[int]) -> set[int]:
        """Rows mapped from at least one of `keys`."""
        keys = np.asarray(keys, dtype=np.uint64)
        found: set[int] = set()
        if len(self._fences):
            # block b has fences[b] <= key < fences[b + 1]: if the key is there, it is in block b
            at = (self._fences.searchsorted(keys, side="right") - 1)[:, None] * BLOCK + _LANES
            equal = self._padded[at] == keys[:, None]
            if equal.any():
                positions = at[equal]
                found.update(self._rows[positions[positions < len(self._keys)]].tolist())
                # a key at either end of its block may have more entries in the next or last block
                edge = equal[:, 0] | equal[:, -1]
                if edge.any():
                    lo = self._keys.searchsorted(keys[edge], side="left")
                    hi = self._keys.searchsorted(keys[edge], side="right")
                    for a, b in zip(lo.tolist(), hi.tolist()):
                        found.update(self._rows[a:b].tolist())
        if self._recent:
            for key in self._recent.keys() & keys.tolist():
                found.add(self._recent[key])
                found.update(self._more.get(key, ()))
        return found

    def _merge(self) -> None:
        if not self._recent:
            return
        keys = np.fromiter(self._recent.keys(), dtype=np.uint64, count=len(self._recent))
        rows = np.fromiter(self._recent.values(), dtype=np.int64, count=len(self._recent))
        if self._more:
            more = [(k, r) for k, rs in self._more.items() for r in rs]
            keys = np.concatenate([keys, np.array([k for k, _ in more], dtype=np.uint64)])
            rows = np.concatenate([rows, np.array([r for _, r in more], dtype=np.int64)])
        self._recent, self._more = {}, {}
        self._insert(keys, rows)

    def _insert(self, keys: np.ndarray, rows: np.ndarray) -> None:
        order = np.argsort(keys, kind="stable")
        keys, rows = keys[order], rows[order]
        at = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, at, keys)
        self._rows = np.insert(self._rows, at, rows)
        # fences[0] is 0 so every key falls in some block; the padding (copies of the last
        # key, found again by the exact search) lets a block be read past the end
        self._fences = self._keys[::BLOCK].copy()
        self._fences[0] = 0
        self._padded = np.concatenate([self._keys, np.repeat(self._keys[-1:], BLOCK)])
