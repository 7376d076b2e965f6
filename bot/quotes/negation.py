"""Words denied or not said: records whose content is not what their speaker said.

"Brandt denied that the beams were rusting" and "Brandt never claimed the bridge was
unsafe" are found like reported speech, and PolNeAR counts them as attributions. But
"the beams were rusting" under Brandt's name, in an answer or a briefing line, would
say the opposite of what the article reports; their records get a kind of their own
(`bot.models.DENIED_KINDS`), so the store and the briefing leave them out, as they do
views held (`Quote.said`).
"""

from __future__ import annotations

import re

from bot.quotes.lexicon import DENIAL_CUES, NEGATIONS, UNDOING
from bot.quotes.raw import Raw

_WORDS = re.compile(r"[a-z'’-]+")
# how far after a speaker that follows the words its cue may stand ("…, Brandt did not claim")
_REACH = 60
# how many words before the cue a negation may stand ("has not yet said", "never once claimed")
_BEFORE_CUE = 3
# a negation behind one of these belongs to another clause ("Brandt, who did not attend, said …")
_CLAUSE_BREAK = re.compile(r"[,;:—–()]")


def denied_kind(text: str, r: Raw) -> str | None:
    """ "denial" when the cue is a word of denial, "negated" when a negation stands just
    before the cue; None for any other record. A direct quote is the speaker's own words
    whatever its cue ("“We never ordered it,” she denied"), so only reported and partial
    records are read."""
    if r.kind == "direct" or r.mention is None or not r.cue:
        return None
    if denial_cue(r.cue):
        return "denial"
    return "negated" if _negated(_cue_stretch(text, r), r.cue) else None


def denial_cue(cue: str | None) -> bool:
    """ "denied", "has rejected", "his denial": the cue says the words are untrue."""
    return any(w in DENIAL_CUES for w in _WORDS.findall((cue or "").lower()))


def _cue_stretch(text: str, r: Raw) -> str:
    """Where the cue stands: between the speaker and the words ("Brandt never claimed the
    bridge …"), or after a speaker who follows them ("The bridge was unsafe, Brandt did not
    claim"); nothing when the cue comes before that speaker ("…, said Brandt")."""
    assert r.mention is not None
    if r.mention.end <= r.start:
        return text[r.mention.end : r.start]
    if r.end <= r.mention.start and _find(text[r.end : r.mention.start], r.cue) is None:
        return text[r.mention.end : r.mention.end + _REACH]
    return ""


def _find(stretch: str, cue: str | None) -> re.Match[str] | None:
    words = (cue or "").split()
    if not words:
        return None
    return re.search(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", stretch, re.IGNORECASE)


def _negated(stretch: str, cue: str) -> bool:
    found = _find(stretch, cue)
    if found is None:
        return False
    lead = _CLAUSE_BREAK.split(stretch[: found.start()])[-1]
    words = _WORDS.findall(lead.lower())[-_BEFORE_CUE:]
    undone = any(w in UNDOING and after == "to" for w, after in zip(words, words[1:], strict=False))
    return undone or any(_negation(w) for w in words)


def _negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith(("n't", "n’t"))
