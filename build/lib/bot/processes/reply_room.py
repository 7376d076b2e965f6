"""Room for replies: how the token's 30 messages a second are split between the processes that post.

The elected sender fills every second with deliveries; a process that answers updates but is not
the sender (`briefbot run` without the sender lease, every `run --webhook` instance) posts its
replies through its own flood gate, which cannot see the sender's. So the second is split, in
fixed shares, and each gate keeps its own share strictly: such a process sends at most
SEND_REPLIES_PER_SECOND a second, and the sender leaves that much free for every one of them that
is alive (has started or ticked within `ALIVE_SECONDS`, in the processes table). The shares add
up to the limit in any one-second window, whatever each process does, so none of them is
refused. Why fixed shares rather than the sender watching how many commands came in: a command
is counted a few milliseconds before its reply goes, and the sender would learn of it too late
to leave the room; a fixed share needs no message between processes and cannot be late. The
cost: while such a process lives, the sender delivers at most SEND_REPLIES_PER_SECOND a second less
per process, used or not. A single process (SQLite, or `run` holding the lease with only
workers beside it) answers and delivers through one gate, which puts replies first, and keeps
the whole limit.
"""

from __future__ import annotations

import time

from bot.store.processes import ProcessStore

# The share is the SEND_REPLIES_PER_SECOND setting. Its default of one reply a second keeps the
# sender at 29/s (2 would cost deliveries 7% of the limit, used or not: bench.scale 93%); an
# installation whose webhook instances answer many people raises it and delivers more slowly.
ANSWERING_ROLES = ("run", "webhook")
ALIVE_SECONDS = 150.0  # 2.5 ticks: a process that ticked this recently is taken to be alive


def answers_updates(role: str) -> bool:
    return role in ANSWERING_ROLES


def replies_share(per_second: int, replies_per_second: int) -> int:
    """What a process that answers updates but does not deliver may send in a second."""
    return max(1, min(replies_per_second, per_second // 2))


def sender_share(per_second: int, replies_per_second: int, answering_others: int) -> int:
    """What the sender may send in a second when `answering_others` other processes answer updates."""
    return max(1, per_second - replies_share(per_second, replies_per_second) * answering_others)


async def answering_others(processes: ProcessStore, owner: str) -> int:
    """How many live processes other than `owner` answer updates."""
    return await processes.count_alive(ANSWERING_ROLES, since=time.time() - ALIVE_SECONDS, besides=owner)
