"""Cues in the passive voice: "Lind was told by the auditor that …", "the skippers were
warned that …", "the plan has been criticized".

The grammatical subject of a passive cue is who was told or what was said; it never
speaks, and a wrong speaker costs more than none. The speaker is the agent after "by"
("by the auditor"), or nobody named.
"""

from __future__ import annotations

import re

from bot.quotes.lexicon import BE, DONE_TO, HELD_STATES, IRREGULAR_PARTICIPLES, PASSIVE_GAP, SAYING_CUES
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


# "Lind, who was told …": a relative pronoun after the mention's comma
_RELATIVE_OPENING = re.compile(r"\s*,\s*(?:who|which|that)\s+")
_GAP_CHARS = 50  # the words between a mention and its cue fit in this many characters


def words_before_cue(text: str, mention_end: int, cue: str) -> str | None:
    """The words between a mention and its cue in the same clause ("was", "has been"),
    past a relative pronoun ("Lind, who was warned …": "was"); None when the cue is
    not there or a comma stands between."""
    at = text.find(cue, mention_end, mention_end + _GAP_CHARS) if cue else -1
    if at < 0:
        return None
    gap = text[mention_end:at]
    rel = _RELATIVE_OPENING.match(gap)
    if rel is not None:
        gap = gap[rel.end() :]
    return gap if "," not in gap else None


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


def is_participle(word: str) -> bool:
    """Any past participle a passive can take, not only of saying ("was lambasted", "is
    shown"): "-ed" forms and the common irregular ones; a state the subject holds
    ("were worried") is none."""
    if word in HELD_STATES:
        return False
    return word in DONE_TO or word in IRREGULAR_PARTICIPLES or len(word) > 4 and word.endswith("ed")


def _any_passive_gap(gap: str) -> bool:
    """The words between a subject and its participle make a passive: they end in a form
    of "be", and hold only auxiliaries, adverbs and a relative pronoun ("who was widely")."""
    words = gap.lower().replace(",", " ").split()
    if not words:
        return False
    if not any(w in BE for w in words):
        return False
    return all(w in BE or w in PASSIVE_GAP or _adverb(w) for w in words)


def _adverb(word: str) -> bool:
    return word.endswith("ly") and word.isalpha()


def any_participle_passive(text: str, end: int, cue: str | None) -> bool:
    """The cue right after a mention ending at `end` is a passive participle: "the plan
    has been criticized", "a banner that was quickly ripped", "cannot be portrayed"."""
    if not cue:
        return False
    at = text.find(cue, end, end + 60)
    if at < 0:
        return False
    gap = text[end:at]
    if "\n" in gap or any(c in gap for c in '.;:!?"“”'):
        return False
    word = cue.split()[0].lower()
    return is_participle(word) and _any_passive_gap(gap)


def agent_after(text: str, content_end: int, speaker_start: int, cue: str | None) -> bool:
    """ "the meeting, requested by Lind, would be …": a participle then "by" and the
    speaker after the words is a passive with its agent; the words before it are the
    writer's, not what the agent said."""
    if not cue or speaker_start < content_end:
        return False
    at = text.find(cue, content_end, speaker_start)
    return at >= 0 and text[at + len(cue) : speaker_start].strip().lower() == "by"
