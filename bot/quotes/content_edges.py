"""The first words of a reported content, settled to where news corpora put them.

Three shapes, each one way in the annotated corpus (PolNeAR train, at least
three times in four):

- An adjunct between the cue and the clause goes with the cue: "Ruiz said
  repeatedly that the ferry was late" reports "that the ferry was late";
  likewise "has said for months that", "asked on Monday whether",
  "declined for years to".
- A clause that follows its "that" starts at the "that": "…, adding that the
  toll would stay" reports "that the toll would stay". The quote's text drops
  the "that" again (see engine._content_text), so readers see the same words.
- A verb's particle is part of the cue: "Ruiz called out the harbour board"
  reports "the harbour board".
- The listener of "told", "reminding", "warned" is no part of what was said:
  "Ruiz warned the crews on Friday that the toll would rise" reports "that the
  toll would rise" (and "told reporters how …", "whether …").

Only what lies between the cue and the clause moves; nothing inside what was
said is cut, so the shown words read as they do in the article.
"""

from __future__ import annotations

import re

from bot.quotes.lexicon import (
    ADJUNCT_TIME_LEADS,
    ADJUNCT_TIME_WORDS,
    BE,
    CUE_ADJUNCT_ADVERBS,
    DAYS_MONTHS,
    DETERMINERS,
    LISTENER_FORMS,
    PRONOUNS,
)
from bot.quotes.raw import Raw

_WORD = re.compile(r"[A-Za-z]+")
_CLAUSE_OPENERS = ("that", "whether", "if", "to")
_MAX_ADJUNCT_WORDS = 4


def settle_starts(text: str, records: list[Raw]) -> list[Raw]:
    # a record another one is anchored to keeps its start, or the two would part
    anchors = {r.anchor for r in records if r.anchor is not None}
    return [_settled(text, r) if r.kind == "indirect" and r.start not in anchors else r for r in records]


def _settled(text: str, r: Raw) -> Raw:
    if not _follows_a_word(text, r.start):
        return r  # the content opens its sentence: its first words are its own
    start = _past_adjuncts(text, r.start, r.end)
    if start == r.start:
        start = _back_to_that(text, r.start, r.end)
    if start == r.start:
        start = _past_particle(text, r)
    if start == r.start:
        start = _past_listener(text, r)
    return r._replace(start=start) if start != r.start else r


def _follows_a_word(text: str, at: int) -> bool:
    before = text[max(0, at - 3) : at].rstrip(" ")
    return bool(before) and before[-1].isalnum() and text[at - 1 : at] == " "


def _words(text: str, start: int, end: int, n: int) -> list[re.Match]:
    out = []
    for m in _WORD.finditer(text, start, end):
        out.append(m)
        if len(out) == n:
            break
    return out


def _past_adjuncts(text: str, start: int, end: int) -> int:
    """Where the clause begins after "repeatedly", "for weeks", "on Monday" …, or start."""
    words = _words(text, start, end, _MAX_ADJUNCT_WORDS + 1)
    for k, m in enumerate(words):
        if m.group().lower() in _CLAUSE_OPENERS:
            lead = [w.group() for w in words[:k]]
            if lead == ["only"] and m.group().lower() != "that":
                return start  # "said only if …", "only to …": the condition is what was said
            after = _words(text, m.end(), end, 2)
            if not after or (m.group().lower() == "to" and not _verb_like(after[0].group())):
                return start  # "reports directly to the president": a place, not a clause
            if k and _is_adjunct(lead) and _gaps_are_plain(text, words[: k + 1]):
                return m.start()
            return start
    return start


def _verb_like(word: str) -> bool:
    """The word after an infinitive "to": lowercase and no determiner ("to reveal", not "to the")."""
    return word.islower() and word not in DETERMINERS and word not in PRONOUNS


def _is_adjunct(words: list[str]) -> bool:
    """ "repeatedly", "privately", "on Monday", "for months", "over the weekend", "for the first time"."""
    if all(_is_adverb(w) for w in words):
        return True
    lows = [w.lower() for w in words]
    if lows in (["long", "ago"], ["soon", "after"], ["for", "the", "first", "time"]):
        return True
    *leads, last = lows
    if not (last in ADJUNCT_TIME_WORDS or words[-1] in DAYS_MONTHS):
        return False
    if not leads:
        return words[-1] in DAYS_MONTHS  # "said Tuesday that"; not "recalled the day that"
    # a preposition first: "on Monday", "for weeks", "over the weekend", "on Thursday night"
    if leads[0] == "the" or leads[0] not in ADJUNCT_TIME_LEADS:
        return False
    return all(w in ADJUNCT_TIME_LEADS or w.title() in DAYS_MONTHS for w in leads)


def _is_adverb(word: str) -> bool:
    return word.islower() and (word in CUE_ADJUNCT_ADVERBS or (word.endswith("ly") and len(word) > 4))


def _gaps_are_plain(text: str, words: list[re.Match]) -> bool:
    """Only spaces (or a comma) between the words: no quote mark, no clause break."""
    return all(text[a.end() : b.start()].strip(" ") in ("", ",") for a, b in zip(words, words[1:], strict=False))


def _back_to_that(text: str, start: int, end: int) -> int:
    """ "adding that the toll would stay": the span takes its "that" (clauses of three words or more)."""
    at = start - 5
    if at < 1 or text[at:start].lower() != "that " or text[at - 1].isalnum():
        return start
    if len(_words(text, start, end, 3)) < 3:
        return start
    return at if _follows_a_word(text, at) else start


def _past_particle(text: str, r: Raw) -> int:
    """ "called out the board": "out" belongs to the cue just before it."""
    if not r.cue or text[r.start : r.start + 4] != "out ":
        return r.start
    if not text[: r.start - 1].endswith(r.cue):
        return r.start
    words = _words(text, r.start, r.end, 3)
    return words[1].start() if len(words) == 3 else r.start


_LISTENER_STOPS = frozenset({"to", "that", "and", "but", "who", "which"}) | BE
_MAX_LISTENER_WORDS = 6


def _past_listener(text: str, r: Raw) -> int:
    """ "warned the crews on Friday that …": the clause starts at its "that" (or "how",
    "whether", "if") when only a listener, a place or a day stands before it."""
    if not r.cue or r.cue.lower() not in LISTENER_FORMS:
        return r.start
    cue_at = text.rfind(r.cue, max(0, r.start - 40), r.start)
    gap = text[cue_at + len(r.cue) : r.start] if cue_at >= 0 else "."
    if any(c in gap for c in ".;:!?") or len(gap.split()) > 3:
        return r.start  # the cue is not the one just before the content
    words = _words(text, r.start, r.end, _MAX_LISTENER_WORDS + 2)
    for k, m in enumerate(words):
        low = m.group().lower()
        if low in ("that", "how", "whether", "if") and k:
            lead = text[r.start : m.start()]
            return m.start() if len(words) > k + 1 and not any(q in lead for q in '“”"') else r.start
        if low in _LISTENER_STOPS or k >= _MAX_LISTENER_WORDS:
            return r.start
    return r.start
