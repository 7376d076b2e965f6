"""Read a question: its intent, the words that may name a person, topic words, time words.

Names are not guessed here: `name_candidates` lists the word n-grams that the
store then looks up among speaker aliases (longest match wins), so "what did
putin say" works without capitals. `asked_name` is the name the question's
shape points at ("What did <X> say"), used to say "nothing stored about X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

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
_HIMSELF = re.compile(
    r"\b(?:himself|herself|themselves|directly|verbatim|own words|in (?:his|her|their) words)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    intent: str  # "who" | "what" | "verify"
    asked_name: str | None  # the name as the user wrote it, if the shape shows one
    pronoun: bool  # refers to "he"/"she"/"they": the context article's main speaker
    words: tuple[str, ...]  # every word, in order, as written
    time_word: str | None
    name_candidates: tuple[str, ...] = field(default=())


def parse_question(text: str) -> Question:
    text = " ".join(text.split())[:500]
    low = text.lower()
    time_word = next((w for w in TIME_WORDS if re.search(rf"\b{w}\b", low)), None)
    words = tuple(_WORD.findall(text))
    if m := _WHO.match(text):
        intent, name = "who", m.group("name")
    elif (m := _DID_SAY.match(text)) and _HIMSELF.search(text):
        intent, name = "verify", m.group("name")
    else:
        m = _WHAT.search(text)
        intent, name = "what", (m.group("name") if m else None)
    if name:
        name = re.sub(r"\b(?:{})\b".format("|".join(TIME_WORDS)), "", name, flags=re.I)
        name = " ".join(w for w in _WORD.findall(name) if w.lower() not in STOPWORDS) or None
    pronoun = any(w.lower() in PRONOUNS for w in words) and not name
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


def time_range(time_word: str | None, now: datetime) -> tuple[float | None, float | None]:
    """[since, until) in epoch seconds for a time word, in UTC; (None, None) without one."""
    if not time_word:
        return None, None
    now = now.astimezone(UTC)
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
