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
    """An append-only file whose write() never returns before all its bytes are written.

    A write that fails (a full disk, the file size limit, an unusable folder) is not raised into
    the feed exporter, which would log it and go on as if the line were written: it is reported
    once to `on_error` (the data folder stops the crawl and forgets the article), and every write
    after it is refused the same way, so no line lands after a cut one."""

    def __init__(self, path: str, truncate: bool, on_error=None):
        self.path = path
        self.on_error = on_error
        self.error: OSError | None = None
        self.closed = False
        self.fd = -1
        try:
            flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if truncate else os.O_APPEND)
            self.fd = os.open(path, flags, 0o644)
        except OSError as exc:
            self._failed(exc)

    def _failed(self, exc: OSError) -> None:
        self.error = self.error or exc
        if self.on_error is not None:
            self.on_error(f"cannot write to {self.path}: {exc.strerror or exc}")

    def write(self, data: bytes) -> int:
        if self.error is None:
            try:
                write_all(self.fd, data)
                return len(data)
            except OSError as exc:
                self._failed(exc)
                return 0
        self._failed(self.error)
        return 0

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self.fd

    def close(self) -> None:
        if not self.closed and self.fd >= 0:
            try:
                os.fsync(self.fd)
            except OSError as exc:
                self._failed(exc)
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
    """Scrapy's file storage, written a whole line at a time; a failed write stops the crawl
    through the data folder (newsbot.datadir.DataDir.output_failed) instead of being logged and
    passed over."""

    def __init__(self, uri: str, *, feed_options=None, crawler=None):
        super().__init__(uri, feed_options=feed_options)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler, uri: str, *, feed_options=None):
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def _on_error(self, message: str) -> None:
        if self.crawler is not None:
            from newsbot.datadir import DataDir
            DataDir.from_crawler(self.crawler).output_failed(message)

    def open(self, spider):
        path = self.path
        try:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        except OSError:
            pass                           # reported by the open below
        return _WholeWrites(path, truncate=self.write_mode == "wb", on_error=self._on_error)
