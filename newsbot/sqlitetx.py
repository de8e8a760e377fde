"""One SQLite transaction, written whole or not at all, for the indexes of a data folder."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager


@contextmanager
def transaction(db: sqlite3.Connection):
    """BEGIN, the block, COMMIT; when anything in the block fails (a full disk, Ctrl-C), ROLLBACK
    and the error goes on: nothing of the block is written, and the connection takes the next
    transaction. The connection is in autocommit mode (isolation_level=None)."""
    db.execute("BEGIN")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
