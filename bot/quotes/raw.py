"""The intermediate record the finders produce before speakers are resolved."""

from __future__ import annotations

from typing import NamedTuple

from bot.quotes.speakers import Mention


class Raw(NamedTuple):
    kind: str  # direct | partial | indirect
    start: int  # content span in the text
    end: int
    mention: Mention | None
    cue: str | None
    via: str | None = None
