"""Per-user sliding-window limit on questions (they may cost model tokens)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


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
