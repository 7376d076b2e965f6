"""Which speakers a briefing can put a name to.

The engine's speaker is sometimes a piece of a sentence rather than a source:
"Bornsten's earlier missive on Trump was", "52-count civil complaint filed by
the federal commission and a 15-count complaint by the state". Shown as the
one who said the words, such a phrase misleads; a briefing leaves the item out
(a missing line costs less than a wrong one).
"""

from __future__ import annotations

import re

from bot.models import Quote
from bot.quotes.lexicon import DOT_TITLES, PREPOSITIONS, PRONOUNS

MAX_SPEAKER_WORDS = 7
_WORD = re.compile(r"[\w'’.-]+")
# a finite verb inside a "speaker" means a clause was cut out, not a source named
_CLAUSE_VERBS = frozenset("was were is are has had have will would did does said says".split())
# a name or a noun phrase never ends on these
_DANGLING = frozenset("of by for to in on at from with and or the a an that which who".split())
# "This group recognizes …", "Both think …", "You’ll see …": someone the reader cannot tell;
# "After years …": a phrase of time ("Under Secretary …" is a title)
_NOT_NAME_OPENERS = PRONOUNS | (PREPOSITIONS - {"under"}) | frozenset("this that these those both".split())
_CONTRACTION = re.compile(r"['’](?:ll|m|re|ve|d)$", re.IGNORECASE)
# "A spokesman for Ann Roe called …", "according to a source on the call", "Editorial pages
# across the country warned …": the name follows one of these after a noun, so it is not the
# one who spoke but what that noun belongs to
_LINKS = frozenset("for of to in on at from across with among inside near outside within behind".split())
_REACH = 250  # characters around the words searched for the speaker's naming
_BACK = re.compile(r"([A-Za-z][\w'’.-]*)[ \t]+$")


def names_a_source(speaker: str | None) -> bool:
    """'Ann Reyes', 'a spokesperson for Baltline', 'the dock workers' union' do; a clause piece doesn't."""
    words = _WORD.findall(speaker or "")
    if not words or len(words) > MAX_SPEAKER_WORDS or words[0][0].isdigit():
        return False
    if words[-1].lower() in _DANGLING or words[-1].lower().endswith(("'s", "’s")):
        return False  # "Clinton's" out of "Clinton's introducer, actress …": whose, not who
    if len(words) > 1 and words[-1].islower() and words[-1].endswith("ed"):
        return False  # "The report published" out of "The report published Tuesday showed …"
    first = words[0].lower()
    if first in _NOT_NAME_OPENERS or _CONTRACTION.search(first):
        return False
    return not any(word in _CLAUSE_VERBS for word in words)


def speaker_is_complement(quote: Quote, text: str) -> bool:
    """The speaker is named only as what another noun belongs to ("a spokesman for Ann Roe",
    "a column in the Gazette"): the words are that noun's, not the speaker's."""
    at = _nearest_naming(quote, text)
    if at is None:
        return False
    before = text[max(0, at - 200) : at]
    role = set((quote.speaker_role or "").lower().split())
    for _ in range(8):
        m = _BACK.search(before)
        if m is None:
            return False  # a comma or the paragraph's start: nothing links the name to a noun
        word, before = m.group(1), before[: m.start()]
        if word.endswith(".") and word[:-1].lower() not in DOT_TITLES and len(word) > 2:
            return False  # "… in Indianapolis. The Post reported": the sentence before
        # a title or a role before the name belongs to it ("candidate Ann Roe", "Sen. Roe")
        if not (word[0].isupper() or word.lower() in role):
            noun = _BACK.search(before)
            if word not in _LINKS or noun is None or noun.group(1).lower() == "according":
                return False  # "according to Ann Roe" names her as the source
            return noun.group(1).isalpha() and noun.group(1).islower()
    return False


def _nearest_naming(quote: Quote, text: str) -> int | None:
    """Where the speaker is named closest to the words, outside them, or None. A name is
    looked for whole and by its last word ("Netanyahu said …" for Benjamin Netanyahu)."""
    if not quote.speaker:
        return None
    names = {quote.speaker}
    last = quote.speaker.split()[-1]
    if quote.speaker[0].isupper() and last[0].isupper():
        names.add(last)
    low, high = max(0, quote.start - _REACH), min(len(text), quote.end + _REACH)
    best: tuple[int, int] | None = None
    for name in names:
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", text[low:high]):
            start = low + m.start()
            if quote.start <= start < quote.end:
                continue
            distance = quote.start - start if start < quote.start else start - quote.end
            if best is None or distance < best[0]:
                best = (distance, start)
    return best[1] if best else None
