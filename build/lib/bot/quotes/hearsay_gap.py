"""What a raising verb or a hearsay adverb reports, without the cue itself.

"The ferry is widely expected to resume service in May": nobody is named, the
clause is the claim, and the cue words sit inside it. News corpora annotate the
claim as two pieces around the cue ("The ferry" + "to resume service in May"),
so the record becomes two parts of one attribution: the second part is anchored
to the first, which gives both the same attribution number.
"""

from __future__ import annotations

from bot.quotes.lexicon import BE, HEARSAY, RAISING
from bot.quotes.raw import Raw
from bot.quotes.tokens import Token, tokenize

# Words of the verb group that go with the cue: "is widely expected", "does appear",
# "often seems", "has also appeared".
_VERB_GROUP = BE | frozenset("not n't n’t widely also now still often generally largely broadly does do did".split())


def split_hearsay(text: str, records: list[Raw]) -> list[Raw]:
    out: list[Raw] = []
    for r in records:
        out.extend(_parts(text, r) if _speakerless_hearsay(r) else (r,))
    return out


def _speakerless_hearsay(r: Raw) -> bool:
    return r.kind == "indirect" and r.mention is None and r.cue_kind == "hearsay" and r.anchor is None


def _parts(text: str, r: Raw) -> tuple[Raw, ...]:
    toks = tokenize(text, r.start, r.end)
    c = next((n for n, t in enumerate(toks) if t.text == r.cue), None)
    if c is None or c + 1 >= len(toks):
        return (r,)
    after = _claim_after(toks, c)
    h = c
    while h > 1 and _in_verb_group(toks[h - 1]):
        h -= 1  # "the ferry is widely expected": "is widely" goes with the cue
    if after is None or h < 1 or not toks[h - 1].is_word:
        return (r,)  # "The ferry seemed lost": no infinitive, the clause stays whole
    head = r._replace(end=toks[h - 1].end)
    tail = r._replace(start=toks[after].start, anchor=r.start)
    return head, tail


def _claim_after(toks: list[Token], c: int) -> int | None:
    """Index where the claim goes on after the cue: at "to" after a raising verb
    ("seems to hold"), at the verb after a hearsay adverb ("reportedly spent")."""
    low = toks[c].lower
    nxt = toks[c + 1]
    if low in RAISING:
        return c + 1 if nxt.lower == "to" else None
    if low in HEARSAY:
        return c + 1 if nxt.is_word else None
    return None


def _in_verb_group(t: Token) -> bool:
    return t.lower in _VERB_GROUP or t.lower.endswith("ly") and t.text.islower()
