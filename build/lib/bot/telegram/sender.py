"""The briefing sender: which briefings go to which chat now, through the one outbox.

Instant delivery fans out over every chat with news, a bounded number of chats at a time, each
chat's briefings oldest first; the flood gate paces them and the outbox makes each (chat, forum
thread, article) go at most once: two threads of a forum whose topics match one article each get
it. A briefing is written once per round, however many chats get it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import TypeVar

from telegram import Bot, InlineKeyboardMarkup

from bot.briefing.extractive import extractive_briefing
from bot.briefing.render import render_briefing
from bot.store import Store
from bot.store.deliveries import Pending, article_item
from bot.telegram.outbox import FAN_OUT_WORKERS, Outbox, Outcome, Outgoing, fan_out
from bot.telegram.ratelimit import BULK, INTERACTIVE

log = logging.getLogger(__name__)
Buttons = Callable[[int], Awaitable[InlineKeyboardMarkup | None]]
T = TypeVar("T")
Written = dict[int, "asyncio.Task[tuple[str, InlineKeyboardMarkup | None]]"]


class BriefingSender:
    def __init__(
        self,
        store: Store,
        outbox: Outbox,
        writer=None,
        buttons: Buttons | None = None,
        workers: int = FAN_OUT_WORKERS,
    ) -> None:
        self.store = store
        self.outbox = outbox
        self.writer = writer  # BriefingWriter; None means extractive only
        self.buttons = buttons  # the buttons under a briefing, by article id
        self.workers = workers

    async def deliver_instant(self, bot: Bot) -> int:
        """Push every instant chat's new briefings; returns how many went."""
        written: Written = {}

        async def deliver(chat_id: int) -> int:
            return await self.deliver_pending(bot, chat_id, written=written)

        chats = await self.store.chats.instant_chats_with_news()
        return await fan_out(self.until_stopping(chats), deliver, self.workers)

    def until_stopping(self, jobs: Iterable[T]) -> Iterator[T]:
        """`jobs`, taken one by one, until the bot begins to stop (`Outbox.stopping`)."""
        for job in jobs:
            if self.outbox.stopping:
                return
            yield job

    async def deliver_pending(
        self,
        bot: Bot,
        chat_id: int,
        limit: int = 20,
        written: Written | None = None,
        *,
        asked: bool = False,
    ) -> int:
        """Send this chat's undelivered briefings, oldest first; returns how many went.

        `asked=True` (a person's /now) puts them ahead of bulk deliveries.
        """
        sent, written = 0, {} if written is None else written
        for pending in await self.store.deliveries.undelivered(chat_id, limit):
            if self.outbox.stopping:
                break
            outcome = await self._deliver(bot, chat_id, pending, written, INTERACTIVE if asked else BULK)
            if outcome is Outcome.SENT:
                sent += 1
            elif outcome in (Outcome.BLOCKED, Outcome.LATER):
                break
        return sent

    async def _deliver(self, bot: Bot, chat_id: int, pending: Pending, written: Written, priority: int) -> Outcome:
        article_id = pending.article_id
        try:
            html, markup = await self._written(article_id, written)
        except Exception:  # one article that cannot be written must not stop the others
            log.exception("the briefing of article %s could not be built; chat %s gets it later", article_id, chat_id)
            return Outcome.LATER
        result = await self.outbox.send(
            bot,
            Outgoing(chat_id, html, markup, thread_id=pending.thread_id or None),
            article_item(article_id),
            article_id=article_id,
            priority=priority,
        )
        return result.outcome

    def _written(self, article_id: int, written: Written) -> asyncio.Task[tuple[str, InlineKeyboardMarkup | None]]:
        """The briefing and its buttons, built once per round even when many chats ask at once."""
        if article_id not in written:
            written[article_id] = asyncio.ensure_future(self._build(article_id))
        return written[article_id]

    async def _build(self, article_id: int) -> tuple[str, InlineKeyboardMarkup | None]:
        markup = await self.buttons(article_id) if self.buttons else None
        return await self.briefing_html(article_id), markup

    async def briefing_html(self, article_id: int) -> str:
        stored = await self.store.articles.get(article_id)
        if stored is None:
            raise LookupError(f"article {article_id} is no longer stored")
        stored.article.analysis = await self.store.quotes.analysis(article_id)
        if self.writer is not None:
            briefing = await self.writer.write(stored.article, stored.text_hash)
        else:
            briefing = extractive_briefing(stored.article)
        return render_briefing(briefing)
