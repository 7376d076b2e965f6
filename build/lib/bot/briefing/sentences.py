"""A light sentence splitter for lead sentences; good enough for news prose."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (optionally followed by a closing quote mark) and
# whitespace, unless the word before is a common abbreviation or an initial.
_END = re.compile(r"""(?<=[.!?])["”’»]?\s+(?=["“‘«(\[]?[A-Z0-9])""")
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "col",
    "lt",
    "sgt",
    "st",
    "jr",
    "sr",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "vs",
    "no",
    "gov",
    "sen",
    "rep",
    "inc",
    "corp",
    # months ("the Sept. 11 memorial"), and titles that come before a name ("state Del. Ann Roe")
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    "del",
    "capt",
    "adm",
    "maj",
    "sens",
    "reps",
    "gens",
}


def same_words(a: str, b: str) -> bool:
    """The same sentence up to spacing, case and a final full stop (a headline repeated as text)."""
    return " ".join(a.split()).casefold().strip(" .") == " ".join(b.split()).casefold().strip(" .")


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for paragraph in text.splitlines():
        paragraph = paragraph.strip().lstrip("-•* ").strip()
        if paragraph:
            sentences.extend(_split_paragraph(paragraph))
    return sentences


def _split_paragraph(paragraph: str) -> list[str]:
    parts, start = [], 0
    for match in _END.finditer(paragraph):
        candidate = paragraph[start : match.start() + 1].strip()
        if _open_quote(candidate):
            continue  # a quote of several sentences is one piece: shown whole or not at all
        last_word = candidate.rstrip('.!?”"’»').rsplit(" ", 1)[-1].lower()
        if last_word in _ABBREVIATIONS or _initials(last_word):
            continue
        parts.append(paragraph[start : match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        parts.append(tail)
    return parts


def _initials(word: str) -> bool:
    """ "J", "G.K" (the final dot already gone): a name's initials, not a sentence's last word."""
    return all(len(part) == 1 and part.isalpha() for part in word.split("."))


def _open_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1
