"""A briefing, independent of who wrote it and how it is shown.

Quote text is never free text here: every `Quote` comes from the quote
engine's analysis of the article, so what is shown as said was said.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from enum import StrEnum

from bot.models import Quote


class WrittenBy(StrEnum):
    """Who wrote a briefing's account: the extractive writer or the model (verified)."""

    EXTRACTIVE = "extractive"
    LLM = "llm"


@dataclass(slots=True)
class Briefing:
    headline: str
    url: str
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    via: str | None = None  # when the outlet relays another outlet's reporting
    report: list[str] = field(default_factory=list)  # the outlet's account, its sentences
    on_record: list[Quote] = field(default_factory=list)  # direct quotes, verbatim
    reported: list[Quote] = field(default_factory=list)  # paraphrase, one per speaker
    framing: list[str] = field(default_factory=list)  # notes on the outlet's own wording
    writer: str = WrittenBy.EXTRACTIVE  # a WrittenBy value


def briefing_to_json(briefing: Briefing) -> str:
    return json.dumps(dataclasses.asdict(briefing), ensure_ascii=False)


def briefing_from_json(body: str) -> Briefing:
    """Raises ValueError or TypeError for a body an older Briefing wrote."""
    data = json.loads(body)
    data["on_record"] = [Quote(**q) for q in data.get("on_record", [])]
    data["reported"] = [Quote(**q) for q in data.get("reported", [])]
    return Briefing(**data)
