"""Passive cues: "a curfew was announced", "Kim was asked whether …".

A form of "be" before a cue's participle makes the subject what was said, or who was
spoken to or about, never who spoke; the text may not say who did, so the speaker is
left unnamed. A participle of a state the subject holds ("were worried", "is quoted
as saying") keeps its subject.
"""

from __future__ import annotations

from bot.quotes.lexicon import BE, DONE_TO, HELD_STATES, IRREGULAR_PARTICIPLES, PASSIVE_GAP


def is_participle(word: str) -> bool:
    """A past participle a passive can take: "-ed" forms and the common irregular ones."""
    if word in HELD_STATES:
        return False
    return word in DONE_TO or word in IRREGULAR_PARTICIPLES or len(word) > 4 and word.endswith("ed")


def passive_gap(gap: str) -> bool:
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


def passive_cue(text: str, end: int, cue: str | None) -> bool:
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
    return is_participle(word) and passive_gap(gap)


def agent_after(text: str, content_end: int, speaker_start: int, cue: str | None) -> bool:
    """ "the meeting, requested by Lind, would be …": a participle then "by" and the
    speaker after the words is a passive with its agent; the words before it are the
    writer's, not what the agent said."""
    if not cue or speaker_start < content_end:
        return False
    at = text.find(cue, content_end, speaker_start)
    return at >= 0 and text[at + len(cue) : speaker_start].strip().lower() == "by"
