"""The outbox: how one message goes out, exactly once, whatever Telegram answers.

Every message the bot pushes (briefings, digests, channel posts, catch-ups) goes through
`Outbox.send`; the pacing itself is the flood gate's (bot/telegram/ratelimit.py), which also
paces command replies made straight from handlers. Given an idempotency `item`, the delivery is
claimed in the store at the moment the flood gate lets the message go (not while it waits),
with a lease, and marked sent when Telegram accepted it.

Telegram's answers:
- 403 (blocked, kicked, deactivated, not a member): the chat is marked blocked (`blocked_at`;
  settings kept, /start or re-adding the bot clears it) and the claim released;
- ChatMigrated: the chat's subscriptions, settings and delivery log move to the new id and
  the message is sent there;
- 400 "can't parse entities": logged and sent again as plain text;
- any other 400: the item is marked failed (never retried);
- 429, network errors and 5xx are resent by the flood gate; if those resends run out the
  claim is released and a later round tries again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

from bot.store import Store
from bot.store.deliveries import DEFAULT_LEASE_SECONDS, process_owner
from bot.telegram.plain import html_to_text
from bot.telegram.ratelimit import BULK, ClaimLost, SendTicket

log = logging.getLogger(__name__)
T = TypeVar("T")
FAN_OUT_WORKERS = 64  # sends waiting at the flood gate at once: enough to keep 30/s busy, few claims at risk
MAX_MIGRATIONS = 3


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


@dataclass(frozen=True, slots=True)
class Sent:
    outcome: Outcome
    chat_id: int  # where it went: the new id after a migration
    message_id: int | None = None


class Outbox:
    def __init__(self, store: Store, *, lease_seconds: float = DEFAULT_LEASE_SECONDS, owner: str | None = None) -> None:
        self.store = store
        self.lease_seconds = lease_seconds
        self.owner = owner or process_owner()  # who holds a claim, readable in the database

    async def send(
        self,
        bot: Bot,
        message: Outgoing,
        item: str | None = None,
        *,
        article_id: int | None = None,
        priority: int = BULK,
    ) -> Sent:
        """Post `message`; with an `item`, at most once per (chat, item) across processes and crashes.

        `article_id` ties the delivery row to the article (replies to the message find it).
        Returns what happened; raises nothing Telegram answers.
        """
        chat_id = message.chat_id
        for _ in range(MAX_MIGRATIONS):
            ticket = SendTicket(priority, self._claimer(chat_id, item, article_id) if item else None)
            try:
                posted = await self._post(bot, chat_id, message, ticket)
            except ClaimLost:
                return Sent(Outcome.ALREADY, chat_id)
            except ChatMigrated as moved:
                log.info("chat %s migrated to %s; moving it and sending there", chat_id, moved.new_chat_id)
                await self.store.chats.migrate(chat_id, moved.new_chat_id)
                chat_id = moved.new_chat_id
                continue
            except Forbidden as error:
                log.warning("chat %s refuses messages (%s): marked blocked, nothing more goes there", chat_id, error)
                await self._release(chat_id, item)
                await self.store.chats.mark_blocked(chat_id)
                return Sent(Outcome.BLOCKED, chat_id)
            except BadRequest as error:  # before TelegramError: permanent for this message
                log.error("Telegram refused %s for chat %s: %s", item or "a message", chat_id, error)
                if item:
                    await self.store.deliveries.mark_failed(chat_id, item)
                return Sent(Outcome.REFUSED, chat_id)
            except TelegramError as error:  # the flood gate's resends ran out
                log.warning("sending %s to chat %s failed for now (%s)", item or "a message", chat_id, error)
                await self._release(chat_id, item)
                return Sent(Outcome.LATER, chat_id)
            if item:
                await self.store.deliveries.mark_sent(chat_id, item, posted.message_id)
            return Sent(Outcome.SENT, chat_id, posted.message_id)
        log.error("chat %s keeps migrating; %s not sent", message.chat_id, item)
        await self._release(chat_id, item)
        return Sent(Outcome.LATER, chat_id)

    async def _post(self, bot: Bot, chat_id: int, message: Outgoing, ticket: SendTicket) -> Message:
        """Send as HTML; when Telegram cannot parse the markup, send the same words as plain text."""
        preview = LinkPreviewOptions(is_disabled=not message.link_preview)
        common = {
            "reply_markup": message.reply_markup,
            "message_thread_id": message.thread_id,
            "link_preview_options": preview,
            "rate_limit_args": ticket,
        }
        try:
            return await bot.send_message(chat_id, message.html, parse_mode="HTML", **common)  # type: ignore[arg-type]
        except BadRequest as error:
            if "can't parse entities" not in error.message.lower():
                raise
            log.warning("chat %s: Telegram could not parse our HTML (%s); sending it as plain text", chat_id, error)
        return await bot.send_message(chat_id, html_to_text(message.html), **common)  # type: ignore[arg-type]

    def _claimer(self, chat_id: int, item: str, article_id: int | None) -> Callable[[], Awaitable[bool]]:
        async def claim() -> bool:
            return await self.store.deliveries.claim(chat_id, item, self.owner, self.lease_seconds, article_id)

        return claim

    async def _release(self, chat_id: int, item: str | None) -> None:
        if item:
            await self.store.deliveries.release(chat_id, item, self.owner)


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
