"""`briefbot status`: what every process sharing the database last did, and the work waiting.

One line per process (its role, its last tick and how long it took, the feed checks and
deliveries it holds under a live lease, whether it is the sender), then the queue depth.
"""

from __future__ import annotations

import time

from bot.processes.sender_duty import SENDER
from bot.store import Store
from bot.store.processes import ProcessRow

# Every role writes at least once a minute (`run` ticks, a webhook instance beats); longer is suspect.
SILENT_SECONDS = 300.0


async def status_text(store: Store, now: float | None = None) -> str:
    now = time.time() if now is None else now
    rows = await store.processes.listed()
    sender = await store.leases.holder(SENDER)
    depth = await store.processes.queue_depth()
    lines = [f"processes: {len(rows)}"]
    lines += [_process_line(row, sender, now) for row in rows]
    lines.append(
        f"queue: {depth.deliveries_waiting} deliveries waiting, {depth.feeds_due} feeds due; sender: {sender or 'none'}"
    )
    return "\n".join(lines)


def _process_line(row: ProcessRow, sender: str | None, now: float) -> str:
    if row.last_tick_at is None:
        tick = "last tick: never"
    else:
        tick = f"last tick: {_ago(now - row.last_tick_at)} ago ({row.last_tick_seconds or 0:.1f} s)"
    if row.last_error:
        tick += f", failed: {row.last_error}"
    if now - (row.last_tick_at or row.started_at) > SILENT_SECONDS:
        tick += " (silent: stopped without a clean stop?)"
    duty = "  sender" if row.id == sender else ""
    return f"  {row.id}  {row.role}  {tick}  leases: {row.feeds_leased} feeds, {row.deliveries_leased} deliveries{duty}"


def _ago(seconds: float) -> str:
    seconds = max(0.0, seconds)
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.0f} h"
