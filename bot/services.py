"""The running bot's parts, built once from the settings and passed around.

Handlers find it in `context.bot_data["services"]`; nothing is global.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.quotes.analyser import Analyser, RulesAnalyser
from bot.settings import Settings
from bot.store import Store


@dataclass(slots=True)
class Services:
    settings: Settings
    store: Store
    # Finds who said what in an article's text (ANALYSER setting).
    analyser: Analyser = field(default_factory=RulesAnalyser)
    # The briefing writer (bot.llm when a model is configured, else extractive).
    writer: Any = None
    # The question answerer (bot.questions), built by its own module.
    answerer: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def services_of(context: Any) -> Services:
    return context.bot_data["services"]
