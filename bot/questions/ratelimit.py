"""Per-user sliding-window limit on questions (they may cost model tokens).

In one process the window is kept in memory. Processes sharing a PostgreSQL database count it
there (bot.store.rate_windows), as the command gate does: behind a load balancer one person's
questions reach several webhook instances, and QUESTIONS_PER_MINUTE is that person's, not
each instance's.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

from bot.store import Store
from bot.store.db import storage_errors
from bot.store.rate_windows import RateWindowStore

log = logging.getLogger(__name__)

QUESTIONS = "questions"  # the shared window's scope
_STORAGE_ERRORS = storage_errors()


class QuestionLimit(Protocol):
    async def take(self, user_id: int) -> float:
        """0 when the question may go ahead (and is counted), else seconds to wait."""
        ...


class RateLimiter:
    """At most `per_minute` questions per user in any 60-second window, in memory."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._asked: dict[int, deque[float]] = {}

    def allow(self, user_id: int) -> float:
        """0 when the question may go ahead (and is counted), else seconds to wait."""
        now = self.clock()
        asked = self._asked.setdefault(user_id, deque())
        while asked and asked[0] <= now - 60:
            asked.popleft()
        if len(asked) >= self.per_minute:
            return max(1.0, asked[0] + 60 - now)
        asked.append(now)
        if len(self._asked) > 10_000:  # forget idle users so memory stays bounded
            self._asked = {u: d for u, d in self._asked.items() if d and d[-1] > now - 60}
        return 0.0

    async def take(self, user_id: int) -> float:
        return self.allow(user_id)


class SharedRateLimiter:
    """The same window counted in the database, shared by every process that uses it. When the
    database does not answer, this process's own window decides: a question is not refused for
    a reason the person could not see."""

    def __init__(
        self, per_minute: int, windows: RateWindowStore, scope: str = QUESTIONS, clock: Callable[[], float] = time.time
    ) -> None:
        self.per_minute = per_minute
        self.windows = windows
        self.scope = scope
        self.clock = clock  # wall-clock time, the same in every process
        self.fallback = RateLimiter(per_minute)

    async def take(self, user_id: int) -> float:
        try:
            return await self.windows.take(self.scope, user_id, self.per_minute, self.clock())
        except _STORAGE_ERRORS as error:
            log.debug("user %s: the shared question window is unavailable (%s); counting here", user_id, error)
            return self.fallback.allow(user_id)


def question_limit(per_minute: int, store: Store) -> QuestionLimit:
    """Counted in the database when processes may share it (PostgreSQL), else in memory."""
    if store.postgres:
        return SharedRateLimiter(per_minute, store.rate_windows)
    return RateLimiter(per_minute)
