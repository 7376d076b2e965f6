"""Telegram handlers for questions: /ask, /who, replies to briefings, speaker buttons.

What to answer is decided in bot.questions; these only read the update and send the reply.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.ext import ContextTypes

from bot.services import services_of
from bot.store import Store

log = logging.getLogger(__name__)
WHO_PREFIX = "who:"
MAX_BUTTONS = 6
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def speaker_buttons(speakers: list[tuple[int, str]]) -> InlineKeyboardMarkup | None:
    """'Who is Medinsky?' buttons, one per speaker (id, name), two to a row."""
    buttons = [
        InlineKeyboardButton(f"Who is {name.split()[-1]}?"[:60], callback_data=f"{WHO_PREFIX}{sid}")
        for sid, name in speakers[:MAX_BUTTONS]
        if name.strip()
    ]
    if not buttons:
        return None
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def briefing_buttons(store: Store) -> Callable[[int], Awaitable[InlineKeyboardMarkup | None]]:
    """The `buttons` hook for BriefingSender: speaker buttons for an article id."""

    async def buttons(article_id: int) -> InlineKeyboardMarkup | None:
        return speaker_buttons(await store.speakers.of_article(article_id))

    return buttons


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask <question>: answer from stored quotes (a reply to a briefing gives context)."""
    message = update.effective_message
    question = " ".join(context.args or [])
    replied = message.reply_to_message
    html = await services_of(context).answerer.answer(
        question,
        user_id=_user_id(update),
        chat_id=message.chat_id,
        reply_to_message_id=replied.message_id if replied else None,
    )
    await message.reply_html(html, link_preview_options=_NO_PREVIEW)


async def who(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/who <name>: the speaker's card."""
    html = await services_of(context).answerer.who(" ".join(context.args or []), user_id=_user_id(update))
    await update.effective_message.reply_html(html, link_preview_options=_NO_PREVIEW)


async def reply_to_briefing(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text reply to one of the bot's briefing messages is a question about it."""
    message = update.effective_message
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or replied.from_user.id != context.bot.id:
        return
    services = services_of(context)
    if await services.store.deliveries.article_for_message(message.chat_id, replied.message_id) is None:
        return  # a reply to some other bot message (an answer, a help text): not a question
    html = await services.answerer.answer(
        message.text or "", user_id=_user_id(update), chat_id=message.chat_id, reply_to_message_id=replied.message_id
    )
    await message.reply_html(html, link_preview_options=_NO_PREVIEW)


async def who_tapped(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A 'Who is …?' button under a briefing: send the speaker's card."""
    query = update.callback_query
    await query.answer()
    speaker_id = int(query.data.removeprefix(WHO_PREFIX))
    html = await services_of(context).answerer.who_id(speaker_id, user_id=query.from_user.id)
    if query.message is not None:
        await context.bot.send_message(query.message.chat.id, html, parse_mode="HTML", link_preview_options=_NO_PREVIEW)


def _user_id(update: Update) -> int:
    user = update.effective_user
    return user.id if user else update.effective_chat.id  # channel posts have no user
