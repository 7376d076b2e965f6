"""Sending as a job of its own: delivery rounds, apart from polling, while this process is the sender.

A poll (fetching, extraction, analysis, matching) can take much longer than a tick, and a
delivery must not wait behind it. So every process that ticks also runs this loop: each round
asks for the sender lease (bot.processes.sender_duty) and, when this process holds it, sends
what is due (quiet-hours catch-ups, instant briefings, digests). A round that sent something is
followed at once by the next (more may have been matched meanwhile, here or in another
process); otherwise the loop waits `interval` seconds, or less when a poll here `nudge`s it.

The sender works on database connections of its own (opened in bot.telegram.app): one for the
rounds' reads (who has news, the briefings; the writer's claims on the briefings it asks the model
for, bot.llm.claims), one for its outbox (claims and "sent" marks) and the sender lease. The flood
gate counts a message as in flight from the moment it admits it, and the delivery claim is taken in
that moment: a claim queued behind the poll's statements or the round's reads would be sending time
lost, and a lease renewal queued there could time out and stop the sending. And all statements on
one connection share its transaction: a unit of work rolled back on the poll's connection would
take with it a "sent" mark made there meanwhile, and that briefing would go out again. Nothing on
the sender's connections opens a transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from bot.processes.sender_duty import SenderDuty
from bot.store.db import first_line, lock_timeouts

log = logging.getLogger(__name__)
LOCK_TIMEOUTS = lock_timeouts()

# One round: how many messages went, and the names of the steps that failed.
Round = Callable[[], Awaitable[tuple[int, list[str]]]]


class SendingLoop:
    def __init__(self, duty: SenderDuty, round_: Round, interval: float) -> None:
        self.duty = duty
        self.round = round_
        self.interval = interval
        self.failed: list[str] = []  # steps that failed since the last heartbeat took them
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="sending")

    def nudge(self) -> None:
        """New matches were stored: a waiting loop starts its next round now."""
        self._wake.set()

    def take_failures(self) -> list[str]:
        """The steps that failed since the last call (for the heartbeat row)."""
        failed, self.failed = self.failed, []
        return failed

    async def stop(self) -> None:
        """Start no more rounds, let the current one finish (its sender starts no new message), end."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            sent = await self.round_once()
            if not sent and not self._stopping:
                # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow a stop that
                # arrives as the wake does (bot.processes.sender_duty has the same reason)
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self.interval):
                        await self._wake.wait()

    async def round_once(self) -> int:
        """One round if this process holds (or can take) the sender lease; how many messages went."""
        sent = 0

        async def work() -> None:
            nonlocal sent
            sent, failed = await self.round()
            self.failed.extend(failed)

        try:
            await self.duty.run_if_elected(work)
        except LOCK_TIMEOUTS as error:  # another session holds the lease row (bot.store.db.SENDER_SESSION)
            log.warning(
                "the sender lease row is locked by another session (%s); asked again next round", first_line(error)
            )
            self.failed.append("sender lease")
        except Exception:  # the lease could not be asked for (the database is busy or away): next round
            log.exception("could not take the sender lease; nothing is sent this round")
            self.failed.append("sender lease")
        return sent
