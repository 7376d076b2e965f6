"""Channels, set up from a private chat: /channel add|subscribe|unsubscribe|mode|digest|quiet|list|remove.

A channel's updates are posts to all its readers, so nothing is ever said
there except briefings and digests. Whoever runs `/channel` must be an
administrator of the channel (getChatMember, cached), and to link one the bot
must be an administrator there with the right to post. The channel is then a
chat like any other: the same subscriptions, modes, digests and quiet hours,
and its deliveries go through the same sender.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from html import escape

from telegram import ChatFullInfo, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden
from telegram.ext import ContextTypes

from bot.services import services_of
from bot.store import Store
from bot.store.chats import DeliveryMode
from bot.telegram.chat_admins import admin_cache
from bot.telegram.delivery_settings import change_digest, change_mode, change_quiet
from bot.telegram.subscriptions import change_subscription

log = logging.getLogger(__name__)
_TARGET = re.compile(r"^(@[A-Za-z][A-Za-z0-9_]{3,31}|-?\d{1,20})$")
USAGE = (
    "<b>Channels</b> (run these here, as an administrator of the channel):\n"
    "<code>/channel add @name</code> — link it (make me an administrator there with the right to post first)\n"
    "<code>/channel subscribe @name topic-id</code> · <code>/channel unsubscribe @name topic-id</code>\n"
    "<code>/channel mode @name instant|digest</code> · <code>/channel digest @name 08:00 [zone]</code>\n"
    "<code>/channel quiet @name 22:00-07:00|off</code> · <code>/channel list</code> · "
    "<code>/channel remove @name</code>"
)

Change = Callable[[Store, int, list[str], str], Awaitable[str]]


async def channel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/channel <action> [@name] [arguments]"""
    message = update.effective_message
    if update.effective_chat.type != ChatType.PRIVATE:
        await message.reply_text("Set up channels in a private chat with me: /channel there.")
        return
    args = list(context.args or [])
    action = args[0].lower() if args else ""
    if action == "list":
        await message.reply_html(await _list(update, context))
        return
    if action not in _ACTIONS or len(args) < 2 or not _TARGET.match(args[1]):
        await message.reply_html(USAGE)
        return
    await message.reply_html(await _ACTIONS[action](update, context, args[1], args[2:]))


async def _resolve(context: ContextTypes.DEFAULT_TYPE, target: str) -> ChatFullInfo | str:
    """The channel, or the reason it cannot be used."""
    try:
        found = await context.bot.get_chat(int(target) if target.lstrip("-").isdigit() else target)
    except (BadRequest, Forbidden) as error:
        log.info("getChat(%s) refused: %s", target, error)
        return f"I can't find the channel {escape(target)}. Check the name, and add me to the channel first."
    if found.type != ChatType.CHANNEL:
        return f"{escape(target)} is not a channel."
    return found


async def _user_is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE, channel_id: int) -> bool:
    return await admin_cache(context).is_admin(context.bot, channel_id, update.effective_user.id)


async def _add(update: Update, context: ContextTypes.DEFAULT_TYPE, target: str, rest: list[str]) -> str:
    found = await _resolve(context, target)
    if isinstance(found, str):
        return found
    admin_cache(context).forget(found.id)  # linking is rare: ask Telegram afresh, rights may have just changed
    if not await _user_is_admin(update, context, found.id):
        return f"Only an administrator of {escape(target)} can link it."
    me = await admin_cache(context).member(context.bot, found.id, context.bot.id)
    if me is None or me.status != ChatMemberStatus.ADMINISTRATOR or not getattr(me, "can_post_messages", False):
        return f"Make me an administrator of {escape(target)} with the right to post messages, then try again."
    store = services_of(context).store
    await store.chats.link_channel(found.id, found.title, update.effective_user.id)
    log.info("channel %s linked by user %s", found.id, update.effective_user.id)
    return (
        f"Linked <b>{escape(found.title or target)}</b>. Now choose what it receives: "
        f"<code>/channel subscribe {escape(target)} topic-id</code>."
    )


def _change(change: Change, command: str) -> Callable[..., Awaitable[str]]:
    """A /channel action that changes a linked channel's setup, for its administrators only."""

    async def run(update: Update, context: ContextTypes.DEFAULT_TYPE, target: str, rest: list[str]) -> str:
        found = await _resolve(context, target)
        if isinstance(found, str):
            return found
        store = services_of(context).store
        linked = await store.chats.get(found.id)
        if linked is None or linked.kind != ChatType.CHANNEL:
            return f"{escape(target)} is not linked yet: <code>/channel add {escape(target)}</code> first."
        if not await _user_is_admin(update, context, found.id):
            return f"Only an administrator of {escape(target)} can change what it receives."
        return await change(store, found.id, rest, f"/channel {command} {target}")

    return run


async def _subscribe(store: Store, chat_id: int, args: list[str], command: str) -> str:
    return await change_subscription(store, chat_id, args, subscribe=True, command=command)


async def _unsubscribe(store: Store, chat_id: int, args: list[str], command: str) -> str:
    return await change_subscription(store, chat_id, args, subscribe=False, command=command)


async def _remove(store: Store, chat_id: int, args: list[str], command: str) -> str:
    await store.chats.delete(chat_id)
    log.info("channel %s removed", chat_id)
    return "Removed: the channel gets nothing more from me, and its settings are deleted."


async def _list(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    store = services_of(context).store
    lines = []
    for linked in await store.chats.channels_linked_by(update.effective_user.id):
        topics = ", ".join(await store.chats.subscriptions(linked.id)) or "no topics"
        when = "instant" if linked.mode == DeliveryMode.INSTANT else f"digest at {linked.digest_time} {linked.timezone}"
        state = " (I can't post there)" if linked.blocked else ""
        lines.append(f"• <b>{escape(linked.title or str(linked.id))}</b>{state}: {escape(topics)}; {escape(when)}")
    return "<b>Your channels</b>\n" + "\n".join(lines) if lines else "You have linked no channel: /channel add @name."


_ACTIONS: dict[str, Callable[..., Awaitable[str]]] = {
    "add": _add,
    "subscribe": _change(_subscribe, "subscribe"),
    "unsubscribe": _change(_unsubscribe, "unsubscribe"),
    "mode": _change(change_mode, "mode"),
    "digest": _change(change_digest, "digest"),
    "quiet": _change(change_quiet, "quiet"),
    "remove": _change(_remove, "remove"),
}
