"""Read a question: its intent, the words that may name a person, topic words, time words.

Names are not guessed here: `name_candidates` lists the word n-grams that the
store then looks up among speaker aliases (longest match wins), so "what did
putin say" works without capitals. `asked_name` is the name the question's
shape points at ("What did <X> say"), used to say "nothing stored about X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum
from html import unescape
from zoneinfo import ZoneInfo

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
STOPWORDS = frozenset(
    """
    what who whom whose which when where why how did does do done has have had is are was were
    be been say says said saying tell told think thinks thought about on of the a an and or
    to in at for from with by that this these those it its he she they him her them his their
    himself herself themselves anything something else me us we i you your any all latest
    recently recent just ever really actually quote quotes quoted statement statements
    comment comments comments speak spoke talk talked mention mentioned claim claimed
    claims word words regarding re concerning last new news there here if not no so than
    then up out can could would will should may might please give show list
    mr mrs ms miss mx dr sir dame
""".split()
)
PRONOUNS = frozenset("he she they him her them himself herself themselves his their".split())
TIME_WORDS = ("today", "yesterday", "this week", "this month", "last week", "last month")

_WHO = re.compile(r"^\s*(?:who\s+(?:is|was|'s)|who's|tell me about)\s+(?P<name>.+?)\s*\??\s*$", re.I)
_WHAT = re.compile(
    r"\b(?:what|did|has|have|does)\s+(?:did|has|have|does|do)?\s*(?P<name>.+?)\s+"
    r"(?:say|said|says|claim|claimed|think|thinks|tell|told|state|stated|mean)\b",
    re.I,
)
_DID_SAY = re.compile(r"^\s*did\s+(?P<name>.+?)\s+(?:say|said|really say)\b", re.I)
# "what did he say", "what else did she say", "has they …": the pronoun is who spoke
_SUBJECT_PRONOUN = re.compile(
    r"\b(?:did|does|do|has|have|is|was|were)\s+(?:he|she|they)\b"
    r"|\b(?:he|she|they)\s+(?:say|said|says|think|thinks|thought|claim|claimed|tell|told|mean|meant|add|added)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^<>]{0,200}>")
_HIMSELF = re.compile(
    r"\b(?:himself|herself|themselves|directly|verbatim|own words|in (?:his|her|their) words)\b", re.I
)


class Intent(StrEnum):
    """What a question asks for."""

    WHO = "who"  # a speaker's card: "who is Medinsky?"
    WHAT = "what"  # what someone said: "what did Podoliak say about Kyiv?"
    VERIFY = "verify"  # the person's own words: "did Lavrov say that himself?"


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    intent: Intent
    asked_name: str | None  # the name as the user wrote it, if the shape shows one
    pronoun: bool  # refers to "he"/"she"/"they": the context article's main speaker
    words: tuple[str, ...]  # every word, in order, as written
    time_word: str | None
    name_candidates: tuple[str, ...] = field(default=())


def clean_question(text: str) -> str:
    """The words a pasted question shows: tags dropped, entities read ('<b>Putin</b> &amp;' -> 'Putin &')."""
    return " ".join(unescape(_TAG.sub(" ", text)).split())


def parse_question(text: str) -> Question:
    text = clean_question(text)[:500]
    low = text.lower()
    time_word = next((w for w in TIME_WORDS if re.search(rf"\b{w}\b", low)), None)
    words = tuple(_WORD.findall(text))
    if m := _WHO.match(text):
        intent, name = Intent.WHO, m.group("name")
    elif (m := _DID_SAY.match(text)) and _HIMSELF.search(text):
        intent, name = Intent.VERIFY, m.group("name")
    else:
        m = _WHAT.search(text)
        intent, name = Intent.WHAT, (m.group("name") if m else None)
    if name:
        name = re.sub(r"\b(?:{})\b".format("|".join(TIME_WORDS)), "", name, flags=re.I)
        name = " ".join(w for w in _WORD.findall(name) if w.lower() not in STOPWORDS) or None
    pronoun = bool(_SUBJECT_PRONOUN.search(text)) or (any(w.lower() in PRONOUNS for w in words) and not name)
    if pronoun and name and name.lower() in PRONOUNS:
        name = None
    return Question(text, intent, name, pronoun, words, time_word, _ngrams(words))


def _ngrams(words: tuple[str, ...], longest: int = 4) -> tuple[str, ...]:
    """Word runs that could be a name, longest first; single stopwords excluded."""
    out: list[str] = []
    for n in range(longest, 0, -1):
        for i in range(len(words) - n + 1):
            run = words[i : i + n]
            if run[0].lower() in STOPWORDS or run[-1].lower() in STOPWORDS:
                continue
            out.append(" ".join(run))
    return tuple(dict.fromkeys(out))


def topic_words(question: Question, name_words: set[str]) -> list[str]:
    """Words the quote should be about: not stopwords, not the name, not time words."""
    skip = {w.lower() for w in name_words} | {"today", "yesterday", "week", "month"}
    seen: dict[str, None] = {}
    for w in question.words:
        low = w.lower()
        if low not in STOPWORDS and low not in skip and len(low) > 1:
            seen.setdefault(low.rstrip("'’s") if low.endswith(("'s", "’s")) else low)
    return list(seen)[:8]


def time_range(time_word: str | None, now: datetime, zone: str = "UTC") -> tuple[float | None, float | None]:
    """[since, until) in epoch seconds for a time word, days counted in the chat's time zone."""
    if not time_word:
        return None, None
    now = now.astimezone(_zone(zone))
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    monday = midnight - timedelta(days=midnight.weekday())
    first = midnight.replace(day=1)
    start, end = {
        "today": (midnight, None),
        "yesterday": (midnight - timedelta(days=1), midnight),
        "this week": (monday, None),
        "last week": (monday - timedelta(days=7), monday),
        "this month": (first, None),
        "last month": ((first - timedelta(days=1)).replace(day=1), first),
    }[time_word]
    return start.timestamp(), (end.timestamp() if end else None)


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # an unknown or malformed zone name: UTC, as for a new chat
        return UTC
