"""Where a poll cycle's time went: seconds spent awaiting each stage, for the cycle's log line.

Feed checks run side by side, so a stage's figure is the sum over every check that
awaited it and the stages add up to more than the cycle's wall time; what they show is
the split (a stage that grows while the others stay put is the one holding the cycle
up, and a long wait for the database with little work in it is a queue, not a query).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class StageClock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    def line(self) -> str:
        return " ".join(f"{name}={seconds:.2f}s" for name, seconds in self.seconds.items())
