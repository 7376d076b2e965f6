"""Who may change a chat's setup: anyone in a private chat, administrators in groups and channels.

Membership comes from getChatMember and is cached for a few minutes per
(chat, user), so a busy group does not cost one API call per command. An
anonymous administrator (a message sent as the group itself) counts as one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Coroutine
from functools import wraps
from typing import Any

from telegram import Bot, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.services import services_of

log = logging.getLogger(__name__)
CACHE_SECONDS = 300.0
_ADMIN = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR}
GROUPS = {ChatType.GROUP, ChatType.SUPERGROUP}
NOT_ADMIN = "Only this group's administrators can change what it receives; anyone can read and ask."

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


class AdminCache:
    """getChatMember answers, kept for CACHE_SECONDS."""

    def __init__(self, ttl: float = CACHE_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self._clock = ttl, clock
        self._members: dict[tuple[str, int], tuple[float, Any]] = {}

    async def member(self, bot: Bot, chat_id: int | str, user_id: int) -> Any:
        """The ChatMember, or None when Telegram does not know the chat or the user there."""
        key = (str(chat_id), user_id)
        cached = self._members.get(key)
        if cached and cached[0] > self._clock():
            return cached[1]
        try:
            member = await bot.get_chat_member(chat_id, user_id)
        except (BadRequest, Forbidden) as error:
            log.info("getChatMember(%s, %s) refused: %s", chat_id, user_id, error)
            member = None
        self._members[key] = (self._clock() + self.ttl, member)
        return member

    async def is_admin(self, bot: Bot, chat_id: int | str, user_id: int) -> bool:
        member = await self.member(bot, chat_id, user_id)
        return member is not None and member.status in _ADMIN

    def forget(self, chat_id: int | str) -> None:
        self._members = {k: v for k, v in self._members.items() if k[0] != str(chat_id)}


def admin_cache(context: ContextTypes.DEFAULT_TYPE) -> AdminCache:
    services = services_of(context)
    if services.admin_cache is None:
        services.admin_cache = AdminCache()
    return services.admin_cache


async def may_change(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the sender may change this chat's setup (private chats: always)."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None or chat.type == ChatType.PRIVATE:
        return True
    if chat.type not in GROUPS:
        return False  # channels are set up from a private chat (/channel)
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous administrator writes as the group itself
    user = update.effective_user
    if user is None:
        return False
    try:
        return await admin_cache(context).is_admin(context.bot, chat.id, user.id)
    except TelegramError as error:  # when unsure, change nothing
        log.warning("could not check admin rights in chat %s: %s", chat.id, error)
        return False


def admins_only(handler: Handler) -> Handler:
    """Run `handler` only for whoever may change the chat; everyone else gets one polite line."""

    @wraps(handler)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if await may_change(update, context):
            await handler(update, context)
            return
        if update.callback_query is not None:
            await update.callback_query.answer(NOT_ADMIN, show_alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(NOT_ADMIN)

    return guarded
