"""Name folding: turn the ways outlets write a name into comparable keys.

The rules are plain and explainable, so a wrong merge can be traced to one
rule: strip diacritics and apostrophes, then fold common transliteration
variants of Slavic names ("kh" -> "h", "y"/"j" -> "i", "w" -> "v", "x" -> "ks",
double letters -> one). Zelensky, Zelenskyy and Zelenskiy all become
"zelenski"; Podolyak and Podoliak become "podoliak". A name in another script
is transliterated first, so Зеленський is "zelenski" too and Путин "putin".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii

# Words that introduce a name rather than belong to it ("Russian President").
TITLE_WORDS = frozenset(
    """
    president presidents vice prime premier minister ministers foreign defence defense
    interior finance secretary general chancellor spokesman spokeswoman spokesperson
    head chief leader mr mrs ms miss dr prof professor sir dame lord lady senator
    governor mayor ambassador commander adviser advisor aide deputy chairman chairwoman
    chair king queen prince princess pope patriarch gen col lt sgt capt colonel major
    former acting state duma mp rep representative envoy official director ceo founder
    press security council foreign-affairs top senior opposition
""".split()
)
NATIONALITIES = frozenset(
    """
    russian ukrainian american us u.s. uk british french german chinese turkish iranian
    israeli polish belarusian european italian spanish japanese indian kremlin white
""".split()
)
ORGANISATION_WORDS = frozenset(
    """
    ministry office kremlin government agency service department council committee army
    forces police company ministry bank party union nato embassy press staff command
    parliament court commission headquarters administration corporation inc ltd group
""".split()
)
UNNAMED_STARTS = ("a ", "an ", "one ", "sources", "source ", "officials", "an official", "some ", "several ")

# Given names that are the same person in Ukrainian / Russian / English spelling.
_GIVEN_GROUPS = [
    ("volodymyr", "vladimir", "wolodymyr"),
    ("oleksandr", "aleksandr", "alexander", "alexandr"),
    ("mykhailo", "mikhail", "michael"),
    ("serhiy", "sergey", "sergei", "serhii"),
    ("andriy", "andrey", "andrei", "andrii"),
    ("dmytro", "dmitry", "dmitri", "dmitriy"),
    ("mykola", "nikolai", "nikolay"),
    ("oleksiy", "alexei", "alexey", "aleksei", "oleksii"),
    ("yuriy", "yury", "yuri", "iurii"),
    ("davyd", "david"),
    ("petro", "pyotr", "peter"),
    ("yevgeny", "evgeny", "yevhen", "ievgen"),
    ("hennadiy", "gennady", "gennadiy"),
]


def _strip_marks(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def fold(word: str) -> str:
    """One word's transliteration-insensitive key; other scripts are read in Latin letters first
    (anyascii, ISC licence: 'Путин' -> 'Putin', 'Зеленський' -> "Zelens'kiy" -> 'zelenski')."""
    w = _strip_marks(word)
    if not w.isascii():
        w = anyascii(w)
    w = w.lower()
    w = re.sub(r"['’`ʼ]s$", "", w)
    w = re.sub(r"[\W\d_]+", "", w)
    if w.startswith("ye"):
        w = w[1:]
    for old, new in (
        ("kh", "h"),
        ("tch", "ch"),
        ("ph", "f"),
        ("ck", "k"),
        ("x", "ks"),
        ("w", "v"),
        ("j", "i"),
        ("y", "i"),
    ):
        w = w.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", w)


def fold_phrase(text: str) -> str:
    """A whole alias's key: folded words joined by single spaces."""
    return " ".join(k for k in (fold(w) for w in text.split()) if k)


_GIVEN_CANON = {fold(name): group[0] for group in _GIVEN_GROUPS for name in group}


def given_compatible(a: str | None, b: str | None) -> bool:
    """Could these two folded first names belong to one person?"""
    if not a or not b:
        return True
    if a == b or _GIVEN_CANON.get(a, a) == _GIVEN_CANON.get(b, b):
        return True
    if len(a) == 1 or len(b) == 1:  # an initial: "V. Putin"
        return a[0] == b[0]
    return False


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name with titles stripped: 'Russian President Vladimir Putin'."""

    display: str  # "Vladimir Putin"
    given_key: str  # "vladimir" or "" when only a surname was written
    surname_key: str  # "putin"
    title: str  # "Russian President"


def _is_title(token: str) -> bool:
    low = _strip_marks(token).lower().strip(".,")
    return low in TITLE_WORDS or low in NATIONALITIES or low.endswith(("ian", "ese")) or not token[:1].isupper()


def parse_person(name: str) -> PersonName | None:
    """Strip leading titles and split a person's name; None if no name is left."""
    tokens = [t.strip(",;:") for t in re.sub(r"['’]s\b", "", name).split()]
    tokens = [t for t in tokens if t]
    k = 0
    while k < len(tokens) - 1 and _is_title(tokens[k]):
        k += 1
    rest = tokens[k:]
    if not rest or not fold(rest[-1]):
        return None
    given = fold(rest[0]) if len(rest) > 1 else ""
    return PersonName(" ".join(rest), given, fold(rest[-1]), " ".join(tokens[:k]))


def guess_kind(name: str, kind: str) -> str:
    """Trust the analyser's kind, but catch obvious organisations and unnamed sources."""
    if kind != "person":
        return kind
    low = name.lower().strip()
    if low.startswith(UNNAMED_STARTS) or not any(t[:1].isupper() for t in name.split()):
        return "unnamed"
    if any(w.strip(".,") in ORGANISATION_WORDS for w in low.split()):
        return "organisation"
    return "person"


_ROLE_STOP = frozenset("the a an of and in at for to on by with from its his her their".split())


def role_words(role: str | None) -> set[str]:
    return {fold(w) for w in (role or "").split() if w.lower() not in _ROLE_STOP and fold(w)}


def roles_compatible(role: str | None, known_roles: list[str]) -> bool:
    """Roles only block a merge when both sides have one and they share no word."""
    mine = role_words(role)
    theirs = [role_words(r) for r in known_roles if r]
    if not mine or not theirs:
        return True
    return any(mine & words for words in theirs)
