"""Which speakers a briefing can put a name to.

The engine's speaker is sometimes a piece of a sentence rather than a source:
"Bornsten's earlier missive on Trump was", "52-count civil complaint filed by
the federal commission and a 15-count complaint by the state". Shown as the
one who said the words, such a phrase misleads; a briefing leaves the item out
(a missing line costs less than a wrong one).
"""

from __future__ import annotations

import re

MAX_SPEAKER_WORDS = 7
_WORD = re.compile(r"[\w'’.-]+")
# a finite verb inside a "speaker" means a clause was cut out, not a source named
_CLAUSE_VERBS = frozenset("was were is are has had have will would did does said says".split())
# a name or a noun phrase never ends on these
_DANGLING = frozenset("of by for to in on at from with and or the a an that which who".split())


def names_a_source(speaker: str | None) -> bool:
    """'Ann Reyes', 'a spokesperson for Baltline', 'the dock workers' union' do; a clause piece doesn't."""
    words = _WORD.findall(speaker or "")
    if not words or len(words) > MAX_SPEAKER_WORDS or words[0][0].isdigit():
        return False
    if words[-1].lower() in _DANGLING:
        return False
    return not any(word in _CLAUSE_VERBS for word in words)
