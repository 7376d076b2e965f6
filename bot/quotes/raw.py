"""The intermediate record the finders produce before speakers are resolved."""

from __future__ import annotations

from typing import NamedTuple

from bot.quotes.mentions import Mention


class Raw(NamedTuple):
    kind: str  # direct | partial | indirect
    start: int  # content span in the text
    end: int
    mention: Mention | None
    cue: str | None
    via: str | None = None
    # what the cue is grammatically (see CUE_KINDS), so briefings need not guess
    cue_kind: str | None = None
    # start of the record this one is part of (a partial quote's reported clause);
    # records with the same speaker mention and cue are one statement anyway
    anchor: int | None = None


# verb: "said", "warned of"; participle: "…, saying"; according: "according to X";
# noun: "his claim that", "criticism of"; adjective: "is confident that";
# label: "Name: …"; source: "In a statement, …"; hearsay: "reportedly", "seems to".
# An indirect record's Quote then says what a held view is instead (bot.quotes.held):
# cognition "believes", perception "saw", stance "wants", "is confident that", intention
# "plans to", "declined to"; and an indirect or partial record's Quote what words denied
# or not said are (bot.quotes.negation): denial "denied that", negated "never claimed".
CUE_KINDS = ("verb", "participle", "according", "noun", "adjective", "label", "source", "hearsay")
