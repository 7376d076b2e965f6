"""Checks that model text says nothing the article does not: quotes verbatim, names real.

Pure functions. Each violation is a one-line string "<kind>: <detail>", where
kind is a `Violation`, so callers can count rejections by reason.

- Every string in quotation marks (“ ” ‘ ’ " ' « » „ ‹ ›) must occur verbatim in
  the article once quote marks, dashes and whitespace are normalised.
- Every capitalised name-like run of words must be in the article (or in
  `allowed_names`, e.g. the outlet). Function words, titles and sentence-start
  words that the article uses in lower case are not names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum


class Violation(StrEnum):
    """Why model text was rejected: the kind stored in `llm_rejections.reason`
    (besides "bad_json", a reply that was no JSON object at all)."""

    FABRICATED_QUOTE = "fabricated_quote"  # quoted words the article does not contain
    UNBALANCED_QUOTE = "unbalanced_quote"  # a quotation mark opened and never closed
    UNKNOWN_NAME = "unknown_name"  # a name the article does not give
    UNKNOWN_QUOTE_ID = "unknown_quote_id"  # a quote id that was not offered
    SCHEMA = "schema"  # the reply's fields have the wrong shape (bot.llm.reply)


_DOUBLE = '“”„‟«»‹›〝〞＂"'
_SINGLE = "‘’‚‛′'"
_DASHES = "‐‑‒–—―−"
_QUOTE_TABLE = str.maketrans(
    {**{c: '"' for c in _DOUBLE}, **{c: "'" for c in _SINGLE}, **{c: "-" for c in _DASHES}, "…": "...", "\u00a0": " "}
)

_DOUBLE_QUOTED = re.compile(r'"([^"]*)"')
# A single quote opens after a non-word character and closes before one, so
# apostrophes (Ukraine's, troops') are not taken for quotation marks.
_SINGLE_QUOTED = re.compile(r"(?<!\w)'(?=\S)([^']*?\S)'(?!\w)")
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_SENTENCE_BREAK = re.compile(r"[.!?:;()\[\]\"]|--")

_FUNCTION_WORDS = frozenset(
    """
a an the this that these those there here it its he she they his her their them we our
i you your in on at of for from to by with about after before during since until while
and but or nor so yet also as if when where whom who which what why how both either
neither each every all some any many most more no not none one two three four five
according although though however meanwhile moreover furthermore separately earlier
later previously instead still nonetheless overall elsewhere notably then thus therefore
is was are were be been has have had will would could should may might must can did does
""".split()
)
# Titles and honorifics: "President Zelenskyy" is fine although the article
# only writes "President Volodymyr Zelenskyy".
_TITLES = frozenset(
    """
mr mrs ms dr prof sir madam president vice prime minister ministers secretary chancellor
premier governor mayor senator general gen colonel commander chief head spokesman
spokeswoman spokesperson ambassador deputy foreign defence defense interior king queen
prince pope lord former acting
""".split()
)


def normalise(text: str) -> str:
    """Unify quote marks, dashes, ellipses and whitespace; NFC so accents compare equal."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_TABLE)
    return " ".join(text.split())


def quoted_strings(text: str) -> tuple[list[str], bool]:
    """The strings inside quotation marks in `text`, and whether a double quote is left unpaired."""
    text = normalise(text)
    found = [m.group(1) for m in _DOUBLE_QUOTED.finditer(text)]
    outside = _DOUBLE_QUOTED.sub(" ", text)
    unpaired = '"' in outside
    found += [m.group(1) for m in _SINGLE_QUOTED.finditer(outside)]
    return [s for s in (_trim(s) for s in found) if s], unpaired


def find_violations(texts: Iterable[str], article_text: str, allowed_names: Iterable[str] = ()) -> list[str]:
    """Every quote or name in `texts` that the article (or `allowed_names`) does not back."""
    article = normalise(article_text)
    known = _KnownWords(article, allowed_names)
    violations: list[str] = []
    for text in texts:
        quotes, unpaired = quoted_strings(text)
        if unpaired:
            violations.append(f"{Violation.UNBALANCED_QUOTE}: {_clip(text)}")
        for quoted in quotes:
            if not _occurs(quoted, article):
                violations.append(f"{Violation.FABRICATED_QUOTE}: “{_clip(quoted)}”")
        for name in unknown_names(_without_quotes(text), known):
            violations.append(f"{Violation.UNKNOWN_NAME}: {name}")
    return _unique(violations)


