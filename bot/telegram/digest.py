"""Daily digests: once a day, at each digest chat's local time."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.store import Store
from bot.store.chats import Chat
from bot.telegram.sender import BriefingSender

log = logging.getLogger(__name__)
DIGEST_LIMIT = 15


def digest_due(chat: Chat, now_utc: datetime) -> str | None:
    """The chat's local date when its digest time has come today, else None."""
    local = now_utc.astimezone(ZoneInfo(chat.timezone))
    if local.strftime("%H:%M") < chat.digest_time:
        return None
    return local.date().isoformat()


async def send_due_digests(store: Store, sender: BriefingSender, bot: Bot, now_utc: datetime | None = None) -> int:
    """Send every digest whose time has come; returns the number of chats served."""
    now_utc = now_utc or datetime.now(UTC)
    served = 0
    for chat in await store.chats.digest_chats():
        day = digest_due(chat, now_utc)
        if day is None or not await store.deliveries.undelivered(chat.id, 1):
            continue
        if not await store.chats.mark_digest_sent(chat.id, day):
            continue  # already sent today
        await sender.send_digest(bot, chat.id, day, limit=DIGEST_LIMIT)
        served += 1
    return served
