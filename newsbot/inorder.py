"""InOrder: results handed back in the order they were asked for, whatever order they arrive in.

The worker pool answers calls in the order they were made, and the dedupe stage writes
duplicates.jsonl in the order pages reached it, though some of its verdicts wait for a line to be
written: both take a numbered Deferred and settle it when the outcome is known.
"""

from __future__ import annotations

from typing import Any

from twisted.internet.defer import Deferred
from twisted.python.failure import Failure


class InOrder:
    """Deferreds handed out in sequence and fired in that sequence, whatever order their
    outcomes arrive in."""

    def __init__(self):
        self._issued = 0
        self._due = 0
        self._pending: dict[int, Deferred] = {}
        self._outcomes: dict[int, Any] = {}

    def take(self) -> tuple[int, Deferred]:
        number, d = self._issued, Deferred()
        self._issued += 1
        self._pending[number] = d
        return number, d

    def settle(self, number: int, outcome: Any) -> None:
        """A result, or a Failure."""
        self._outcomes[number] = outcome
        while self._due in self._outcomes:
            d, outcome = self._pending.pop(self._due), self._outcomes.pop(self._due)
            self._due += 1
            if isinstance(outcome, Failure):
                d.errback(outcome)
            else:
                d.callback(outcome)
