"""The running bot's parts, built once from the settings and passed around.

Handlers find it in `context.bot_data["services"]`; nothing is global. The
fetcher and the poller exist only while the bot runs: PTB's `post_init` opens
them and `post_shutdown` closes them (bot.telegram.app).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telegram.ext import ContextTypes

from bot.quotes.analyser import Analyser, RulesAnalyser
from bot.settings import Settings
from bot.store import Store
from bot.store.deliveries import process_owner

if TYPE_CHECKING:  # the parts import the store and settings; only their types are needed here
    from bot.fetch.client import Fetcher
    from bot.ingest.poller import Poller
    from bot.llm.writer import BriefingWriter
    from bot.processes.sender_duty import SenderDuty
    from bot.questions.answerer import QuestionAnswerer
    from bot.telegram.chat_admins import AdminCache
    from bot.telegram.sender import BriefingSender


@dataclass(slots=True)
class Services:
    settings: Settings
    store: Store
    # The briefing writer: with a model when one is configured, else extractive only.
    writer: BriefingWriter
    answerer: QuestionAnswerer
    # Finds who said what in an article's text (ANALYSER setting).
    analyser: Analyser = field(default_factory=RulesAnalyser)
    # Built by build_app: the one stage that sends briefings.
    sender: BriefingSender | None = None
    # Opened in post_init, closed in post_shutdown.
    fetcher: Fetcher | None = None
    poller: Poller | None = None
    # This process's name on its leases and its heartbeat row (tests run several in one interpreter).
    owner: str = field(default_factory=process_owner)
    # Built by build_app: whether this process is the one that sends (several may share a database).
    duty: SenderDuty | None = None
    # Who administers which group, remembered for a while (bot.telegram.chat_admins).
    admin_cache: AdminCache | None = None

    def running_sender(self) -> BriefingSender:
        if self.sender is None:
            raise RuntimeError("no sender: build_app() has not run")
        return self.sender

    def running_duty(self) -> SenderDuty:
        if self.duty is None:
            raise RuntimeError("no sender duty: build_app() has not run")
        return self.duty

    def running_fetcher(self) -> Fetcher:
        if self.fetcher is None:
            raise RuntimeError("no fetcher: the bot has not started (post_init)")
        return self.fetcher

    def running_poller(self) -> Poller:
        if self.poller is None:
            raise RuntimeError("no poller: the bot has not started (post_init)")
        return self.poller


def services_of(context: ContextTypes.DEFAULT_TYPE) -> Services:
    services: Services = context.bot_data["services"]
    return services
