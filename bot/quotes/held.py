"""Views held, not words said: which records carry a belief, a perception or a stance.

PolNeAR annotates "X believes …", "X saw …" and "X wants …" as attributions, and the
engine finds them with the same rules as reported speech. A reader of a briefing must
never take them for something X said, so their records get a kind of their own
(`bot.models.HELD_KINDS`); the store keeps only what was said (`Quote.said`).
"""

from __future__ import annotations

import re

from bot.quotes.lexicon import COGNITION_CUES, SAYING_CUES, SENSE_CUES, STANCE_CUES

# the grammatical kinds a view can be read from: "believes", "hoping", "is confident that"
_REREAD = frozenset({"verb", "participle", "adjective"})
_CLASSES = (("cognition", COGNITION_CUES), ("perception", SENSE_CUES), ("stance", STANCE_CUES))
_WORDS = re.compile(r"[a-z'’-]+")


def held_kind(cue: str | None) -> str | None:
    """ "cognition", "perception" or "stance" when the cue tells what someone holds, else
    None. A word of speech in the cue wins: "voiced support for" was said."""
    words = _WORDS.findall((cue or "").lower())
    if any(w in SAYING_CUES for w in words):
        return None
    for w in words:
        for kind, cues in _CLASSES:
            if w in cues:
                return kind
    return None


def refined_kind(kind: str, cue_kind: str | None, cue: str | None) -> str | None:
    """An indirect record's cue kind, a held view's class when its cue is one."""
    if kind != "indirect" or cue_kind not in _REREAD:
        return cue_kind
    return held_kind(cue) or cue_kind