def verify_briefing_text(
    report: list[str],
    framing: list[str],
    quote_ids: Iterable[int],
    known_ids: Iterable[int],
    article_text: str,
    allowed_names: Iterable[str] = (),
) -> list[str]:
    """The violations in a model's briefing: its sentences, framing notes and quote ids."""
    valid = set(known_ids)
    violations = [f"{Violation.UNKNOWN_QUOTE_ID}: {i}" for i in quote_ids if i not in valid]
    return violations + find_violations([*report, *framing], article_text, allowed_names)


def violation_kind(violation: str) -> str:
    return violation.split(":", 1)[0]


class _KnownWords:
    """What counts as backed by the article: phrases in it, and its lower-case words."""

    def __init__(self, article: str, allowed_names: Iterable[str]) -> None:
        self.article = article
        self.allowed = {normalise(n) for n in allowed_names if n and n.strip()}
        self.lower_words = {w.lower() for w in _WORD.findall(article) if w[0].islower()}
        self._cache: dict[str, bool] = {}

    def has_phrase(self, phrase: str) -> bool:
        if phrase in self.allowed:
            return True
        if phrase not in self._cache:
            self._cache[phrase] = _occurs(phrase, self.article)
        return self._cache[phrase]

    def is_common(self, word: str, sentence_start: bool) -> bool:
        lower = word.lower()
        if lower in _FUNCTION_WORDS or lower in _TITLES:
            return True
        if lower in self.lower_words:  # "Negotiations stalled" when the article says "negotiations"
            return True
        return sentence_start and lower.endswith("ly") and len(lower) > 4  # "Separately, ..."


def unknown_names(text: str, known: _KnownWords) -> list[str]:
    """Capitalised runs of words not backed by the article, e.g. 'Ivan Petrenko', 'Vladimir Putn'."""
    problems = []
    for run, starts_sentence in _capitalised_runs(normalise(text)):
        problem = _check_run(run, starts_sentence, known)
        if problem:
            problems.append(problem)
    return problems


def _check_run(run: list[str], starts_sentence: bool, known: _KnownWords) -> str | None:
    """Split the run greedily into known phrases; fail on an unknown word, or on two
    name words side by side that the article never puts together ('Vladimir Lavrov')."""
    i, previous_single_name = 0, False
    while i < len(run):
        j = next((j for j in range(len(run), i + 1, -1) if known.has_phrase(" ".join(run[i:j]))), None)
        if j is not None:
            i, previous_single_name = j, False
            continue
        word = run[i]
        if known.is_common(word, starts_sentence and i == 0):
            i, previous_single_name = i + 1, False
            continue
        if not known.has_phrase(word):
            return " ".join(run)
        if previous_single_name:
            return " ".join(run)
        i, previous_single_name = i + 1, True
    return None


def _capitalised_runs(text: str) -> list[tuple[list[str], bool]]:
    runs: list[tuple[list[str], bool]] = []
    for sentence in _SENTENCE_BREAK.split(text):
        run: list[str] = []
        sentence_start, last_end, run_starts = True, None, False
        for match in _WORD.finditer(sentence):
            word = _possessive(match.group())
            gap = sentence[last_end : match.start()] if last_end is not None else ""
            contiguous = last_end is not None and gap == " "
            if word[0].isupper():
                if run and not contiguous:
                    runs.append((run, run_starts))
                    run = []
                if not run:
                    run_starts = sentence_start
                run.append(word)
            elif run:
                runs.append((run, run_starts))
                run = []
            sentence_start, last_end = False, match.end()
        if run:
            runs.append((run, run_starts))
    return runs


def _occurs(phrase: str, article: str) -> bool:
    """`phrase` in `article`, not cut out of the middle of a word."""
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", article) is not None


def _possessive(word: str) -> str:
    for suffix in ("'s", "'"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word.strip("'-") or word


def _without_quotes(text: str) -> str:
    """Text with its quoted strings blanked out (they are checked verbatim instead)."""
    text = normalise(text)
    text = _DOUBLE_QUOTED.sub(" . ", text)
    return _SINGLE_QUOTED.sub(" . ", text)


def _trim(quoted: str) -> str:
    """Drop punctuation a writer puts inside closing quote marks, and an elision mark."""
    return quoted.strip().strip(",.;:!?").strip().removeprefix("...").removesuffix("...").strip()


def _clip(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
