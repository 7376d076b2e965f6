"""The buttons under a digest: 📄 opens one full briefing, "Show N more" the next compact page.

Both answer a person, so they go ahead of bulk deliveries, and both are keyed deliveries through
the outbox: `open:<article>` per chat and forum thread, `more:<message>` per button. A button
tapped twice, or by several members of a group, sends once; a later tap gets a short notice.
A channel's 📄 opens the briefing in the reader's private chat (a deep link), never in the channel.
"""

from __future__ import annotations

import logging

from telegram import Bot, Message, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.services import Services, services_of
from bot.store.deliveries import Item, item_key
from bot.telegram.digest import HEADERS, Compact, send_compact
from bot.telegram.digest_render import OPEN_PREFIX
from bot.telegram.outbox import Outcome, Outgoing
from bot.telegram.ratelimit import INTERACTIVE

log = logging.getLogger(__name__)
DEEP_LINK_PREFIX = "b"  # t.me/<bot>?start=b<article id> opens a briefing in a private chat
GONE = "That briefing is no longer available."
ALREADY_OPEN = "That briefing is already in this chat, above."
NOT_BUILT = "Sorry, I could not open that briefing just now. Please try again."
NOTHING_MORE = "Nothing more: you have seen everything new."


def _thread(message: Message) -> int:
    return (message.message_thread_id or 0) if message.is_topic_message else 0


async def open_briefing(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A digest's 📄 button: the full briefing, as a reply to the digest, in the chat it was tapped in."""
    query = update.callback_query
    message = query.message
    article_id = int(query.data.removeprefix(OPEN_PREFIX))
    services = services_of(context)
    if not isinstance(message, Message) or not await services.store.chats.received(message.chat.id, article_id):
        await query.answer(GONE)
        return
    if message.chat.type == ChatType.CHANNEL:
        # A reply in a channel would go to every reader: the briefing opens in a private chat instead.
        await query.answer(url=f"https://t.me/{context.bot.username}?start={DEEP_LINK_PREFIX}{article_id}")
        return
    chat_id, thread = message.chat.id, _thread(message)
    if await services.store.deliveries.is_delivered(chat_id, item_key(Item.OPEN, article_id), thread_id=thread):
        await query.answer(ALREADY_OPEN)
        return
    await query.answer()  # at once: the briefing may wait for the flood gate
    await send_full_briefing(services, context.bot, chat_id, article_id, thread_id=thread, reply_to=message.message_id)


async def open_from_link(update: Update, context: ContextTypes.DEFAULT_TYPE, payload: str) -> bool:
    """`/start b<id>` (a channel digest's 📄 button): the briefing in this private chat; False if none."""
    if not payload.startswith(DEEP_LINK_PREFIX) or not payload[1:].isdigit():
        return False
    article_id = int(payload[1:])
    services = services_of(context)
    if not await services.store.chats.delivered_anywhere(article_id):
        return False  # only briefings the bot has published somewhere open this way
    outcome = await send_full_briefing(services, context.bot, update.effective_chat.id, article_id)
    if outcome is Outcome.ALREADY:
        await update.effective_message.reply_html(ALREADY_OPEN)
    return True


async def send_full_briefing(
    services: Services, bot: Bot, chat_id: int, article_id: int, *, thread_id: int = 0, reply_to: int | None = None
) -> Outcome:
    """One article's full briefing, with its buttons, to the chat (forum thread): once per chat and thread."""
    sender = services.running_sender()
    try:
        html = await sender.briefing_html(article_id)
        markup = await sender.buttons(article_id) if sender.buttons else None
    except Exception:  # nothing was claimed; the person may tap again
        log.exception("the full briefing of article %s could not be built for chat %s", article_id, chat_id)
        sorry = Outgoing(chat_id, NOT_BUILT, thread_id=thread_id or None, reply_to=reply_to)
        await sender.outbox.send(bot, sorry, priority=INTERACTIVE)
        return Outcome.LATER
    message = Outgoing(chat_id, html, markup, thread_id=thread_id or None, reply_to=reply_to)
    item = item_key(Item.OPEN, article_id)
    result = await sender.outbox.send(bot, message, item, article_id=article_id, priority=INTERACTIVE)
    return result.outcome


async def show_more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "Show N more" button: the next compact page of what is pending in this chat (thread)."""
    query = update.callback_query
    message = query.message
    if not isinstance(message, Message):
        await query.answer()
        return
    store, chat_id, thread = services_of(context).store, message.chat.id, _thread(message)
    item = item_key(Item.MORE, message.message_id)
    if await store.deliveries.is_delivered(chat_id, item, thread_id=thread):
        await query.answer("Those are already above.")
        return
    if not await store.chats.digest_items(chat_id, thread, limit=1):
        await query.answer(NOTHING_MORE)
        return
    await query.answer()
    more = Compact(chat_id, thread, HEADERS[Item.MORE], item, INTERACTIVE)
    await send_compact(store, services_of(context).running_sender().outbox, context.bot, more)
