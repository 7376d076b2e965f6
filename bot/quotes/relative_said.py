"""Reported speech in an object relative clause: "the toll, which critics say is unfair",
"policies that officials said had harmed the port", "what she said is growing demand".

The cue's object is the relative pronoun itself, so the words after the cue start with a
verb ("is unfair"): the claim is that verb's clause, and the speaker is the subject
between the pronoun and the cue.
"""

from __future__ import annotations

from bot.quotes.clauses import clause_end, strip_end
from bot.quotes.lexicon import BE, RELATIVE_SAY_CUES, SUBJECT_PRONOUNS
from bot.quotes.mentions import Mention, cap_run_back, common_np, name_mention
from bot.quotes.raw import Raw
from bot.quotes.tokens import Token
from bot.quotes.via import via_near

RELATIVES = frozenset("which what that".split())
# The verb that opens the claim: "which critics say is …", "that he said had …".
_FINITE = BE | frozenset("has have had will would can could should may might must".split())
# Words between the subject and the cue: "which she has repeatedly said was".
_BEFORE_CUE = frozenset("has have had also previously once always".split())
_LONGEST_SUBJECT = 5  # words
# Words that cannot be part of the subject: the clause is some other shape.
_NOT_SUBJECT = frozenset("not to of in on at for by with and or but as if than".split()) | RELATIVES


def relative_said(toks: list[Token], i: int, text: str) -> bool:
    """The guard: a relative pronoun after a word, a short subject, a cue, a finite verb."""
    return i > 0 and (toks[i - 1].is_word or toks[i - 1].text in (",", "—")) and _cue_at(toks, i) is not None


def _cue_at(toks: list[Token], i: int) -> int | None:
    """Index of the cue after the pronoun at toks[i], or None when the shape does not hold."""
    k = i + 1
    while k < len(toks) and k - i <= _LONGEST_SUBJECT + 2:
        t = toks[k]
        if t.lower in RELATIVE_SAY_CUES and k > i + 1:
            ok = k + 1 < len(toks) and toks[k + 1].lower in _FINITE
            return k if ok else None
        if not t.is_word or t.lower in _NOT_SUBJECT:
            return None
        k += 1
    return None


def find_relative_said(text: str, toks: list[Token], i: int, sent_start: int, sent_end: int) -> Raw | None:
    c = _cue_at(toks, i)
    if c is None:
        return None
    last = c - 1
    while last > i and (toks[last].lower in _BEFORE_CUE or toks[last].lower.endswith("ly")):
        last -= 1  # "which she has repeatedly said": the subject ends before "has"
    if last <= i:
        return None
    m = _speaker(toks, i + 1, last, text)
    a, b = strip_end(text, toks[c + 1].start, _end(toks, i, c, sent_end))
    return Raw("indirect", a, b, m, toks[c].text, via_near(toks, c, text)) if b - toks[c + 1].start >= 8 else None


def _end(toks: list[Token], i: int, c: int, sent_end: int) -> int:
    """Where the claim ends: at its clause's end, or at the comma that closes a relative
    clause opened by one ("the vote, which she said was a mistake, cost her")."""
    end = clause_end(toks, c + 1, sent_end)
    if toks[i - 1].text != ",":
        return end
    comma = next((t.start for t in toks[c + 1 :] if t.start < end and t.text == ","), None)
    return comma if comma is not None else end


def _speaker(toks: list[Token], first: int, last: int, text: str) -> Mention | None:
    t = toks[last]
    if first == last and t.lower in SUBJECT_PRONOUNS:
        # "Clinton's vote, which she has said was a mistake": inside a relative clause the
        # pronoun often points past the last speaker; the claim stands, its speaker unnamed
        return None
    if t.is_cap:
        return name_mention(toks, max(first, cap_run_back(toks, last)), last, text)
    return common_np(toks, last, text, floor=first)
