"""One SQLite transaction: written whole, or (when the block fails) not at all, and the connection
goes on."""

import sqlite3

import pytest

from newsbot.sqlitetx import transaction


def test_a_failed_block_writes_nothing_and_the_next_transaction_is_taken():
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("CREATE TABLE t(x INTEGER)")
    with pytest.raises(RuntimeError):
        with transaction(db):
            db.execute("INSERT INTO t VALUES(1)")
            raise RuntimeError("disk full")
    assert not db.in_transaction and db.execute("SELECT count(*) FROM t").fetchone() == (0,)
    with transaction(db):
        db.execute("INSERT INTO t VALUES(2)")
    assert db.execute("SELECT x FROM t").fetchall() == [(2,)]
