"""Commands that decide what a chat receives: topics, subscriptions, /follow, /stop."""

from __future__ import annotations

import hashlib
import logging
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.services import services_of
from bot.store import Store
from bot.store.chats import DeliveryMode
from bot.store.deliveries import Item
from bot.store.topics import Topic
from bot.telegram.chat_admins import admins_only
from bot.telegram.digest import catch_up
from bot.telegram.digest_taps import open_from_link
from bot.telegram.ratelimit import INTERACTIVE
from bot.telegram.texts import WELCOME, help_text
from bot.topics.query import QueryError, parse_query
from bot.typed import visible

log = logging.getLogger(__name__)
MAX_OWN_TOPICS = 10
TOPIC_BUTTON_PREFIX = "topic:"
STOP_BUTTON_PREFIX = "stop:"


async def ensure_chat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    chat = update.effective_chat
    await services_of(context).store.chats.ensure(chat.id, chat.type, chat.title)
    return chat.id


def thread_of(update: Update) -> int:
    """The forum topic a command came from (0: the chat itself, or a non-forum chat)."""
    message = update.effective_message
    if message is None or not message.is_topic_message:
        return 0
    return message.message_thread_id or 0


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the chat and show the topic keyboard; a chat back after blocking the bot gets one catch-up."""
    services = services_of(context)
    store = services.store
    blocked_since = await store.chats.blocked_since(update.effective_chat.id)
    chat_id = await ensure_chat(update, context)
    if (
        context.args
        and update.effective_chat.type == ChatType.PRIVATE
        and await open_from_link(update, context, context.args[0])
    ):
        return
    await update.effective_message.reply_html(WELCOME, reply_markup=await topic_keyboard(context, chat_id))
    if blocked_since is not None:
        log.info("chat %s is back after blocking the bot", chat_id)
        outbox = services.running_sender().outbox
        await catch_up(store, outbox, context.bot, chat_id, Item.BACK, blocked_since, INTERACTIVE)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands."""
    await update.effective_message.reply_html(help_text())


async def topics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the catalogue as a keyboard: tap to subscribe or unsubscribe."""
    chat_id = await ensure_chat(update, context)
    keyboard = await topic_keyboard(context, chat_id)
    if keyboard is None:
        await update.effective_message.reply_html(
            "The catalogue has no topics yet. Follow your own keywords with /follow."
        )
        return
    await update.effective_message.reply_html(
        "<b>Topics</b> — tap to subscribe (✅) or unsubscribe.", reply_markup=keyboard
    )


@admins_only
async def topic_tapped(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Toggle the tapped topic and redraw the keyboard."""
    query = update.callback_query
    chat_id = await ensure_chat(update, context)
    store = services_of(context).store
    topic = await store.topics.get(query.data.removeprefix(TOPIC_BUTTON_PREFIX))
    if topic is None or topic.owner_chat_id not in (None, chat_id):
        await query.answer("That topic no longer exists.")
        return
    if await store.chats.subscribe(chat_id, topic.id, thread_of(update)):
        note = f"Subscribed to {topic.name}"
    else:
        await store.chats.unsubscribe(chat_id, topic.id)
        note = f"Unsubscribed from {topic.name}"
    await query.answer(note)
    await query.edit_message_reply_markup(reply_markup=await topic_keyboard(context, chat_id))


