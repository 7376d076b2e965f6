"""Commands that decide when a chat receives: /mode, /digest, /quiet, /now."""

from __future__ import annotations

import re
from html import escape
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from telegram import Update
from telegram.ext import ContextTypes

from bot.services import services_of
from bot.store import Store
from bot.store.chats import DeliveryMode
from bot.telegram.chat_admins import admins_only
from bot.telegram.digest import day_already_past
from bot.telegram.quiet import parse_quiet
from bot.telegram.subscriptions import ensure_chat
from bot.typed import visible

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
NOW_LIMIT = 10


@admins_only
async def mode(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mode instant|digest"""
    chat_id = await ensure_chat(update, context)
    await update.effective_message.reply_html(
        await change_mode(services_of(context).store, chat_id, context.args or [])
    )


@admins_only
async def digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/digest HH:MM [IANA time zone]"""
    chat_id = await ensure_chat(update, context)
    await update.effective_message.reply_html(
        await change_digest(services_of(context).store, chat_id, context.args or [])
    )


@admins_only
async def quiet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/quiet HH:MM-HH:MM | off: hold instant briefings during those local hours."""
    chat_id = await ensure_chat(update, context)
    await update.effective_message.reply_html(
        await change_quiet(services_of(context).store, chat_id, context.args or [])
    )


async def change_mode(store: Store, chat_id: int, args: list[str], command: str = "/mode") -> str:
    word = args[0].lower() if len(args) == 1 else ""
    if word not in set(DeliveryMode):
        return (
            f"Usage: <code>{escape(command)} instant</code> (each briefing as it arrives) or "
            f"<code>{escape(command)} digest</code> (once a day; set the time with /digest)."
        )
    choice = DeliveryMode(word)
    await store.chats.set_mode(chat_id, choice)
    chat = await store.chats.get(chat_id)
    if choice is DeliveryMode.DIGEST:
        await _first_digest_tomorrow_if_past(store, chat_id, chat.digest_time, chat.timezone)
    instant = choice is DeliveryMode.INSTANT
    when = "as articles arrive" if instant else f"daily at {chat.digest_time} {escape(chat.timezone)}"
    return f"Delivery mode: <b>{choice}</b>, {when}."


async def change_digest(store: Store, chat_id: int, args: list[str], command: str = "/digest") -> str:
    match = _TIME.match(args[0]) if args else None
    if not match or len(args) > 2:
        return (
            f"Usage: <code>{escape(command)} 08:00 Europe/Kyiv</code> — a time (24-hour) and, optionally, "
            "an IANA time zone (default UTC)."
        )
    zone = args[1] if len(args) == 2 else "UTC"
    if not _valid_zone(zone):
        return (
            f"I don't know the time zone <code>{escape(visible(zone)[:60])}</code>. "
            "Use an IANA name such as Europe/Kyiv, America/New_York or UTC."
        )
    at = f"{int(match.group(1)):02d}:{match.group(2)}"
    await store.chats.set_digest(chat_id, at, zone)
    first = "tomorrow" if await _first_digest_tomorrow_if_past(store, chat_id, at, zone) else "today"
    return f"Daily digest at <b>{at}</b> {escape(zone)}, the first one {first}. Mode: digest."


async def _first_digest_tomorrow_if_past(store: Store, chat_id: int, at: str, zone: str) -> bool:
    """A digest time already past today means tomorrow, not now: today counts as served."""
    day = day_already_past(at, zone)
    if day is not None:
        await store.chats.skip_digest_day(chat_id, day)
    return day is not None


async def change_quiet(store: Store, chat_id: int, args: list[str], command: str = "/quiet") -> str:
    arg = " ".join(args).strip().lower()
    if arg == "off":
        await store.chats.set_quiet(chat_id, None, None)
        return "Quiet hours are off: instant briefings arrive as they come."
    span = parse_quiet(arg)
    if span is None:
        return (
            f"Usage: <code>{escape(command)} 22:00-07:00</code> (24-hour, in this chat's time zone) "
            f"or <code>{escape(command)} off</code>."
        )
    await store.chats.set_quiet(chat_id, *span)
    chat = await store.chats.get(chat_id)
    return (
        f"Quiet hours: <b>{span[0]}–{span[1]}</b> {escape(chat.timezone)}. Briefings that arrive then "
        "wait and come as one catch-up when they end. Change the zone with /digest."
    )


async def now(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/now: everything new on this chat's topics since its last delivery."""
    chat_id = await ensure_chat(update, context)
    sender = services_of(context).running_sender()
    sent = await sender.deliver_pending(context.bot, chat_id, limit=NOW_LIMIT, asked=True)
    if sent == 0:
        await update.effective_message.reply_html("Nothing new on your topics since your last briefing.")


def _valid_zone(name: str) -> bool:
    if not re.fullmatch(r"[A-Za-z0-9_+\-/]{1,60}", name) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
