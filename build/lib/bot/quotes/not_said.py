"""Reported-speech records that hold no reported words, found after the finders ran.

A cue word read in the wrong place leaves a record whose "content" is something
else: another attribution ("…, they said"), a lone bracket. Showing such a record
would put words in someone's mouth, so these guards drop it; each is a pass in
the engine's list (see bot.quotes.engine.PASSES), so `--ablate` can weigh it.
"""

from __future__ import annotations

from bot.quotes.clauses import BARE_TIME, TIME_UNITS
from bot.quotes.lexicon import TAIL_CUES
from bot.quotes.raw import Raw

# Marks a tail attribution follows: "“…,” she said", "…, officials said".
_TAIL_OPENERS = frozenset(",”\"’'")
_EDGE = " \t\n\"'“”‘’,.;:!?()[]—–-"
_MAX_TAIL_WORDS = 8
# Longer contents are never a bare tail or a bare time: checked before any splitting,
# which keeps the guards off the long clauses that make up most records.
_MAX_TAIL_CHARS = 120
_MAX_TIME_CHARS = 30


def attribution_as_content(text: str, r: Raw) -> bool:
    """ "“I don't believe in it,” Marshall said.": a cue word inside the quote ("believe")
    took the tail attribution after it ("Marshall said") as what was said. A content
    that is only a speaker and a tail cue, opened by a comma or a closing mark, is
    an attribution, never the words."""
    if r.kind != "indirect" or r.end - r.start > _MAX_TAIL_CHARS:
        return False
    before = text[max(0, r.start - 3) : r.start].rstrip()
    if not before or before[-1] not in _TAIL_OPENERS:
        return False
    words = [w.strip(_EDGE).lower() for w in text[r.start : r.end].split()]
    words = [w for w in words if w]
    return 0 < len(words) <= _MAX_TAIL_WORDS and (words[0] in TAIL_CUES or words[-1] in TAIL_CUES)


def wordless(text: str, r: Raw) -> bool:
    """A content with no letter or digit at all (a bracket, a dash) says nothing."""
    return r.kind == "indirect" and not any(c.isalnum() for c in text[r.start : r.end])


def only_a_time(text: str, r: Raw) -> bool:
    """ "the stories that will be talked about today", "a case he has pushed for months":
    the cue's object sits before it, and the words after it are only when."""
    if r.kind != "indirect" or r.end - r.start > _MAX_TIME_CHARS:
        return False
    words = [w.strip(_EDGE) for w in text[r.start : r.end].split()]
    words = [w for w in words if w]
    if not 0 < len(words) <= 2 or not words[-1].islower():
        return False
    last = words[-1]
    return last in BARE_TIME or last in TIME_UNITS or last.endswith("s") and last[:-1] in TIME_UNITS | {"day", "hour"}
