"""Mentions beside a cue that are not who spoke (issue 12): the person a speaker
told or urged, and the email or statement someone sent. The one spoken to is
never the speaker; a medium sent by someone gives the word to its sender, or
to nobody when the sender is not plain."""

from __future__ import annotations

from bot.quotes.lexicon import DETERMINERS, MEDIA_NOUNS, PREPOSITIONS, SPOKEN_TO
from bot.quotes.mentions import Mention, cap_run_back, is_name_tok
from bot.quotes.speakers import subject_before
from bot.quotes.tokens import Token, tokenize

# Between a sent medium and its cue: "an email saying", "a piece that noted".
_MEDIUM_GAP = frozenset({"", "that", "which"})
# Before the medium, words that make it the object of a verb or a phrase of how
# ("put it in his memo explaining"): not the subject of its cue.
_MEDIUM_PREPOSITIONS = frozenset("in through via with".split())
# Before a place, never before a speaker ("from" is left out: "a letter from Ann Roe saying").
_PLACE_PREPOSITIONS = frozenset("in at near outside".split())
# Particles and adverbs between the verb of sending and its object: "blasted out", "fired back".
_PARTICLES = frozenset("out off back up down quickly immediately also then later".split())


def _index_at(toks: list[Token], pos: int) -> int:
    for n, t in enumerate(toks):
        if t.start >= pos:
            return n
    return -1


def spoken_to(text: str, m: Mention, cue: str | None, sent_start: int) -> bool:
    """ "Morial told a young woman who asked …": the object of "told" (or "urged",
    "asked") is the listener; a cue after it is not theirs to speak. The inverted
    "“Why?” asked Ann Roe" names its speaker after the cue and stays."""
    toks = tokenize(text, sent_start, m.start)
    if not toks:
        return False
    verb = toks[-1]
    if verb.lower not in SPOKEN_TO or verb.is_cap:
        return False
    # "“…?” asked Dunn. “I think …”": the asking is Dunn's own cue, not a listener's
    return (cue or "").split()[:1] != [verb.text]


def a_place(text: str, m: Mention, sent_start: int) -> bool:
    """ "In New Hampshire, Rubio has railed against Christie, taking aim at …", "a rally in
    Portsmouth, N.H., on Tuesday, …, saying": a name right after a preposition of place,
    or an abbreviated state after such a place, then a comma, is where it happened, never
    who spoke."""
    toks = tokenize(text, sent_start, m.start)
    if not toks or not text[m.start : m.start + 1].isupper():
        return False
    if not text[m.end : m.end + 2].lstrip(".").startswith(","):
        return False  # "In Iowa, Ann Roe said": the name after the place goes on to its cue
    if toks[-1].lower in _PLACE_PREPOSITIONS:
        return True
    if toks[-1].text != "," or len(toks) < 3 or not is_name_tok(toks[-2]):
        return False
    b = cap_run_back(toks, len(toks) - 2)
    # only an abbreviated state ("N.H.", "Colo."): "in Iowa, Clinton, the nominee, …" is a person
    abbreviated = "." in text[m.start : m.end + 1] and " " not in text[m.start : m.end]
    return abbreviated and b >= 1 and toks[b - 1].lower in _PLACE_PREPOSITIONS


def sent_medium(text: str, m: Mention, cue: str | None, sent_start: int) -> bool:
    """ "The union sent an email to members saying …": the mention is a medium
    ("an email", "a statement"), its cue a participle or a relative clause right
    after it. Whether someone sent it is for `sender` to say."""
    if not _medium(text[m.start : m.end].lower().split()):
        return False
    cue_word = (cue or "").split()[:1]
    at = text.find(cue or "\0", m.end, m.end + 20)
    if not cue_word or at < 0 or text[m.end : at].strip().lower() not in _MEDIUM_GAP:
        return False
    # "a statement said …": the statement is the subject of its cue and stays the source
    if not cue_word[0].lower().endswith("ing") and not text[m.end : at].strip():
        return False
    before = tokenize(text, sent_start, m.start)[-1:]
    # "In 2016, a statement …": a medium opening its clause is that clause's subject
    return bool(before) and before[0].is_word and not before[0].is_cap


def medium_sender(text: str, m: Mention, sent_start: int) -> Mention | None:
    """Who sent the medium `m`: the subject of the verb of sending before it ("sent",
    "blasted out", "shot back in"); None when no plain subject sent it."""
    toks = tokenize(text, sent_start, m.start)
    k = len(toks) - 1
    if k < 1:
        return None
    if toks[k].lower in _MEDIUM_PREPOSITIONS:
        k -= 1
    elif toks[k].lower in PREPOSITIONS:
        return None  # "responsive to a message that …": no one sent it in this clause
    while k > 0 and toks[k].lower in _PARTICLES:
        k -= 1
    if k < 1 or not toks[k].is_word or toks[k].is_cap or toks[k - 1].lower == "to":
        return None  # "prompted the tabloid to do a cover saying …": the sender is not the subject
    return subject_before(toks, k, text)


def _medium(words: list[str]) -> bool:
    """ "an email", "a text message to supporters", "a clip of McCain": a determiner, and a
    medium as the head, before any phrase that follows it ("her email practices" is no medium)."""
    if len(words) < 2 or words[0] not in DETERMINERS:
        return False
    cut = next((n for n, w in enumerate(words) if n and (w in PREPOSITIONS or w == "to")), len(words))
    return words[cut - 1] in MEDIA_NOUNS


__all__ = ["a_place", "medium_sender", "sent_medium", "spoken_to"]
