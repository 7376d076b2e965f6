"""The flood gate: every Bot API call that posts into a chat waits here for Telegram's limits.

It is PTB's rate limiter (`ApplicationBuilder().rate_limiter(...)`), so it sees every call the
bot makes, command replies from handlers included, not only the sender's deliveries. The
limits are kept on our side, strictly, with no reliance on Telegram's bursts:

- at most `per_second` posts in any sliding one-second window, every chat together;
- at most one post per `chat_interval` to one chat;
- at most `group_per_minute` posts in any 60 s to one group, supergroup or channel.

The limits are counted as Telegram counts them, on arrival. Arrival is unknown to us, but it
lies between the moment we start a request and the moment its answer comes back, so a post
is admitted only when the limit holds even if every earlier post arrived as late as its answer:
a post still in flight counts as "just arrived". That costs one round trip per window, and
no network jitter can make us exceed a limit.

Who goes first: a reply to a person (the default for every call, so handlers need nothing)
goes ahead of bulk deliveries, which pass `rate_limit_args=SendTicket(BULK, ...)`.

Telegram's answers: 429 pauses exactly the scope it came from and resends (a 429 for one chat
pauses that chat; a second chat refused within a second means the global limit, and pauses
every send); network errors and 5xx are retried with exponential backoff; everything else
goes back to the caller.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter

from bot.settings import Settings

log = logging.getLogger(__name__)

INTERACTIVE, BULK = 0, 1  # lower goes first
ChatKey = int | str


@dataclass(frozen=True, slots=True)
class SendLimits:
    per_second: int = 30
    chat_interval: float = 1.0
    group_per_minute: int = 20

    @classmethod
    def from_settings(cls, settings: Settings) -> SendLimits:
        return cls(
            per_second=settings.send_global_per_second,
            chat_interval=settings.send_interval_per_chat_seconds,
            group_per_minute=settings.send_group_per_minute,
        )


@dataclass(frozen=True, slots=True)
class SendTicket:
    """`rate_limit_args` of a call: its priority, and a check made the moment it may go.

    `before_send` runs after the call is admitted and just before the request leaves (again
    before each resend); when it returns False the request is not made and `ClaimLost` is raised.
    The sender uses it to take a delivery's claim at the moment of sending.
    """

    priority: int = BULK
    before_send: Callable[[], Awaitable[bool]] | None = None


class ClaimLost(Exception):
    """The delivery is no longer ours to send (sent or claimed by another process); nothing was sent."""


def posts_into_chat(endpoint: str) -> bool:
    """The calls Telegram counts against the flood limits: messages sent, copied, forwarded or edited."""
    name = endpoint.lower()
    return name != "sendchataction" and name.startswith(("send", "edit", "copy", "forward"))


def is_group(chat: ChatKey) -> bool:
    """Groups, supergroups and channels have negative ids ("@name" is a channel)."""
    return isinstance(chat, str) or chat < 0


@dataclass(order=True)
class _Waiter:
    priority: int
    seq: int
    chat: ChatKey | None
    future: asyncio.Future


class FloodGate(BaseRateLimiter[SendTicket]):
    def __init__(
        self,
        limits: SendLimits = SendLimits(),
        *,
        network_retries: int = 4,
        backoff_seconds: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self.per_second = limits.per_second  # this process's share of the token's second (`share`)
        self.network_retries = network_retries
        self.backoff_seconds = backoff_seconds
        self._clock = clock
        self._waiting: list[_Waiter] = []
        self._seq = itertools.count()
        self._in_flight = 0
        self._answered: deque[float] = deque()  # answer times of the last second's posts
        self._chat_in_flight: dict[ChatKey, int] = defaultdict(int)
        self._chat_answered: dict[ChatKey, float] = {}
        self._group_answered: dict[ChatKey, deque[float]] = defaultdict(deque)
        self._paused_until = 0.0
        self._chat_paused_until: dict[ChatKey, float] = {}
        self._last_refusal: tuple[ChatKey | None, float] = (None, float("-inf"))
        self._timer: asyncio.TimerHandle | None = None
        self.refusals = 0  # 429s received, for the operator's log and the bench

    async def initialize(self) -> None:
        """Nothing to open; the gate lives in memory (pacing only, never who sends what)."""

    async def shutdown(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: SendTicket | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Wait for a slot, make the call, resend after 429s and network failures (see the module doc)."""
        ticket = rate_limit_args or SendTicket(INTERACTIVE)
        counted = posts_into_chat(endpoint)
        chat: ChatKey | None = data.get("chat_id") if counted else None
        failures = 0
        while True:
            if counted:
                await self._admit(chat, ticket.priority)
            try:
                if ticket.before_send is not None and not await ticket.before_send():
                    raise ClaimLost(f"{endpoint} to chat {chat}")
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                self._refused(chat, _seconds(error.retry_after), endpoint)
                continue
            except BadRequest:  # a subclass of NetworkError, but final
                raise
            except NetworkError as error:
                failures += 1
                if failures > self.network_retries:
                    raise
                wait = self.backoff_seconds * 2 ** (failures - 1)
                log.warning("%s failed (%s); retrying in %.1f s", endpoint, error, wait)
            finally:
                if counted:
                    self._answered_now(chat)  # before any backoff, so the slot is not held while waiting
            await asyncio.sleep(wait)

    def carry_over(self, posts: Iterable[tuple[ChatKey, float]], now: float) -> None:
        """Count posts this gate did not make (another process's, or this bot's before a restart)
        in the per-chat interval and the groups' minute windows, as answered at their times.

        `posts` are (chat, answered at) in wall-clock seconds, as the delivery log keeps them;
        `now` is the wall-clock time they were read at. A new sender calls this when it takes the
        duty over, so a group that just had its 20 posts waits out the rest of its minute."""
        offset = self._clock() - now  # wall-clock seconds to this gate's clock
        touched: set[ChatKey] = set()
        for chat, answered in posts:
            at = answered + offset
            self._chat_answered[chat] = max(self._chat_answered.get(chat, at), at)
            if is_group(chat):
                self._group_answered[chat].append(at)
                touched.add(chat)
        for chat in touched:  # the windows are read oldest first
            self._group_answered[chat] = deque(sorted(self._group_answered[chat]))

    def share(self, per_second: int) -> None:
        """Send at most `per_second` in any second from now on: this process's part of the token's
        limit when other processes post with the same token (bot.processes.reply_room)."""
        if per_second != self.per_second:
            log.info("this process now sends at most %d messages a second", per_second)
            self.per_second = per_second
            if self._waiting:
                self._pump()

    # ------------------------------------------------ admission
    async def _admit(self, chat: ChatKey | None, priority: int) -> None:
        waiter = _Waiter(priority, next(self._seq), chat, asyncio.get_running_loop().create_future())
        heapq.heappush(self._waiting, waiter)
        self._pump()
        try:
            await waiter.future
        except asyncio.CancelledError:
            if waiter.future.done() and not waiter.future.cancelled():
                self._answered_now(chat)  # admitted but never sent: give the slot back
            elif waiter in self._waiting:  # a pump may already have dropped it
                self._waiting.remove(waiter)
                heapq.heapify(self._waiting)
            raise

    def _pump(self) -> None:
        """Admit every waiter that may go now, best first; arm a timer for the next that could."""
        now = self._clock()
        self._forget_before(now)
        wake = float("inf")
        kept: list[_Waiter] = []
        while self._waiting:
            waiter = heapq.heappop(self._waiting)
            if waiter.future.done():
                # Cancelled while waiting (a stop, a lost lease): its task is on its way out and
                # takes no slot. Admitting it would raise and strand every waiter behind it.
                continue
            ready_at = self._ready_at(waiter.chat, now)
            if ready_at <= now:
                self._start(waiter.chat)
                waiter.future.set_result(None)
                continue
            kept.append(waiter)
            wake = min(wake, ready_at)
            if self._global_ready_at(now) > now:
                break  # nobody else can go either
        for waiter in kept:
            heapq.heappush(self._waiting, waiter)
        self._arm(wake)

    def _arm(self, wake: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._waiting and wake != float("inf"):
            delay = max(0.0, wake - self._clock())
            self._timer = asyncio.get_running_loop().call_later(delay, self._pump)

    def _global_ready_at(self, now: float) -> float:
        """When one more post fits the one-second window (counting posts in flight as arrived now)."""
        over = self._in_flight + len(self._answered) - self.per_second
        if over < 0:
            ready = now
        elif over >= len(self._answered):
            return float("inf")  # only an answer can free a slot, and answers pump
        else:
            ready = self._answered[over] + 1.0  # the oldest answers leave the window first
        return max(ready, now, self._paused_until)

    def _ready_at(self, chat: ChatKey | None, now: float) -> float:
        ready = self._global_ready_at(now)
        if chat is None:
            return ready
        if self._chat_in_flight.get(chat):
            return float("inf")  # its answer will pump
        ready = max(ready, self._chat_paused_until.get(chat, 0.0))
        last = self._chat_answered.get(chat)
        if last is not None:
            ready = max(ready, last + self.limits.chat_interval)
        if is_group(chat):
            window = self._group_answered.get(chat)
            if window and len(window) >= self.limits.group_per_minute:
                ready = max(ready, window[len(window) - self.limits.group_per_minute] + 60.0)
        return ready

    def _start(self, chat: ChatKey | None) -> None:
        self._in_flight += 1
        if chat is not None:
            self._chat_in_flight[chat] += 1

    def _answered_now(self, chat: ChatKey | None) -> None:
        """A post came back (or was never made): it counts as arrived now, for every window."""
        now = self._clock()
        self._in_flight -= 1
        self._answered.append(now)
        if chat is not None:
            self._chat_in_flight[chat] -= 1
            if not self._chat_in_flight[chat]:
                del self._chat_in_flight[chat]
            self._chat_answered[chat] = now
            if is_group(chat):
                self._group_answered[chat].append(now)
        self._pump()

    def _forget_before(self, now: float) -> None:
        while self._answered and self._answered[0] <= now - 1.0:
            self._answered.popleft()
        if len(self._chat_answered) > 10_000:  # a long fan-out: drop chats whose interval is long over
            horizon = now - self.limits.chat_interval
            self._chat_answered = {c: t for c, t in self._chat_answered.items() if t > horizon}
            self._group_answered = defaultdict(
                deque, {c: w for c, w in self._group_answered.items() if w and w[-1] > now - 60.0}
            )
        for window in self._group_answered.values():
            while window and window[0] <= now - 60.0:
                window.popleft()

    # ------------------------------------------------ 429
    def _refused(self, chat: ChatKey | None, retry_after: float, endpoint: str) -> None:
        """Pause the scope the 429 came from: this chat, or everything when it is the global limit."""
        now = self._clock()
        self.refusals += 1
        previous_chat, previous_at = self._last_refusal
        self._last_refusal = (chat, now)
        until = now + retry_after
        if chat is None or (previous_chat != chat and now - previous_at < 1.0):
            log.warning("429 on %s: every send waits %.0f s (global limit)", endpoint, retry_after)
            self._paused_until = max(self._paused_until, until)
        else:
            log.warning("429 on %s to chat %s: that chat waits %.0f s", endpoint, chat, retry_after)
            self._chat_paused_until[chat] = max(self._chat_paused_until.get(chat, 0.0), until)


def _seconds(retry_after: float | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)
