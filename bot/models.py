"""Plain records that the pipeline stages hand to one another.

Stages talk through these and through the store, never through each other's
internals, so each stage can be tested and replaced on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# Cue kinds of records that tell what someone holds or means to do, not what they said
# ("believes", "saw", "wants", "plans to"): never shown or stored as said (bot.quotes.held).
HELD_KINDS = frozenset({"cognition", "perception", "stance", "intention"})
# Cue kinds of records whose content is what the speaker denied ("denied that …") or did
# not say ("never claimed …"): shown as said, they would invert it (bot.quotes.negation).
DENIED_KINDS = frozenset({"denial", "negated"})
NOT_SAID_KINDS = HELD_KINDS | DENIED_KINDS


@dataclass(frozen=True, slots=True)
class Quote:
    """One attribution found in an article's text.

    For `direct` and `partial` quotes `text == article_text[start:end]`, the
    quoted words without their quotation marks. For `indirect` (reported
    speech) `text` is the outlet's paraphrase of what was said.
    """

    kind: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_role: str | None = None
    via: str | None = None
    cue: str | None = None
    # what the cue is: verb, participle, according, noun, adjective, label, source, hearsay;
    # or, for a view held rather than said, cognition, perception, stance or intention
    # (HELD_KINDS); for words denied or not said, denial or negated (DENIED_KINDS)
    cue_kind: str | None = None
    # records of one statement share it: the halves of an interrupted quote, a
    # partial quote and the reported clause around it, a quote over paragraphs
    attribution: int | None = None

    @property
    def said(self) -> bool:
        """False for a belief, perception, stance or intention, and for words denied or
        not said: no briefing or answer shows them as said."""
        return self.cue_kind not in NOT_SAID_KINDS


@dataclass(frozen=True, slots=True)
class Framing:
    """The outlet's own wording around a claim: a distancing or loaded word,
    or the outlet's comment on what someone said."""

    phrase: str
    start: int
    end: int
    kind: str  # "distancing" | "loaded" | "comment"


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker as one article names them, with every way it refers to them."""

    name: str
    role: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "person"  # "person" | "organisation" | "unnamed"


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the quote engine found in one article's text."""

    quotes: tuple[Quote, ...] = ()
    framing: tuple[Framing, ...] = ()
    speakers: tuple[Speaker, ...] = ()


@dataclass(slots=True)
class Article:
    """An article's main text and metadata, as extracted from its page."""

    url: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None
    summary: str | None = None
    analysis: Analysis = field(default_factory=Analysis)

    @property
    def published_date(self) -> str | None:
        return self.published.date().isoformat() if self.published else None
