"""Quiet hours: instant briefings wait while they are on, then come as one catch-up.

`/quiet 22:00-07:00` sets them in the chat's time zone (the one /digest set,
UTC by default); `/quiet off` clears them. Before each instant round, chats in
their quiet hours with something pending are marked as held (held chats are left
out of instant delivery); once the hours are over, a held chat gets one compact
catch-up of everything pending (keyed by the moment the hold began, so a restart
never sends it twice) and then its hold is released.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.store import Store
from bot.store.chats import Chat
from bot.store.deliveries import Item
from bot.telegram.digest import catch_up
from bot.telegram.outbox import Outbox

log = logging.getLogger(__name__)
_SPAN = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)-([01]?\d|2[0-3]):([0-5]\d)$")


def parse_quiet(text: str) -> tuple[str, str] | None:
    """'22:00-07:00' -> ('22:00', '07:00'); None when it is not such a span (or starts and ends alike)."""
    match = _SPAN.match(text.strip())
    if not match:
        return None
    start = f"{int(match.group(1)):02d}:{match.group(2)}"
    end = f"{int(match.group(3)):02d}:{match.group(4)}"
    return (start, end) if start != end else None


def in_quiet_hours(chat: Chat, now_utc: datetime) -> bool:
    """Whether the chat's local time is inside its quiet hours (which may wrap midnight)."""
    if not chat.quiet_start or not chat.quiet_end:
        return False
    local = now_utc.astimezone(ZoneInfo(chat.timezone)).strftime("%H:%M")
    if chat.quiet_start < chat.quiet_end:
        return chat.quiet_start <= local < chat.quiet_end
    return local >= chat.quiet_start or local < chat.quiet_end


async def hold_or_catch_up(store: Store, outbox: Outbox, bot: Bot, now_utc: datetime | None = None) -> int:
    """Hold chats now in quiet hours; send the catch-up to held chats whose hours are over.

    Returns the number of catch-ups sent. Runs before the instant round.
    """
    now_utc = now_utc or datetime.now(UTC)
    sent = 0
    for chat in await store.chats.quiet_chats():
        if in_quiet_hours(chat, now_utc):
            if not chat.held:
                await store.chats.hold(chat.id)
        elif chat.held_since is not None:
            carried = await catch_up(store, outbox, bot, chat.id, Item.QUIET, chat.held_since)
            if carried is None:
                continue  # it could not go now: still held, tried again next round
            await store.chats.release_hold(chat.id)
            sent += carried > 0
    return sent
