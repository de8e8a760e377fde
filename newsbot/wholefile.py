"""A file written whole or not at all: a temporary file beside it, fsynced, renamed over it.

Readers (pandas, DuckDB, another tool while a crawl runs) see the old file or the new one, never
a part. A process killed while writing leaves a ``.NAME.XXXX`` file, which the data folder removes
when it is next locked (DataDir.remove_stale_temporaries). The file gets the mode an ordinary
new file gets (0644 under the usual umask), not mkstemp's 0600.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def whole_file(path: str | Path, newline: str | None = None, sync: bool = True):
    """A text file handle (UTF-8) whose content replaces `path` when the block ends without error;
    fsynced first unless `sync` is false (a file made anew from others, such as the report's pages,
    needs the rename's all-or-nothing but not the disk's wait)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
