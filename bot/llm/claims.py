"""One model call per article text across every process on the database.

Within a process, chats asking for the same article wait for one task (`BriefingWriter`).
Across processes, the writer first claims the article text in the database with a lease: the
sender delivering an article and a webhook instance answering the "now" button for it may ask
at the same moment. Whoever takes the claim asks the model and caches the briefing; the others
watch the cache for a while (no longer than one model call would take them) and, if nothing
arrives, fall back to the extractive briefing rather than paying for a second call. A claim
whose holder died runs out with its lease, and the next writer takes it.

The claim's row is taken on a connection with a lock timeout (the sender's rounds connection,
bot.store.db.SENDER_SESSION, wired in bot.telegram.app): a session stuck inside a transaction
that holds the row would otherwise hold up the writer, and with it every delivery of the round,
without end. A claim that gives up is taken as another holder's (the writer watches the cache
for its bounded while, then shows the extractive briefing); a release that gives up is left to
run out with its lease.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from bot.briefing.model import Briefing
from bot.store.db import first_line, lock_timeouts
from bot.store.llm import LLMStore

log = logging.getLogger(__name__)
LOCK_TIMEOUTS = lock_timeouts()

# Looks at the cache start often (a model's answer may be a moment away) and slow down to this.
FIRST_POLL_SECONDS = 0.05
POLL_SECONDS = 0.5

Sleep = Callable[[float], Awaitable[object]]


class BriefingClaims:
    def __init__(
        self,
        store: LLMStore,
        holder: str,
        *,
        lease_seconds: float,
        wait_seconds: float,
        poll_seconds: float = POLL_SECONDS,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.store = store
        self.holder = holder
        self.lease_seconds = lease_seconds
        self.wait_seconds = wait_seconds
        self.poll_seconds = poll_seconds
        self._sleep = sleep

    async def write_once(
        self,
        content_hash: str,
        cached: Callable[[], Awaitable[Briefing | None]],
        write: Callable[[], Awaitable[Briefing]],
    ) -> Briefing | None:
        """The briefing `write` makes if this process takes the claim, else the one another
        process caches while we wait; None when nothing came (the caller shows less)."""
        if await self._claim(content_hash):
            try:
                # The last holder may have cached it and let go between our look and our claim.
                found = await cached()
                return found if found is not None else await write()
            finally:
                await self._release(content_hash)
        return await self._wait_for(content_hash, cached)

    async def _claim(self, content_hash: str) -> bool:
        try:
            return await self.store.claim_briefing(content_hash, self.holder, self.lease_seconds)
        except LOCK_TIMEOUTS as error:  # a session inside a transaction holds the row: theirs for now
            log.warning(
                "briefing %s: its claim row is locked by another session (%s)", content_hash[:12], first_line(error)
            )
            return False

    async def _release(self, content_hash: str) -> None:
        try:
            await self.store.release_briefing(content_hash, self.holder)
        except LOCK_TIMEOUTS as error:  # the briefing is cached already; the claim runs out with its lease
            log.warning("briefing %s: could not let go of its claim (%s)", content_hash[:12], first_line(error))

    async def _wait_for(self, content_hash: str, cached: Callable[[], Awaitable[Briefing | None]]) -> Briefing | None:
        deadline, pause = time.monotonic() + self.wait_seconds, min(FIRST_POLL_SECONDS, self.poll_seconds)
        while True:
            # The claim is looked at before the cache: a holder caches, then lets go, so a claim
            # seen gone with nothing cached after it means the holder stored nothing.
            held = await self.store.briefing_claimed(content_hash)
            found = await cached()
            if found is not None or not held or time.monotonic() >= deadline:
                return found
            await self._sleep(pause)
            pause = min(pause * 2, self.poll_seconds)
