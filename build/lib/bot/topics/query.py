"""The topic query syntax, parsed into a safe FTS5 expression.

Syntax: words, "quoted phrases", OR between alternatives, a leading `-` to
exclude. `ukraine OR kyiv "peace talks" -football` means (ukraine or kyiv)
and "peace talks", without football. User text never reaches MATCH raw: every
term is re-emitted as an FTS5 string, so no input can break or widen a query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.typed import visible

MAX_TERMS = 20  # past it a query is refused, not cut: a shorter AND would match more than was asked
MAX_TERM_LENGTH = 80
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORDY = re.compile(r"\w", re.UNICODE)


class QueryError(ValueError):
    """The query can't be used; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class TopicQuery:
    groups: tuple[tuple[str, ...], ...]  # AND of groups, OR inside a group
    excluded: tuple[str, ...]

    def fts_expression(self) -> str:
        """What must match; only for a query with at least one term to look for."""
        required = " AND ".join(_group(g) for g in self.groups)
        return " NOT ".join([required, *(_fts_string(t) for t in self.excluded)])

    def excluded_expression(self) -> str | None:
        """Any excluded term, as one expression (a filter that only excludes needs it)."""
        return " OR ".join(_fts_string(t) for t in self.excluded) or None


def parse_query(text: str, *, exclude_only: bool = False) -> TopicQuery:
    """The query; `exclude_only` accepts one with nothing but -exclusions (a filter)."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    join_next = False
    count = 0
    for match in _TOKEN.finditer(visible(text or "")):  # control and direction marks would hide in terms
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None and word.upper() == "OR" and phrase is None:
            join_next = bool(groups)
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            negated, word = "-", word[1:]
        term = _clean(phrase if phrase is not None else word)
        if not term:
            continue
        count += 1
        if count > MAX_TERMS:
            raise QueryError(f"too many terms (at most {MAX_TERMS})")
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups and not (exclude_only and excluded):
        raise QueryError('a query needs at least one word or "phrase" to look for')
    return TopicQuery(tuple(tuple(g) for g in groups), tuple(excluded))


def _clean(term: str) -> str:
    term = " ".join(term.split())[:MAX_TERM_LENGTH]
    return term if _WORDY.search(term) else ""


def _fts_string(term: str) -> str:
    # An FTS5 string: doubled quotes are the only escape it knows.
    return '"' + term.replace('"', '""') + '"'


def _group(terms: tuple[str, ...]) -> str:
    inner = " OR ".join(_fts_string(t) for t in terms)
    return f"({inner})" if len(terms) > 1 else inner
