"""A file feed storage that only ever appends whole lines.

Scrapy's own FileFeedStorage writes through a buffered file: a crawl killed with SIGKILL can
leave the last line of corpus.jsonl cut in two, and the next crawl's first line glued to it. This
one opens the file unbuffered in append mode and writes each exported item (the jsonlines exporter
writes one item in one call) with as many write() calls as it takes, in practice one: a line
reaches the file whole or not at all. Configured for local paths and file:// URIs by FEED_STORAGES.
"""

from __future__ import annotations

import os

from scrapy.extensions.feedexport import FileFeedStorage


def write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd``, however many write() calls it takes (in practice one)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class _WholeWrites:
    """An append-only file whose write() never returns before all its bytes are written."""

    def __init__(self, path: str, truncate: bool):
        flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if truncate else os.O_APPEND)
        self.fd = os.open(path, flags, 0o644)
        self.closed = False

    def write(self, data: bytes) -> int:
        write_all(self.fd, data)
        return len(data)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self.fd

    def close(self) -> None:
        if not self.closed:
            os.fsync(self.fd)
            os.close(self.fd)
            self.closed = True

    # the exporters and Scrapy's post-processing only need these
    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return os.lseek(self.fd, 0, os.SEEK_END)


class LineFileFeedStorage(FileFeedStorage):
    def open(self, spider):
        path = self.path
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        return _WholeWrites(path, truncate=self.write_mode == "wb")
