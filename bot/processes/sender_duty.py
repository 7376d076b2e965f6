"""The sender duty: of all processes sharing a database, one at a time sends deliveries.

Telegram's limits (30 messages/s per token, 1/s per chat, 20/min per group) hold for the bot as a
whole. Rather than ask the database before every message, the processes elect one sender by a
lease (`leases` row "sender"): its flood gate (bot.telegram.ratelimit) then sees every delivery
and keeps the limits strictly, in memory. The holder renews the lease while it sends and stops
sending the moment a renewal fails; when it dies, the next process to tick after the lease ends
takes over, first waits until whatever the old holder sent has left the one-second windows, and
tells its flood gate what the delivery log shows went out in the last minute (the groups' windows).
The delivery claims (bot.store.deliveries) keep a message from going twice whatever happens.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from bot.store.db import first_line, lock_timeouts
from bot.store.leases import LeaseStore

log = logging.getLogger(__name__)
SENDER = "sender"
LOCK_TIMEOUTS = lock_timeouts()


class SenderDuty:
    def __init__(
        self,
        leases: LeaseStore,
        owner: str,
        lease_seconds: float,
        settle_seconds: float,
        carry_over: Callable[[], Awaitable[object]] | None = None,
        share: Callable[[bool], Awaitable[None]] | None = None,
    ) -> None:
        self.leases = leases
        self.owner = owner
        self.lease_seconds = lease_seconds
        # After a take-over: the old holder's last posts must leave the global and per-chat windows.
        self.settle_seconds = settle_seconds
        # ... and the groups' minute windows, which are too long to wait out: the flood gate is
        # told what the delivery log shows went out (bot.processes.take_over).
        self.carry_over = carry_over
        # Told after every take and renewal whether this process holds the duty, so its flood gate
        # takes its share of the token's second (bot.processes.reply_room).
        self.share = share
        self.held = False

    async def run_if_elected(self, work: Callable[[], Coroutine[Any, Any, None]]) -> bool:
        """Run `work` while this process holds the sender lease; False when another process holds it.

        The lease is renewed every third of its length; a renewal that fails or hangs cancels
        `work`, so this process never sends after its lease could have ended.
        """
        if not await self._take():
            return False
        task = asyncio.create_task(work())
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=self.lease_seconds / 3)
                if done:
                    task.result()
                    return True
                if not await self._renew():
                    log.warning("the sender lease went to another process; this process stops sending")
                    task.cancel()
                    await asyncio.gather(task, return_exceptions=True)
                    return True
        except asyncio.CancelledError:
            task.cancel()
            raise

    async def step_down(self) -> None:
        """A clean stop: hand the duty over at once instead of after the lease ends."""
        if self.held:
            await self.leases.release(SENDER, self.owner)
            self.held = False

    async def _take(self) -> bool:
        try:
            handed_over_at = await self.leases.take(SENDER, self.owner, self.lease_seconds)
        except BaseException:  # whether the lease is still ours is unknown: a later take starts afresh
            self.held = False
            raise
        if handed_over_at is None:
            self.held = False
            await self._share()
            return False
        if not self.held:
            log.info("this process is now the sender")
            wait = handed_over_at + self.settle_seconds - time.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if self.carry_over is not None:  # when it fails, nothing is sent: the next tick tries again
                await self.carry_over()
        self.held = True
        await self._share()
        return True

    async def _renew(self) -> bool:
        try:
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for drops a cancel (a stop) that
            # arrives together with the answer, and the holder would go on sending, stopped or not.
            async with asyncio.timeout(self.lease_seconds / 3):
                renewed = await self.leases.take(SENDER, self.owner, self.lease_seconds)
        except LOCK_TIMEOUTS as error:  # another session holds the lease row: stop; the next round asks again
            log.warning("could not renew the sender lease: %s", first_line(error))
            renewed = None
        except Exception:  # a database that hangs or fails: the lease may end before we know, so stop
            log.warning("could not renew the sender lease", exc_info=True)
            renewed = None
        self.held = renewed is not None
        await self._share()  # a lost duty too: this process's replies go back to their share at once
        return self.held

    async def _share(self) -> None:
        if self.share is None:
            return
        try:
            # Short, so a slow count cannot push the next renewal past the lease's end (a timeout,
            # not wait_for: see _renew).
            async with asyncio.timeout(self.lease_seconds / 6):
                await self.share(self.held)
        except Exception:  # the count of processes failed: the gate keeps the share it had
            log.warning("could not count the processes that answer updates", exc_info=True)
