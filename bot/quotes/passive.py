"""Cues in the passive voice: "Lind was told by the auditor that …", "the skippers were
warned that …", "the plan has been criticized".

The grammatical subject of a passive cue is who was told or what was said; it never
speaks, and a wrong speaker costs more than none. The speaker is the agent after "by"
("by the auditor"), or nobody named.
"""

from __future__ import annotations

from bot.quotes.lexicon import BE, DONE_TO, SAYING_CUES
from bot.quotes.mentions import Mention, cap_run_back, common_np, name_mention
from bot.quotes.tokens import tokenize

# Irregular participles of saying: "was told", "has been written".
_IRREGULAR = frozenset("told said written spoken".split())
# "was quoted as saying": the subject is the one quoted, so it keeps speaking.
_SUBJECT_SPEAKS = frozenset({"quoted"})
# Words that may stand between the subject and a passive participle besides "be":
# "had been", "was not", "got told", "was also asked", "has since been denied".
_AUX = frozenset("has have had not never get gets got getting also since then once later already first".split())
# "He's told reporters": after a contraction "'s" is as often "has" as "is"; only the
# participles that mostly mean what was done to someone count there.
_CONTRACTED_BE = frozenset("'s ’s".split())
# Words after "by" that end the agent: the content or another phrase starts.
_AGENT_END = frozenset(
    """that whether if to as for of on in at about after before during when who which
with over because""".split()
)
# Words that open an agent that is a phrase: "by the auditor", "by its own members".
_AGENT_OPENERS = frozenset("the a an his her their its our some many several".split())
_LONGEST_AGENT = 8  # words after "by"


def passive_participle(word: str) -> bool:
    """A participle of saying that can follow "was": "told", "warned", "criticized"."""
    return word in SAYING_CUES and word not in _SUBJECT_SPEAKS and (word.endswith("ed") or word in _IRREGULAR)


def passive_gap(gap: str, cue_word: str) -> bool:
    """The words between a subject and its cue make the cue passive: "was", "has been",
    "were repeatedly"."""
    words = gap.lower().split()
    if not words or not passive_participle(cue_word):
        return False
    be = [w for w in words if w in BE]
    if not be or not all(w in BE or w in _AUX or w.endswith("ly") for w in words):
        return False
    return cue_word in DONE_TO or any(w not in _CONTRACTED_BE for w in be)


def by_agent(text: str, cue_end: int, limit: int) -> Mention | None:
    """The agent right after a passive cue: "was told by the auditor that": the auditor."""
    toks = tokenize(text, cue_end, min(limit, cue_end + 160))
    if len(toks) < 2 or toks[0].lower != "by":
        return None
    e = 1
    while e < len(toks) and e <= _LONGEST_AGENT and toks[e].is_word and toks[e].lower not in _AGENT_END:
        e += 1
    last = e - 1
    if last < 1:
        return None
    if toks[last].is_cap:
        return name_mention(toks, max(1, cap_run_back(toks, last)), last, text)
    m = common_np(toks, last, text, floor=1)
    # "told by phone", "warned by letter": a bare singular noun is the means, not who spoke
    first = m.surface.split()[0].lower() if m else ""
    return m if m and (first in _AGENT_OPENERS or toks[last].lower.endswith("s")) else None