async def topic_keyboard(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> InlineKeyboardMarkup | None:
    """One button per catalogue topic; None when the catalogue has none (Telegram refuses empty keyboards)."""
    store = services_of(context).store
    mine = set(await store.chats.subscriptions(chat_id))
    rows = [
        [InlineKeyboardButton(("✅ " if t.id in mine else "➕ ") + t.name, callback_data=TOPIC_BUTTON_PREFIX + t.id)]
        for t in await store.topics.catalogue()
    ]
    return InlineKeyboardMarkup(rows) if rows else None


@admins_only
async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe <topic id>"""
    await _change_subscription(update, context, subscribe=True)


@admins_only
async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe <topic id>"""
    await _change_subscription(update, context, subscribe=False)


async def _change_subscription(update: Update, context: ContextTypes.DEFAULT_TYPE, *, subscribe: bool) -> None:
    chat_id = await ensure_chat(update, context)
    store = services_of(context).store
    reply = await change_subscription(
        store, chat_id, context.args or [], subscribe=subscribe, thread_id=thread_of(update)
    )
    await update.effective_message.reply_html(reply)


async def change_subscription(
    store: Store, chat_id: int, args: list[str], *, subscribe: bool, thread_id: int = 0, command: str = ""
) -> str:
    """(Un)subscribe `chat_id` to the topic named in `args`; the reply for whoever asked."""
    command = command or ("/subscribe" if subscribe else "/unsubscribe")
    if len(args) != 1:
        return f"Usage: <code>{escape(command)} topic-id</code>\n{await _topic_ids(store, chat_id)}"
    topic = await store.topics.get(args[0].lower())
    if topic is None or topic.owner_chat_id not in (None, chat_id):
        return f"There is no topic <code>{escape(visible(args[0])[:40])}</code>.\n{await _topic_ids(store, chat_id)}"
    name = escape(topic.name)
    if subscribe:
        if await store.chats.subscribe(chat_id, topic.id, thread_id):
            return f"Subscribed to <b>{name}</b>."
        return f"You already follow <b>{name}</b>."
    if await store.chats.unsubscribe(chat_id, topic.id):
        return f"Unsubscribed from <b>{name}</b>."
    return f"You were not subscribed to <b>{name}</b>."


async def _topic_ids(store: Store, chat_id: int) -> str:
    ids = [t.id for t in await store.topics.catalogue()] + [
        t for t in await store.chats.subscriptions(chat_id) if t.startswith("own-")
    ]
    return "Topics: " + ", ".join(f"<code>{escape(i)}</code>" for i in ids) if ids else "No topics yet."


@admins_only
async def follow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/follow <keywords>: a topic of this chat's own."""
    chat_id = await ensure_chat(update, context)
    store = services_of(context).store
    text = visible(" ".join(context.args or []))  # kept and shown back as the topic's name
    if not text:
        await update.effective_message.reply_html('Usage: <code>/follow "peace talks" OR ceasefire -football</code>')
        return
    try:
        parse_query(text)
    except QueryError as error:
        await update.effective_message.reply_html(f"I can't use that query: {escape(str(error))}.")
        return
    own = [t for t in await store.chats.subscriptions(chat_id) if t.startswith("own-")]
    if len(own) >= MAX_OWN_TOPICS:
        await update.effective_message.reply_html(
            f"You already follow {MAX_OWN_TOPICS} keyword topics; /unsubscribe one first."
        )
        return
    digest = hashlib.sha1(f"{chat_id}:{text}".encode()).hexdigest()[:10]
    topic = Topic(id=f"own-{digest}", name=text[:100], query=text, owner_chat_id=chat_id)
    await store.topics.upsert(topic)
    await store.chats.subscribe(chat_id, topic.id, thread_of(update))
    await update.effective_message.reply_html(
        f"Following <b>{escape(topic.name)}</b> (topic <code>{topic.id}</code>). New matching articles will reach you."
    )


async def list_subscriptions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/list: this chat's topics and delivery settings."""
    chat_id = await ensure_chat(update, context)
    store = services_of(context).store
    chat = await store.chats.get(chat_id)
    names = []
    for topic_id in await store.chats.subscriptions(chat_id):
        topic = await store.topics.get(topic_id)
        if topic:
            names.append(f"• {escape(topic.name)} (<code>{escape(topic.id)}</code>)")
    mode = (
        "instant"
        if chat.mode == DeliveryMode.INSTANT
        else f"daily digest at {chat.digest_time} {escape(chat.timezone)}"
    )
    if chat.mode == DeliveryMode.INSTANT and chat.quiet_start and chat.quiet_end:
        mode += f", quiet {chat.quiet_start}–{chat.quiet_end} {escape(chat.timezone)}"
    body = "\n".join(names) if names else "No topics yet: try /topics or /follow."
    await update.effective_message.reply_html(f"<b>Your topics</b>\n{body}\n\n<b>Delivery</b>: {mode}")


STOPPED = "Done: you are unsubscribed and this chat's data is deleted. /start brings me back."


@admins_only
async def stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stop: unsubscribe from everything and delete this chat's data (groups confirm with a button first)."""
    if update.effective_chat.type == ChatType.PRIVATE:
        await _stop_chat(update, context)
        await update.effective_message.reply_html(STOPPED)
        return
    buttons = [
        InlineKeyboardButton("Yes, stop and delete", callback_data=f"{STOP_BUTTON_PREFIX}yes"),
        InlineKeyboardButton("Cancel", callback_data=f"{STOP_BUTTON_PREFIX}no"),
    ]
    await update.effective_message.reply_html(
        "Stop all briefings here and delete this group's topics and settings?",
        reply_markup=InlineKeyboardMarkup([buttons]),
    )


@admins_only
async def stop_confirmed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The group's answer to /stop's question."""
    query = update.callback_query
    await query.answer()
    if query.data == f"{STOP_BUTTON_PREFIX}yes":
        await _stop_chat(update, context)
        await query.edit_message_text(STOPPED)
    else:
        await query.edit_message_text("Nothing changed: this group keeps its topics.")


async def _stop_chat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat_id = update.effective_chat.id
    await services_of(context).store.chats.delete(chat_id)
    log.info("chat %s stopped and its data was deleted", chat_id)
