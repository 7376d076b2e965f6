"""Views held, not words said: which records carry a belief, a perception, a stance or
an intention.

PolNeAR annotates "X believes …", "X saw …", "X wants …" and "X plans to …" as
attributions, and the engine finds them with the same rules as reported speech. A reader
of a briefing must never take them for something X said ("Mayor Varga: to close the
bridge"), so their records get a kind of their own (`bot.models.HELD_KINDS`); the store
keeps only what was said (`Quote.said`).
"""

from __future__ import annotations

import re

from bot.quotes.lexicon import COGNITION_CUES, INTENTION_CUES, SAYING_CUES, SENSE_CUES, STANCE_CUES
from bot.quotes.raw import Raw

# the grammatical kinds a view can be read from: "believes", "hoping", "is confident that"
_REREAD = frozenset({"verb", "participle", "adjective"})
# the kinds of a record that reports words said around a view held
_SAYING_KINDS = frozenset({"verb", "participle", "according"})
_VIEWS = (("cognition", COGNITION_CUES), ("perception", SENSE_CUES), ("stance", STANCE_CUES))
_CLASSES = (*_VIEWS, ("intention", INTENTION_CUES))
_WORDS = re.compile(r"[a-z'’-]+")


def held_kind(cue: str | None, classes: tuple[tuple[str, frozenset[str]], ...] = _CLASSES) -> str | None:
    """ "cognition", "perception", "stance" or "intention" when the cue tells what someone
    holds or means to do, else None. A word of speech in the cue wins: "voiced support
    for" was said, and so were "vowed to" and "announced plans to"."""
    words = _WORDS.findall((cue or "").lower())
    if any(w in SAYING_CUES for w in words):
        return None
    for w in words:
        for kind, cues in classes:
            if w in cues:
                return kind
    return None


def refined_kind(kind: str, cue_kind: str | None, cue: str | None) -> str | None:
    """An indirect record's cue kind, a held view's class when its cue is one."""
    if kind != "indirect" or cue_kind not in _REREAD:
        return cue_kind
    return held_kind(cue) or cue_kind


# Nesting reads views only: an intention inside words said ("police say he refused to drop
# the gun") or around them keeps the part it had before it was told apart from speech;
# read as a view here, it moved train by one speaker match and no F1. Shown, it is
# held either way.
def _held_view(r: Raw) -> bool:
    return (
        r.kind == "indirect"
        and r.mention is not None
        and r.cue_kind in _REREAD
        and held_kind(r.cue, _VIEWS) is not None
    )


def drop_nested_views(raws: list[Raw]) -> list[Raw]:
    """ "Ruiz defended the toll, saying she had asked for it because she believed the pier
    was unsafe": a view held by someone inside the content of words said is part of what
    they report (annotators mark the outer clause only), and apart it would be a second,
    weaker account of the same words. Raws come per sentence in text order: neighbours
    only, linear."""
    out: list[Raw] = []
    for n, r in enumerate(raws):
        if _held_view(r) and any(_holds(o, r) for o in raws[max(0, n - 3) : n + 4] if o is not r):
            continue
        out.append(r)
    return out


def _holds(o: Raw, r: Raw) -> bool:
    """`r`'s speaker and content lie inside the content of `o`, words said after its speaker
    ("said", "…, saying", "according to"; a noun like "his promises" may run over a clause)."""
    assert r.mention is not None
    return (
        o.kind == "indirect"
        and o.cue_kind in _SAYING_KINDS
        and held_kind(o.cue, _VIEWS) is None
        and o.mention is not None
        and o.mention.end <= o.start <= r.mention.start
        and r.end <= o.end + 2
    )
