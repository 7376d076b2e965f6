"""Speaker mentions tidied of what pages glue to a name before it is resolved.

Newsletters open an item with an all-caps run-in ("TOP STORY ON THE PIER Harbour chief
Ann Lee said"), which is no part of the speaker or the role; an outlet's possessive
("The Daily Herald's Tom Baker") is where the person works, not their name; a lone
place after a home town ("Residents of Leeds, England") and a linking word between
commas ("Lind, meanwhile, said") are no role.
"""

from __future__ import annotations

import re

from bot.quotes.lexicon import CONNECTIVES, KNOWN_OUTLETS, ORG_WORDS, OUTLET_WORDS, PARTY_NOUNS, TITLES
from bot.quotes.mentions import Mention

# A run of three or more all-caps words opening a phrase, then a word that is not
# ("USA TODAY contributor" keeps its two-word outlet name).
_RUN_IN = re.compile(r"(?:[A-Z][A-Z'’-]+\s+){3,}(?=\S*[a-z])")
# "The Daily Herald's Tom Baker": a capitalised possessor, then a name of two or more words.
_OWNED_NAME = re.compile(
    r"^(?:The\s+)?((?:[A-Z][\w.&-]*\s+)*[A-Z][\w.&-]*)['’]s\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+)$"
)


def tidy(m: Mention) -> Mention:
    m = _without_run_in(m)
    m = _role_edges(m)
    if m.kind == "person":
        m = _without_owner(m)
    return _without_place_role(m)


def _without_run_in(m: Mention) -> Mention:
    hit = _RUN_IN.match(m.surface)
    if hit and hit.end() < len(m.surface):
        m = m._replace(surface=m.surface[hit.end() :], start=m.start + hit.end())
    if m.role and (hit := _RUN_IN.match(m.role)):
        m = m._replace(role=m.role[hit.end() :].strip() or None)
    return m


# What a role glued on from before the aside it was read from: "…,” his wife, Ana, said"
# gives '," his wife'; "But his wife, Jane, offered" gives "But his wife".
_ROLE_OPENING = re.compile(r"^(?:[\s,;:\"'“”‘’]+|(?:And|But|While|and|but|while)\s+)+")
# "D.C.", "N.Y.": an abbreviated place.
_ABBREVIATED_PLACE = re.compile(r"^(?:[A-Z]\.){2,}$")


def _role_edges(m: Mention) -> Mention:
    """A role without the punctuation or the linking word before its aside, and no role
    at all when it is one capitalised word naming no title, party or outlet ("Ana Ruiz,
    Miami, said": a lone place is never a role)."""
    if not m.role:
        return m
    role = _ROLE_OPENING.sub("", m.role).strip()
    if lone_place(role):
        role = ""
    return m._replace(role=role or None) if role != m.role else m


def lone_place(role: str) -> bool:
    """ "Miami", "D.C.", "State": one capitalised word that is no title, party or outlet."""
    if _ABBREVIATED_PLACE.match(role):
        return True
    word = role.rstrip(".")
    if not word or " " in word or "-" in word or not word[:1].isupper() or word.isupper():
        return False  # "R-Ky." is a party tag; "NBC" an outlet
    low = word.lower()
    named = low in TITLES or low in PARTY_NOUNS or word in KNOWN_OUTLETS | OUTLET_WORDS | ORG_WORDS
    return not named and word.isalpha()


def _without_owner(m: Mention) -> Mention:
    hit = _OWNED_NAME.match(m.surface)
    if not hit or any(w.lower() in TITLES for w in hit.group(2).split()):
        return m
    at = hit.start(2)
    return m._replace(surface=hit.group(2), start=m.start + at, role=m.role or hit.group(1))


def _without_place_role(m: Mention) -> Mention:
    """ "Residents of Leeds" with role "England": the country goes with the town. A
    linking word between commas ("Lind, meanwhile, said") is no role either."""
    role = m.role or ""
    if role.lower() in CONNECTIVES or " " not in role and role.endswith("ly") and role.islower():
        return m._replace(role=None)
    lone_place = " " not in role and role[:1].isupper() and role.lower() not in TITLES
    if lone_place and re.search(r"\bof\s+[A-Z][\w'’-]*$", m.surface):
        return m._replace(role=None)
    return m
