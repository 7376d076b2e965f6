"""The briefing sender: the one stage that sends briefings to Telegram.

Each (chat, article) is claimed in the delivery log before sending, so a chat
never gets an article twice. Telegram's answers decide what happens next:
403 stops sending to the chat, a group migration moves it, a refused message
is not retried, a network failure leaves the article for the next round.
"""

from __future__ import annotations

import asyncio
import logging
import time
from enum import Enum

from telegram import Bot, LinkPreviewOptions
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.briefing.extractive import extractive_briefing
from bot.briefing.render import render_briefing
from bot.store import Store

log = logging.getLogger(__name__)


class Outcome(Enum):
    """What became of one briefing for one chat."""

    SENT = "sent"
    SKIPPED = "skipped"  # another round had claimed it
    FAILED = "failed"  # Telegram refused this message; not retried
    STOP = "stop"  # nothing more for this chat this round (blocked, migrated, or retry later)


class BriefingSender:
    def __init__(
        self,
        store: Store,
        writer=None,
        buttons=None,
        per_chat_interval: float = 1.0,
        clock=time.monotonic,
        sleep=asyncio.sleep,
    ) -> None:
        self.store = store
        self.writer = writer  # BriefingWriter; None means extractive only
        self.buttons = buttons  # async (article_id) -> InlineKeyboardMarkup | None
        # Telegram allows about one message a second per chat, and PTB's rate
        # limiter does not pace private chats, so the sender does.
        self.per_chat_interval = per_chat_interval
        self._last_send: dict[int, float] = {}
        self._clock, self._sleep = clock, sleep

    async def _pace(self, chat_id: int) -> None:
        now = self._clock()
        wait = self._last_send.get(chat_id, float("-inf")) + self.per_chat_interval - now
        if wait > 0:
            await self._sleep(wait)
        self._last_send[chat_id] = now + max(wait, 0.0)

    async def deliver_instant(self, bot: Bot) -> int:
        """Push every instant chat's new briefings; each article is written once per round."""
        sent = 0
        written: dict[int, tuple] = {}
        for chat_id in await self.store.chats.instant_chats_with_news():
            sent += await self.deliver_pending(bot, chat_id, written=written)
        return sent

    async def send_digest(self, bot: Bot, chat_id: int, day: str, limit: int) -> int:
        """A digest: a dated header, then the day's briefings."""
        await self._pace(chat_id)
        try:
            await bot.send_message(chat_id, f"🗞 <b>Your daily digest</b> · {day}", parse_mode="HTML")
        except TelegramError as error:
            log.warning("digest header to chat %s failed: %s", chat_id, error)
        return await self.deliver_pending(bot, chat_id, limit)

    async def deliver_pending(
        self, bot: Bot, chat_id: int, limit: int = 20, written: dict[int, tuple] | None = None
    ) -> int:
        """Send this chat's undelivered briefings, oldest first; returns how many went."""
        sent, written = 0, {} if written is None else written
        for article_id in await self.store.deliveries.undelivered(chat_id, limit):
            outcome = await self._deliver(bot, chat_id, article_id, written)
            if outcome is Outcome.SENT:
                sent += 1
            elif outcome is Outcome.STOP:
                break
        return sent

    async def _deliver(self, bot: Bot, chat_id: int, article_id: int, written: dict[int, tuple]) -> Outcome:
        if not await self.store.deliveries.claim(chat_id, article_id):
            return Outcome.SKIPPED
        if article_id not in written:  # many subscribers, one briefing
            markup = await self.buttons(article_id) if self.buttons else None
            written[article_id] = (await self.briefing_html(article_id), markup)
        html, markup = written[article_id]
        await self._pace(chat_id)
        try:
            message = await bot.send_message(
                chat_id,
                html,
                parse_mode="HTML",
                reply_markup=markup,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                message_thread_id=await self.store.chats.thread_for(chat_id, article_id),  # a forum topic
            )
        except ChatMigrated as moved:
            log.info("chat %s migrated to %s", chat_id, moved.new_chat_id)
            await self.store.deliveries.release(chat_id, article_id)
            await self.store.chats.migrate(chat_id, moved.new_chat_id)
            return Outcome.STOP
        except Forbidden as error:
            log.warning("chat %s refuses messages (%s): stopping deliveries there", chat_id, error)
            await self.store.deliveries.release(chat_id, article_id)
            await self.store.chats.mark_blocked(chat_id)
            return Outcome.STOP
        except BadRequest as error:  # before NetworkError: BadRequest is a subclass of it
            log.error("Telegram refused the briefing of article %s for chat %s: %s", article_id, chat_id, error)
            await self.store.deliveries.mark_failed(chat_id, article_id)
            return Outcome.FAILED
        except (RetryAfter, NetworkError) as error:
            log.warning("sending to chat %s failed for now (%s); will retry", chat_id, error)
            await self.store.deliveries.release(chat_id, article_id)
            return Outcome.STOP
        await self.store.deliveries.mark_sent(chat_id, article_id, message.message_id)
        return Outcome.SENT

    async def briefing_html(self, article_id: int) -> str:
        stored = await self.store.articles.get(article_id)
        stored.article.analysis = await self.store.quotes.analysis(article_id)
        if self.writer is not None:
            briefing = await self.writer.write(stored.article, stored.text_hash)
        else:
            briefing = extractive_briefing(stored.article)
        return render_briefing(briefing)
