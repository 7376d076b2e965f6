"""Compact digests: the daily one at each chat's local time, and the catch-ups.

One compact digest (bot.telegram.digest_render) carries everything pending in a chat (per forum
thread); it is also what a chat gets when its quiet hours end, when it comes back after blocking
the bot, and when someone taps "Show N more", so a chat is never flooded with one message per
missed briefing. Each is one keyed delivery in the log (`digest:<local day>`, `quiet:<hold>`,
`back:<block>`, `more:<message>`) sent through the outbox: the claim is taken as its first page
leaves, with a lease, held across its pages and marked sent with the last one, and the articles
a page shows are marked sent with that page. So a process that dies mid-digest loses nothing
(its claim runs out and the digest goes once, with what is still pending) and doubles at most
the message in flight. A digest that cannot be built claims nothing: logged, tried next tick.
Chats due at the same minute are served side by side; the flood gate orders and paces them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.store import Store
from bot.store.chats import Chat
from bot.store.deliveries import Item, item_key
from bot.telegram.digest_render import DigestPage, choose, render_digest
from bot.telegram.outbox import Outbox, Outcome, Outgoing, fan_out
from bot.telegram.ratelimit import BULK
from bot.telegram.sender import BriefingSender

log = logging.getLogger(__name__)
SIDE_BY_SIDE = 16  # digests in flight at once; the flood gate paces the messages themselves
HEADERS = {
    Item.DIGEST: "🗞 <b>Your daily digest</b>",
    Item.QUIET: "🌙 <b>While your quiet hours were on</b>",
    Item.BACK: "👋 <b>Welcome back — what you missed</b>",
    Item.MORE: "🗞 <b>More from your topics</b>",
}


@dataclass(frozen=True, slots=True)
class Compact:
    """One compact delivery: where it goes, its header, its idempotency key and its priority."""

    chat_id: int
    thread_id: int  # 0: the chat itself
    header: str
    item: str
    priority: int = BULK


def digest_due(chat: Chat, now_utc: datetime) -> str | None:
    """The chat's local date when its digest time has come today, else None.

    Local wall time is compared, so the digest follows the zone's daylight-saving
    changes; on a spring-forward day a time in the skipped hour is due just after it.
    """
    local = now_utc.astimezone(ZoneInfo(chat.timezone))
    if local.strftime("%H:%M") < chat.digest_time:
        return None
    return local.date().isoformat()


def day_already_past(at: str, zone: str, now_utc: datetime | None = None) -> str | None:
    """The local date when `at` has already passed today in `zone` (the first digest is tomorrow)."""
    local = (now_utc or datetime.now(UTC)).astimezone(ZoneInfo(zone))
    return local.date().isoformat() if local.strftime("%H:%M") >= at else None


def daily_digest(chat: Chat, thread_id: int, now_utc: datetime) -> Compact | None:
    """The digest the chat's thread is owed now, if any (its time has come and the day was not skipped)."""
    day = digest_due(chat, now_utc)
    if day is None or (chat.skipped_day or "") >= day:
        return None
    return Compact(chat.id, thread_id, f"{HEADERS[Item.DIGEST]} · {day}", item_key(Item.DIGEST, day))


async def send_due_digests(store: Store, sender: BriefingSender, bot: Bot, now_utc: datetime | None = None) -> int:
    """Send every digest whose time has come, side by side; returns how many went."""
    now_utc = now_utc or datetime.now(UTC)
    due = [d for chat, thread in await store.chats.digest_targets() if (d := daily_digest(chat, thread, now_utc))]

    async def serve(digest: Compact) -> int:
        return 1 if await send_compact(store, sender.outbox, bot, digest) else 0

    return await fan_out(sender.until_stopping(due), serve, SIDE_BY_SIDE)


async def catch_up(
    store: Store, outbox: Outbox, bot: Bot, chat_id: int, kind: Item, since: float, priority: int = BULK
) -> int | None:
    """One compact catch-up of `kind` (keyed by `since`, when the hold or block began) per forum
    thread with something pending; the number of articles carried, None when one must be tried later."""
    carried = 0
    for thread in await store.deliveries.pending_threads(chat_id):
        compact = Compact(chat_id, thread, HEADERS[kind], item_key(kind, int(since)), priority)
        sent = await send_compact(store, outbox, bot, compact)
        if sent is None:
            return None
        carried += sent
    return carried


async def send_compact(store: Store, outbox: Outbox, bot: Bot, compact: Compact) -> int | None:
    """One compact digest of what is pending in the chat's thread, as the keyed delivery `compact.item`.

    Returns the number of articles it carried (0: nothing pending, already sent, or Telegram
    refused it for good), or None when it could not go now and is worth trying again later.
    """
    if await store.deliveries.is_delivered(compact.chat_id, compact.item, thread_id=compact.thread_id):
        return 0
    try:
        pages = await _build(store, compact)
    except Exception:  # one digest that cannot be built must not stop the others
        log.exception(
            "%s for chat %s could not be built; nothing claimed, tried again later", compact.item, compact.chat_id
        )
        return None
    return await _send_pages(outbox, bot, compact, pages) if pages else 0


async def _build(store: Store, compact: Compact) -> list[DigestPage]:
    items = await store.chats.digest_items(compact.chat_id, compact.thread_id)
    if not items:
        return []
    chosen, left = choose(items)
    count = sum(len(story.articles) for _, group in chosen for story in group)
    return render_digest(f"{compact.header} · {count} new", chosen, left)


async def _send_pages(outbox: Outbox, bot: Bot, compact: Compact, pages: list[DigestPage]) -> int | None:
    """The pages in order under one claim; the item is marked sent with the last page."""
    holder, chat_id, carried = outbox.holder(), compact.chat_id, 0
    for n, page in enumerate(pages, 1):
        message = Outgoing(chat_id, page.html, page.markup, thread_id=compact.thread_id or None)
        result = await outbox.send(
            bot,
            message,
            compact.item,
            carries=page.article_ids,
            final=n == len(pages),
            holder=holder,
            priority=compact.priority,
        )
        if result.outcome is not Outcome.SENT:
            if n > 1:
                done = f"{n - 1} of {len(pages)} messages"
                log.warning(
                    "%s to chat %s stopped after %s (%s); the rest stays pending",
                    compact.item,
                    chat_id,
                    done,
                    result.outcome,
                )
            return None if result.outcome is Outcome.LATER else carried
        chat_id, carried = result.chat_id, carried + len(page.article_ids)
    return carried
