"""The multimap finds every row a key maps to, before and after its dict is merged into arrays."""

import random

import pytest

from newsbot.dedupe.multimap import Multimap


@pytest.mark.parametrize("merge_every", [1, 3, 50, 10**6])
def test_every_key_maps_to_every_row_it_was_given(merge_every):
    rng = random.Random(merge_every)
    table, truth = Multimap(merge_every=merge_every), {}
    for row in range(400):
        keys = [rng.randrange(60) if rng.random() < 0.5 else rng.getrandbits(64) for _ in range(rng.randint(1, 5))]
        table.add(row, keys)
        for key in keys:
            truth.setdefault(key, set()).add(row)
    for key, rows in truth.items():
        assert table.get([key]) == rows
    assert table.get([k for k in range(60, 70) if k not in truth]) == set()
    assert table.get([2**64 - 1]) == truth.get(2**64 - 1, set())


def test_bulk_load_and_lookups_of_many_keys():
    table = Multimap()
    import numpy as np
    table.add_many(np.array([1, 2]), np.array([[10, 11], [11, 12]], dtype=np.uint64))
    table.add(3, [12])
    assert table.get([10, 12]) == {1, 2, 3}
    assert len(table) == 5
