"""What a process that becomes the sender learns first: the posts of the last minute.

The flood gate keeps Telegram's limits in memory, so a gate that starts empty (a new sender
after a take-over, or the same bot after a restart) knows nothing of the messages the previous
sender posted. The one-second windows are waited out (bot.processes.sender_duty); a group's
20 a minute is not, so the delivery log's last minute is counted into the gate instead. Each
process's clock is taken to be in step with the others' (the leases rely on it too).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Protocol

from bot.store.deliveries import DeliveryStore

log = logging.getLogger(__name__)
GROUP_WINDOW_SECONDS = 60.0


class Gate(Protocol):
    """The flood gate (bot.telegram.ratelimit.FloodGate), as far as a take-over needs it."""

    def carry_over(self, posts: Iterable[tuple[int | str, float]], now: float) -> None: ...


async def carry_over_recent_posts(deliveries: DeliveryStore, gate: Gate) -> int:
    """Count the log's last minute of posts into `gate`; how many there were."""
    now = time.time()
    posts = await deliveries.recent_posts(now - GROUP_WINDOW_SECONDS, now)
    gate.carry_over(posts, now)
    log.info("sender duty taken: %d posts of the last minute counted into the flood gate", len(posts))
    return len(posts)
