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
from bot.store import Store
from bot.store.db import storage_errors
from bot.store.rate_windows import RateWindowStore

log = logging.getLogger(__name__)

MAX_COMMAND_CHARS = 3000  # a /follow of 20 phrases or a 2,000-character link fits; Telegram allows 4096
_GATE = "command_gate"  # bot_data key
COMMANDS, TOLD = "commands", "commands-told"  # the shared windows' scopes
_STORAGE_ERRORS = storage_errors()


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

    async def check(self, chat_id: int) -> Verdict:
        return self.admit(chat_id)


class SharedCommandGate:
    """The same limit counted in the database (bot.store.rate_windows), for processes sharing one
    PostgreSQL: behind a load balancer one chat's commands reach several webhook instances, and
    the limit is the chat's, not each instance's. The "slow down" line goes out at most once a
    minute, whichever instance refuses. When the database does not answer, this process's own
    window decides: a command is not refused for a reason the chat could not see."""

    def __init__(self, per_minute: int, windows: RateWindowStore, clock: Callable[[], float] = time.time) -> None:
        self.per_minute = per_minute
        self.windows = windows
        self.clock = clock
        self.fallback = CommandGate(per_minute)

    async def check(self, chat_id: int) -> Verdict:
        try:
            wait = await self.windows.take(COMMANDS, chat_id, self.per_minute, self.clock())
            if not wait:
                return Verdict(True)
            untold = not await self.windows.take(TOLD, chat_id, 1, self.clock())
        except _STORAGE_ERRORS as error:
            log.debug("chat %s: the shared command window is unavailable (%s); counting here", chat_id, error)
            return self.fallback.admit(chat_id)
        return Verdict(False, wait, tell=untold)


def install(bot_data: dict, per_minute: int, store: Store | None = None) -> None:
    """The gate: counted in the database when processes may share it (PostgreSQL), else in memory."""
    if store is not None and store.postgres:
        bot_data[_GATE] = SharedCommandGate(per_minute, store.rate_windows)
    else:
        bot_data[_GATE] = CommandGate(per_minute)


async def gate_commands(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A TypeHandler in an early group: stops a refused command before its handler runs."""
    message = update.effective_message
    if message is None or not filters.COMMAND.check_update(update) or not _for_us(message, context.bot.username):
        return
    verdict: Verdict = await context.bot_data[_GATE].check(message.chat_id)
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
