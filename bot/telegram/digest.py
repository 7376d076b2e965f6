"""Compact digests: the daily one at each chat's local time, and the catch-ups.

One compact digest (bot.telegram.digest_render) carries everything pending for
a chat; it is also what a chat gets when its quiet hours end or when it comes
back after blocking the bot, so a chat is never flooded with one message per
missed briefing. Each article shown is claimed in the delivery log and marked
sent with the message that carried it; what is not shown stays pending and is
offered ("+N more"). Chats due at the same minute are served side by side.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from html import escape
from zoneinfo import ZoneInfo

from telegram import Bot, LinkPreviewOptions, Message, ReplyParameters, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.services import services_of
from bot.store import Store
from bot.store.chats import Chat
from bot.telegram.digest_render import OPEN_PREFIX, DigestPage, choose, render_digest
from bot.telegram.sender import BriefingSender

log = logging.getLogger(__name__)
DEEP_LINK_PREFIX = "b"  # t.me/<bot>?start=b<article id> opens a briefing in a private chat
SIDE_BY_SIDE = 16  # digests in flight at once; the sender's limits pace the messages themselves
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


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


async def send_due_digests(store: Store, sender: BriefingSender, bot: Bot, now_utc: datetime | None = None) -> int:
    """Send every digest whose time has come, side by side; returns the number of chats served."""
    now_utc = now_utc or datetime.now(UTC)
    due = []
    for chat in await store.chats.digest_chats():
        day = digest_due(chat, now_utc)
        if day is None or not await store.deliveries.undelivered(chat.id, 1):
            continue  # an empty day does not use up the digest
        if await store.chats.mark_digest_sent(chat.id, day):
            due.append((chat, day))
    gate = asyncio.Semaphore(SIDE_BY_SIDE)

    async def serve(chat: Chat, day: str) -> int:
        async with gate:
            return await send_compact(store, bot, chat.id, f"🗞 <b>Your daily digest</b> · {day}")

    served = await asyncio.gather(*(serve(chat, day) for chat, day in due))
    return sum(1 for n in served if n)


async def send_compact(store: Store, bot: Bot, chat_id: int, header: str) -> int:
    """One compact digest of what is pending for the chat; returns the number of articles it carried."""
    items = await store.chats.digest_items(chat_id)
    if not items:
        return 0
    chosen, _ = choose(items)
    claimed = {a for _, group in chosen for s in group for a in s.article_ids}
    for article_id in sorted(claimed):
        if not await store.deliveries.claim(chat_id, article_id):
            claimed.discard(article_id)  # sent meanwhile by another path
    shown = [item for item in items if item.article_id in claimed]
    chosen, _ = choose(shown)
    left = len(items) - len(claimed)
    count = sum(len(s.articles) for _, group in chosen for s in group)
    pages = render_digest(f"{header} · {count} new", chosen, left)
    return await _send_pages(store, bot, chat_id, pages)


async def _send_pages(store: Store, bot: Bot, chat_id: int, pages: list[DigestPage]) -> int:
    """Send the pages in order; on a failure the unsent pages' claims are released."""
    carried = 0
    for n, page in enumerate(pages):
        try:
            message = await _send(bot, store, chat_id, page)
        except TelegramError as error:
            for rest in pages[n:]:
                for article_id in rest.article_ids:
                    await store.deliveries.release(chat_id, article_id)
            await _after_failure(store, chat_id, error)
            return carried
        for article_id in page.article_ids:
            await store.deliveries.mark_sent(chat_id, article_id, message.message_id)
        carried += len(page.article_ids)
    return carried


async def _send(bot: Bot, store: Store, chat_id: int, page: DigestPage) -> Message:
    return await bot.send_message(
        chat_id,
        page.html,
        parse_mode="HTML",
        reply_markup=page.markup,
        link_preview_options=_NO_PREVIEW,
        message_thread_id=await _digest_thread(store, chat_id, page),
    )


async def _digest_thread(store: Store, chat_id: int, page: DigestPage) -> int | None:
    """A forum's digest goes to the thread of its first article's subscription."""
    return await store.chats.thread_for(chat_id, page.article_ids[0]) if page.article_ids else None


async def _after_failure(store: Store, chat_id: int, error: TelegramError) -> None:
    if isinstance(error, Forbidden):
        log.warning("chat %s refuses messages (%s): stopping deliveries there", chat_id, error)
        await store.chats.mark_blocked(chat_id)
    elif isinstance(error, ChatMigrated):
        log.info("chat %s migrated to %s", chat_id, error.new_chat_id)
        await store.chats.migrate(chat_id, error.new_chat_id)
    else:
        log.warning("digest to chat %s failed (%s); what it did not carry stays pending", chat_id, error)


async def open_briefing(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A digest's 📄 button: the full briefing, as a reply to the digest, for whoever asked."""
    query = update.callback_query
    message = query.message
    article_id = int(query.data.removeprefix(OPEN_PREFIX))
    services = services_of(context)
    if message is None or not await services.store.chats.received(message.chat.id, article_id):
        await query.answer("That briefing is no longer available.")
        return
    if message.chat.type == ChatType.CHANNEL:
        # A reply in a channel would go to every reader: the briefing opens in a private chat instead.
        await query.answer(url=f"https://t.me/{context.bot.username}?start={DEEP_LINK_PREFIX}{article_id}")
        return
    await query.answer()
    thread = message.message_thread_id if message.is_topic_message else None
    await send_full_briefing(context, message.chat.id, article_id, reply_to=message.message_id, thread_id=thread)


async def send_full_briefing(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    article_id: int,
    *,
    reply_to: int | None = None,
    thread_id: int | None = None,
) -> None:
    """One article's full briefing, with its buttons, to whoever asked for it."""
    sender = services_of(context).running_sender()
    html = await sender.briefing_html(article_id)
    markup = await sender.buttons(article_id) if sender.buttons else None
    reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
    try:
        await context.bot.send_message(
            chat_id,
            html,
            parse_mode="HTML",
            reply_markup=markup,
            link_preview_options=_NO_PREVIEW,
            reply_parameters=reply,
            message_thread_id=thread_id,
        )
    except BadRequest as error:
        log.error("the full briefing of article %s was refused: %s", article_id, error)


async def open_from_link(update: Update, context: ContextTypes.DEFAULT_TYPE, payload: str) -> bool:
    """`/start b<id>` (a channel digest's 📄 button): the briefing in this private chat; False if none."""
    if not payload.startswith(DEEP_LINK_PREFIX) or not payload[1:].isdigit():
        return False
    article_id = int(payload[1:])
    if not await services_of(context).store.chats.delivered_anywhere(article_id):
        return False  # only briefings the bot has published somewhere open this way
    await send_full_briefing(context, update.effective_chat.id, article_id)
    return True


async def show_more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "Show N more" button: the next compact page of what is pending for this chat."""
    query = update.callback_query
    chat = update.effective_chat
    if chat is None:
        await query.answer()
        return
    sent = await send_compact(services_of(context).store, context.bot, chat.id, "🗞 <b>More from your topics</b>")
    await query.answer(None if sent else "Nothing more: you have seen everything new.")


def catch_up_header(reason: str) -> str:
    return {
        "quiet": "🌙 <b>While your quiet hours were on</b>",
        "back": "👋 <b>Welcome back — what you missed</b>",
    }.get(reason, escape(reason))
