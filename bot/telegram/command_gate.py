"""The command gate: every command a chat sends passes here before any handler sees it.

Two refusals, one polite line each. A chat that sends more than COMMANDS_PER_MINUTE
commands in any 60 s is asked to slow down once per window and then not answered
until its window frees: a line per extra command would make the bot part of the flood.
A command longer than MAX_COMMAND_CHARS is refused whole, so no handler has to echo
or parse pages of text.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from telegram import Message, Update
from telegram.ext import ApplicationHandlerStop, ContextTypes, filters

from bot.questions.ratelimit import RateLimiter

log = logging.getLogger(__name__)

MAX_COMMAND_CHARS = 3000  # a /follow of 20 phrases or a 2,000-character link fits; Telegram allows 4096
_GATE = "command_gate"  # bot_data key


@dataclass(frozen=True, slots=True)
class Verdict:
    admitted: bool
    wait_seconds: float = 0.0
    tell: bool = False  # the first refusal of this window: say why, once


class CommandGate:
    """At most `per_minute` commands per chat in any sliding 60 s, counted in memory; the window is
    the questions' limiter, and the gate adds when to say so."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._window = RateLimiter(per_minute, clock)
        self._told_until: dict[int, float] = {}

    def admit(self, chat_id: int) -> Verdict:
        wait = self._window.allow(chat_id)
        if not wait:
            return Verdict(True)
        now = self.clock()
        if self._told_until.get(chat_id, 0.0) > now:
            return Verdict(False, wait)
        if len(self._told_until) > 10_000:  # memory stays bounded however many chats flood
            self._told_until = {c: t for c, t in self._told_until.items() if t > now}
        self._told_until[chat_id] = now + wait
        return Verdict(False, wait, tell=True)


def install(bot_data: dict, per_minute: int) -> None:
    bot_data[_GATE] = CommandGate(per_minute)


async def gate_commands(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A TypeHandler in an early group: stops a refused command before its handler runs."""
    message = update.effective_message
    if message is None or not filters.COMMAND.check_update(update) or not _for_us(message, context.bot.username):
        return
    verdict: Verdict = context.bot_data[_GATE].admit(message.chat_id)
    if not verdict.admitted:
        log.info("chat %s: command refused, over the per-minute limit", message.chat_id)
        if verdict.tell:
            await message.reply_text(
                "You are sending commands faster than I can answer. "
                f"Please wait {math.ceil(verdict.wait_seconds)} s; I'll answer again then."
            )
        raise ApplicationHandlerStop
    length = len(message.text or "")
    if length > MAX_COMMAND_CHARS:
        log.info("chat %s: command of %d characters refused", message.chat_id, length)
        await message.reply_text(
            f"That command is too long for me ({length} characters; at most {MAX_COMMAND_CHARS}). Please shorten it."
        )
        raise ApplicationHandlerStop


def _for_us(message: Message, username: str | None) -> bool:
    """`/x@other_bot` is another bot's business and is neither counted nor answered."""
    word = (message.text or "").split(maxsplit=1)[0]
    _, _, addressee = word.partition("@")
    return not addressee or addressee.lower() == (username or "").lower()
