"""The outbox: how one message goes out, exactly once, whatever Telegram answers.

Every message the bot pushes (briefings, digests, channel posts, catch-ups) goes through
`Outbox.send`; the pacing itself is the flood gate's (bot/telegram/ratelimit.py), which also
paces command replies made straight from handlers. Given an idempotency `item`, the delivery is
claimed in the store (per chat and forum thread) at the moment the flood gate lets the message
go (not while it waits), with a lease, and marked sent when Telegram accepted it. A delivery of
several messages (a digest's pages) sends each under one claim holder and marks the item sent
with its last message; the articles a message carries are claimed with it and marked sent by it.

Telegram's answers:
- 403 (blocked, kicked, deactivated, not a member): the chat is marked blocked (`blocked_at`;
  settings kept, /start or re-adding the bot clears it) and the claim released;
- ChatMigrated: the chat's subscriptions, settings and delivery log move to the new id and
  the message is sent there;
- 400 "can't parse entities": logged and sent again as plain text;
- any other 400: the item is marked failed (never retried);
- 429, network errors and 5xx are resent by the flood gate; if those resends run out the
  claim is released and a later round tries again.

On PostgreSQL the outbox's connection waits at most `lock_timeout` for a row another session
holds locked (bot.store.db.SENDER_SESSION): a claim that gives up sends nothing and is tried again
later (LATER); a message that went out is marked however long its row stays locked, up to its
claim's lease.

A send cancelled while it waits at the flood gate stops there; one cancelled after its claim was
taken (the message may be out) is seen through and marked first, so that a round stopped because
the sender lease was lost, or a shutdown, never leaves a delivered message unmarked.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

from bot.store import Store
from bot.store.db import first_line, lock_timeouts
from bot.store.deliveries import DEFAULT_LEASE_SECONDS, article_item, holder, process_owner
from bot.telegram.plain import html_to_text
from bot.telegram.ratelimit import BULK, ClaimLost, SendTicket

log = logging.getLogger(__name__)
T = TypeVar("T")
FAN_OUT_WORKERS = 64  # sends waiting at the flood gate at once: enough to keep 30/s busy, few claims at risk
MAX_MIGRATIONS = 3
MARK_AGAIN_SECONDS = 0.5  # between attempts to mark a sent message whose row another session holds
LOCK_TIMEOUTS = lock_timeouts()


class Outcome(StrEnum):
    SENT = "sent"
    ALREADY = "already"  # sent before, refused before, or claimed by another live process
    BLOCKED = "blocked"  # the chat refuses the bot (403); marked, nothing more goes there
    REFUSED = "refused"  # Telegram refused this message for good (400)
    LATER = "later"  # resends ran out (network, 5xx); the claim was released for a later round


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to post: Telegram HTML, optional buttons, optional forum topic."""

    chat_id: int
    html: str
    reply_markup: InlineKeyboardMarkup | None = None
    thread_id: int | None = None  # message_thread_id of a forum topic
    link_preview: bool = False
    reply_to: int | None = None  # the message this one answers (sent anyway if it is gone)

    @property
    def thread(self) -> int:
        """The forum thread in the delivery log's key (0: the chat itself)."""
        return self.thread_id or 0


@dataclass(frozen=True, slots=True)
class Sent:
    outcome: Outcome
    chat_id: int  # where it went: the new id after a migration
    message_id: int | None = None


@dataclass(frozen=True, slots=True)
class _Claim:
    """What one send claims in a chat: the item, the articles its message carries, and who holds it."""

    item: str
    holder: str
    thread: int
    article_id: int | None
    carries: Sequence[int]


