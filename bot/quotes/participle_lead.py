"""A sentence led by a participle of saying: "Noting that the pier had closed twice,
the mayor asked for a review." / "Citing the storm, the port closed early."

The participle's clause, up to its comma, is what the main clause's subject noted
or cited; the subject after the comma speaks. Without a subject there (a gerund
subject, "Citing sources is easy"), nothing is read.
"""

from __future__ import annotations

from bot.quotes.clauses import content_close, strip_end
from bot.quotes.loose_subjects import opening_np
from bot.quotes.raw import Raw
from bot.quotes.speakers import sentence_subject
from bot.quotes.tokens import Token

# A participle clause longer than this is no fronted phrase: the comma is lost.
_MOST_TOKENS = 45
# Marks inside which a comma belongs to a quotation, not to the sentence.
_OPEN_MARKS = frozenset('“ "'.split())
_CLOSE_MARKS = frozenset('” "'.split())


def leads_sentence(toks: list[Token], i: int, text: str) -> bool:
    """The participle opens its sentence and a clause (not a comma or "to") follows it."""
    if i != 0 or len(toks) <= 6 or toks[1].lower == "to" and toks[0].lower != "referring":
        return False  # "Saying to the crowd …" names a listener first
    return toks[1].is_word or toks[1].text in _OPEN_MARKS


def participle_lead(text: str, toks: list[Token], i: int, sent_start: int, sent_end: int) -> Raw | None:
    """The participle's clause up to its comma, said by the subject after the comma."""
    j = i + 1
    if toks[j].lower in ("out", "to") and toks[i].lower in ("pointing", "referring"):
        j += 1  # "Pointing out that …", "Referring to the storm, …"
    if j < len(toks) and toks[j].lower == "that":
        j += 1
    k = _closing_comma(toks, j)
    if k is None or k - j < 2:
        return None
    main = toks[k + 1 :]
    while main and not main[0].is_word:
        main = main[1:]  # past the closing mark after the comma
    m = sentence_subject(main, text) or opening_np(main, text)  # "Ms. Reyes added", "the mayor asked"
    if m is None:
        return None
    a, b = strip_end(text, toks[j].start, content_close(toks, k))
    return Raw("indirect", a, b, m, toks[i].text) if b - a >= 8 else None


def _closing_comma(toks: list[Token], j: int) -> int | None:
    """The comma that closes the participle's clause, outside any quotation."""
    inside = False
    for k in range(j, min(len(toks), j + _MOST_TOKENS)):
        t = toks[k].text
        if t == '"':
            inside = not inside
        elif t in _OPEN_MARKS:
            inside = True
        elif t in _CLOSE_MARKS:
            inside = False
            if toks[k - 1].text == "," and k + 1 < len(toks) and toks[k + 1].is_word:
                return k - 1  # "Citing “storms in the north,” the mayor …": the comma sits inside
        elif t == "," and not inside:
            return k
        elif t in (";", ":"):
            return None
    return None
