"""Quoted words a speech verb's clause holds that no record took: "Ruiz promised at a
rally to end “the wasteful two-tier ticket system”", "he thought that “rates are too
low, too long”".

The reported-speech rules read a clause after a cue ("said that …"); when none of
them took the clause, the quotation in it is left without a record. Those words are
still the speaker's own: a partial quote, its speaker the subject of the nearest cue
before it in the same clause. Only a quote long enough to be words said rather than
a label (labels are read elsewhere), not a title, with a subject the speaker readers
take; otherwise nothing (a wrong speaker costs more than a missed quote).
"""

from __future__ import annotations

import bisect

from bot.quotes.lexicon import CUE_VERBS, TITLE_PREPOSITIONS, WEAK_CUES
from bot.quotes.marks import QuoteSpan
from bot.quotes.mentions import Mention
from bot.quotes.raw import Raw
from bot.quotes.speakers import sentence_subject, subject_before
from bot.quotes.tokens import tokenize

# words said, not a name given: a label is one to a few words
_FEWEST_WORDS = 5
# symbols that stand inside a clause; any other (a comma, a colon, a mark) ends the search
_INSIDE_A_CLAUSE = ("’", "'", "-", "$", "%")
# how far the cue may stand before the opening mark: "welcomed", "credited the win to"
_CUE_REACH = 12


def object_quotes(text: str, quotes: list[QuoteSpan], sentences: list[tuple[int, int]], taken) -> list[Raw]:
    """A partial record for each quotation no record holds whose cue and speaker are clear;
    `taken(a, b)` tells whether a record already covers text[a:b]."""
    out = []
    for q in quotes:
        words = text[q.start : q.end].split()
        if taken(q.start, q.end) or len(words) < _FEWEST_WORDS or _title_case(words):
            continue
        s_start = _sentence_start(sentences, q.open)
        found = _cue_and_speaker(text, s_start, q)
        if found is not None:
            m, cue = found
            out.append(Raw("partial", q.start, q.end, m, cue, None, "verb"))
    return out


def _sentence_start(sentences: list[tuple[int, int]], pos: int) -> int:
    k = bisect.bisect_right(sentences, pos, key=lambda s: s[0]) - 1
    return sentences[k][0] if k >= 0 else 0


def _cue_and_speaker(text: str, s_start: int, q: QuoteSpan) -> tuple[Mention, str] | None:
    toks = tokenize(text, s_start, q.open)
    if len(toks) < 2 or "\n" in text[s_start : q.open] or _after_preposition(toks):
        return None
    for i in range(len(toks) - 1, max(-1, len(toks) - 1 - _CUE_REACH), -1):
        t = toks[i]
        if not t.is_word and t.text not in _INSIDE_A_CLAUSE:
            return None  # a comma, colon or another quote between: not this cue's object
        if t.lower in CUE_VERBS and t.lower not in WEAK_CUES and not t.is_cap:
            m = _speaker(toks, i, text)
            return (m, t.text) if m is not None else None
    return None


def _after_preposition(toks: list) -> bool:
    """ "said on “This Week”", "said on ABC's “This Week”": a programme or a work's
    title after a preposition, not words said."""
    return any(t.lower in TITLE_PREPOSITIONS for t in toks[-4:])


def _title_case(words: list[str]) -> bool:
    """ "Morning Tide With Jonas Berg": every longer word capitalised names a work."""
    long = [w for w in words if len(w) > 3]
    return bool(long) and all(w[:1].isupper() for w in long)


def _speaker(toks: list, i: int, text: str) -> Mention | None:
    m = subject_before(toks, i, text)
    if m is not None:
        return m
    if i > 0 and (toks[i - 1].lower in ("and", "to") or toks[i - 1].text == "," and toks[i].lower.endswith("ing")):
        # "… and credited the win to “…”", "…, pledging to “…”", "went on to say …":
        # the sentence's subject
        return sentence_subject(toks, text)
    return None