class Outbox:
    def __init__(self, store: Store, *, lease_seconds: float = DEFAULT_LEASE_SECONDS, owner: str | None = None) -> None:
        self.store = store
        self.lease_seconds = lease_seconds
        self.owner = owner or process_owner()  # the process behind each claim, readable in the database
        # The bot is stopping: a message still waiting at the flood gate is not claimed nor sent
        # (it goes after the next start); those already on their way finish and are marked.
        self.stopping = False

    def holder(self) -> str:
        """A claim holder for a delivery of several messages (pass it to each `send`)."""
        return holder(self.owner)

    async def send(
        self,
        bot: Bot,
        message: Outgoing,
        item: str | None = None,
        *,
        article_id: int | None = None,
        carries: Sequence[int] = (),
        final: bool = True,
        holder: str | None = None,
        priority: int = BULK,
    ) -> Sent:
        """Post `message`; with an `item`, at most once per (chat, thread, item) across processes and crashes.

        `article_id` ties the delivery row to the article (replies to the message find it);
        `carries` are the articles the message shows (claimed with it, marked sent by it).
        `final=False` keeps the item claimed after the message went (more messages of it follow,
        sent with the same `holder`). Returns what happened; raises nothing Telegram answers.
        """
        claim = _Claim(item, holder or self.holder(), message.thread, article_id, carries) if item else None
        try:
            return await self._send(bot, message, claim, final, priority)
        except LOCK_TIMEOUTS as error:  # nothing went: a claim (or a chat's row) stayed locked by another session
            what = item or "a message"
            log.warning(
                "%s for chat %s waits for a row another session holds locked (%s); tried again later",
                what,
                message.chat_id,
                first_line(error),
            )
            await self._release_quietly(message.chat_id, claim)
            return Sent(Outcome.LATER, message.chat_id)

    async def _send(self, bot: Bot, message: Outgoing, claim: _Claim | None, final: bool, priority: int) -> Sent:
        chat_id = message.chat_id
        for _ in range(MAX_MIGRATIONS):
            taken = asyncio.Event()  # set once the claim is ours: from then on the message may be out
            ticket = SendTicket(priority, self._claimer(chat_id, claim, taken) if claim else None)
            try:
                posting = self._post_and_mark(bot, chat_id, message, ticket, claim, final)
                posted = await _seen_through_once(posting, taken)
            except ClaimLost:
                return Sent(Outcome.ALREADY, chat_id)
            except ChatMigrated as moved:
                log.info("chat %s migrated to %s; moving it and sending there", chat_id, moved.new_chat_id)
                await self.store.chats.migrate(chat_id, moved.new_chat_id)
                chat_id = moved.new_chat_id
                continue
            except TelegramError as error:
                return Sent(await self._failed(chat_id, claim, error), chat_id)
            return Sent(Outcome.SENT, chat_id, posted.message_id)
        log.error("chat %s keeps migrating; %s not sent", message.chat_id, claim.item if claim else "a message")
        await self._release(chat_id, claim)
        return Sent(Outcome.LATER, chat_id)

    async def _failed(self, chat_id: int, claim: _Claim | None, error: TelegramError) -> Outcome:
        """What Telegram's refusal means for the chat and the claim (see the module doc)."""
        what = claim.item if claim else "a message"
        if isinstance(error, Forbidden):
            log.warning("chat %s refuses messages (%s): marked blocked, nothing more goes there", chat_id, error)
            await self._release(chat_id, claim)
            await self.store.chats.mark_blocked(chat_id)
            return Outcome.BLOCKED
        if isinstance(error, BadRequest):  # before the rest: permanent for this message
            log.error("Telegram refused %s for chat %s: %s", what, chat_id, error)
            if claim:
                await self.store.deliveries.mark_failed(chat_id, claim.item, thread_id=claim.thread)
                await self._release_carried(chat_id, claim)  # they may still go another way
            return Outcome.REFUSED
        log.warning("sending %s to chat %s failed for now (%s)", what, chat_id, error)  # resends ran out
        await self._release(chat_id, claim)
        return Outcome.LATER

    async def _post_and_mark(
        self, bot: Bot, chat_id: int, message: Outgoing, ticket: SendTicket, claim: _Claim | None, final: bool
    ) -> Message:
        posted = await self._post(bot, chat_id, message, ticket)
        if claim:
            await self._delivered(chat_id, claim, posted.message_id, final)
        return posted

    async def _post(self, bot: Bot, chat_id: int, message: Outgoing, ticket: SendTicket) -> Message:
        """Send as HTML; when Telegram cannot parse the markup, send the same words as plain text."""
        preview = LinkPreviewOptions(is_disabled=not message.link_preview)
        reply = ReplyParameters(message.reply_to, allow_sending_without_reply=True) if message.reply_to else None
        common = {
            "reply_markup": message.reply_markup,
            "message_thread_id": message.thread_id,
            "link_preview_options": preview,
            "reply_parameters": reply,
            "rate_limit_args": ticket,
        }
        try:
            return await bot.send_message(chat_id, message.html, parse_mode="HTML", **common)  # type: ignore[arg-type]
        except BadRequest as error:
            if "can't parse entities" not in error.message.lower():
                raise
            log.warning("chat %s: Telegram could not parse our HTML (%s); sending it as plain text", chat_id, error)
        return await bot.send_message(chat_id, html_to_text(message.html), **common)  # type: ignore[arg-type]

    def _claimer(self, chat_id: int, claim: _Claim, taken: asyncio.Event) -> Callable[[], Awaitable[bool]]:
        """Run as the message leaves: take (or renew) the item's claim, then its carried articles'."""
        deliveries = self.store.deliveries

        async def take() -> bool:
            if self.stopping:
                return False
            lease, thread = self.lease_seconds, claim.thread
            if not await deliveries.claim(chat_id, claim.item, claim.holder, lease, claim.article_id, thread_id=thread):
                return False
            for article_id in claim.carries:
                # An article sent meanwhile another way is shown anyway: a headline twice beats a page rebuilt late.
                await deliveries.claim(
                    chat_id, article_item(article_id), claim.holder, lease, article_id, thread_id=thread
                )
            taken.set()
            return True

        return take

    async def _delivered(self, chat_id: int, claim: _Claim, message_id: int, final: bool) -> None:
        deliveries = self.store.deliveries
        if claim.carries:
            carried = claim.carries
            await self._marked(
                claim, lambda: deliveries.mark_articles_sent(chat_id, carried, message_id, thread_id=claim.thread)
            )
        if final:
            await self._marked(
                claim, lambda: deliveries.mark_sent(chat_id, claim.item, message_id, thread_id=claim.thread)
            )

    async def _marked(self, claim: _Claim, mark: Callable[[], Awaitable[None]]) -> None:
        """Mark a message that went out, however long another session holds its row locked, up to
        the claim's lease: left unmarked, the item would go out again once that lease ran out."""
        deadline = time.monotonic() + self.lease_seconds
        while True:
            try:
                return await mark()
            except LOCK_TIMEOUTS as error:
                if time.monotonic() >= deadline:
                    log.error("%s went out but stayed unmarked (%s): it may go again", claim.item, first_line(error))
                    raise
                log.warning("%s went out; its row is locked by another session, marking it again", claim.item)
                await asyncio.sleep(MARK_AGAIN_SECONDS)

    async def _release(self, chat_id: int, claim: _Claim | None) -> None:
        if claim:
            await self.store.deliveries.release(chat_id, claim.item, claim.holder, thread_id=claim.thread)
            await self._release_carried(chat_id, claim)

    async def _release_quietly(self, chat_id: int, claim: _Claim | None) -> None:
        """Drop what a send that gave up on a locked row had claimed; a row still locked keeps its
        claim until the claim's lease ends, when a later round takes it again."""
        with contextlib.suppress(*LOCK_TIMEOUTS):
            await self._release(chat_id, claim)

    async def _release_carried(self, chat_id: int, claim: _Claim) -> None:
        for article_id in claim.carries:
            await self.store.deliveries.release(chat_id, article_item(article_id), claim.holder, thread_id=claim.thread)


async def _seen_through_once(work: Coroutine[Any, Any, T], taken: asyncio.Event) -> T:
    """Run `work` (post a message, mark it); a caller cancelled meanwhile (the sender lease lost, a
    shutdown) stops it only while its claim is not taken, when nothing has gone. Once the claim is
    ours the message may be out, so it is seen through and marked first: cut off there, it would
    stay unmarked and go out again when the claim's lease ran out."""
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        if not taken.is_set():
            task.cancel()
        await asyncio.wait({task})  # not gather: cancelled again, it would cancel the task too
        error = None if task.cancelled() else task.exception()  # retrieved either way: the caller is gone
        if error is not None and taken.is_set():
            log.warning("a message seen through after its round stopped failed: %s", error)
        raise


async def fan_out(jobs: Iterable[T] | AsyncIterator[T], work: Callable[[T], Awaitable[int]], workers: int) -> int:
    """Run `work` over `jobs` with `workers` running at once; returns the sum of what they return.

    Jobs are taken one by one as workers free up, so nothing is queued (or claimed) ahead of time.
    """
    source = aiter(jobs) if isinstance(jobs, AsyncIterator) else _async(jobs)
    lock = asyncio.Lock()
    total = 0

    async def worker() -> None:
        nonlocal total
        while True:
            async with lock:
                try:
                    job = await anext(source)
                except StopAsyncIteration:
                    return
            done = await work(job)  # awaited first: `total += await ...` would read total before the wait
            total += done

    await asyncio.gather(*(worker() for _ in range(workers)))
    return total


async def _async(jobs: Iterable[T]) -> AsyncIterator[T]:
    for job in jobs:
        yield job
