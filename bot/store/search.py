"""Full-text search on PostgreSQL, answering as SQLite's FTS5 does.

The stages build FTS5 expressions (bot/topics/query.py, bot/questions/fts.py):
quoted strings, a `*` for a prefix, AND, OR, NOT and parentheses. SQLite runs
them as they are. For PostgreSQL this module

- tokenises text as FTS5's `unicode61 remove_diacritics 2` tokenizer does
  (runs of letters and digits, lower case, Latin diacritics dropped) and writes
  the tokens, with their positions, as a tsvector literal;
- turns an expression into a tsquery over the same tokens (a string is a
  phrase, `<->`; a prefix is `:*`);
- ranks quote hits with FTS5's bm25, from the same counts FTS5 keeps, so that
  answers come in the same order on both backends.

Columns of one row are kept apart by a gap in positions, as a phrase in FTS5
never spans two columns.

A tsvector has limits FTS5 has not: positions stop at 16383, a lexeme keeps at most
256 of them, and its lexemes together must stay under 1 MB ("string is too long for
tsvector", counting lexemes and positions, which would fail the whole transaction
storing the row, and with it the batch of articles stored alongside). So a long
text's index is written partial rather than refused: positions past the limit are
clamped, places past a lexeme's 256th or past the size budget are left out, and so
are words past the budget. The row says so with marker lexemes, which no text
yields since tokens never hold "_": `PARTIAL` (positions clamped or left out),
`PARTIAL_WORDS` (words left out) and, for a word with more places than its lexeme
keeps, "_" and the word (common in long articles: "the" passes 256 in 5,000
words, and only a search using that word needs to know). Where the index cannot
answer for a search (`Search.unsure`), the stores check the row against its own
text (bot/store/search_text.py), so it matches and ranks exactly as on SQLite.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+")
_MAX_POSITION = 16383
_MAX_POSITIONS_PER_LEXEME = 256  # PostgreSQL keeps the first 256 and drops the rest
_MAX_LEXEME_BYTES = 2046
# PostgreSQL refuses a tsvector whose lexemes and positions take 1 MB (1,048,576 bytes) or more
# ("string is too long for tsvector"); a lexeme costs its bytes padded to an even total, 2 for its count of
# positions and 2 per position. The room left is for the markers.
_TSVECTOR_BYTES = 1_000_000
PARTIAL = "_partial"  # the row's positions or counts are not all in its index
PARTIAL_WORDS = "_partial_words"  # some of the row's words are not in its index at all
BM25_K1 = 1.2
BM25_B = 0.75


def _latin_folds() -> dict[int, str]:
    """Latin letters with diacritics -> their base letter; combining marks -> nothing."""
    table: dict[int, str] = {mark: "" for mark in range(0x300, 0x370)}
    for start, end in ((0xC0, 0x250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            base = unicodedata.normalize("NFD", chr(code))
            if len(base) > 1 and all(unicodedata.combining(c) for c in base[1:]):
                table[code] = base[0]
    return table


_FOLDS = _latin_folds()


def tokens(text: str | None) -> list[str]:
    """The tokens FTS5 indexes for `text`, in order."""
    if not text:
        return []
    return _TOKEN.findall(text.translate(_FOLDS).lower())


def document(*columns: str | None) -> tuple[str, int]:
    """A tsvector literal for a row's columns, and how many tokens they hold (for bm25)."""
    index = _Index()
    at = 0
    count = 0
    for column in columns:
        words = tokens(column)
        count += len(words)
        for n, word in enumerate(words, start=at + 1):
            index.add(word, n)
        at += len(words) + 1  # the gap: no phrase runs from one column into the next
    return index.literal(), count


class _Index:
    """A row's lexemes and their positions, kept within what a tsvector holds."""

    def __init__(self) -> None:
        self.positions: dict[str, list[int]] = {}
        self.room = _TSVECTOR_BYTES
        self.partial = False  # a position was clamped or left out
        self.left_out = False  # a word was left out
        self.crowded: set[str] = set()  # words with more places than a lexeme keeps

    def add(self, word: str, n: int) -> None:
        if n > _MAX_POSITION:
            self.partial, n = True, _MAX_POSITION
        places = self.positions.get(word)
        if places is None:
            size = len(word.encode())
            cost = size + 5  # the lexeme, a byte of padding at most, its count of positions and this one
            if size > _MAX_LEXEME_BYTES or cost > self.room:
                self.left_out = True
                return
            self.positions[word] = [n]
            self.room -= cost
        elif places[-1] == n:  # clamped onto the last position again: nothing new to store
            return
        elif len(places) >= _MAX_POSITIONS_PER_LEXEME:
            self._crowd(word)
        elif self.room < 2:
            self.partial = True
        else:
            places.append(n)
            self.room -= 2

    def _crowd(self, word: str) -> None:
        if word in self.crowded:
            return
        size = len(_crowded(word).encode())
        if size > _MAX_LEXEME_BYTES or size + 1 > self.room:
            self.partial = True  # no room to say which word: every search that needs places checks the text
            return
        self.crowded.add(word)
        self.room -= size + 1

    def literal(self) -> str:
        entries = [f"{_lexeme(word)}:{','.join(map(str, places))}" for word, places in self.positions.items()]
        partial = self.partial or self.left_out
        entries += [_lexeme(PARTIAL)] * partial + [_lexeme(PARTIAL_WORDS)] * self.left_out
        entries += [_lexeme(_crowded(word)) for word in self.crowded]
        return " ".join(entries)


def _crowded(word: str) -> str:
    """The marker lexeme of a word with more places in the row than its lexeme keeps."""
    return "_" + word


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


# ------------------------------------------------------------------ expressions
@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[str, ...]
    prefix: bool

    def tsquery(self, joiner: str = " <-> ") -> str:
        """The phrase; with `joiner=" & "`, all of its words wherever they stand."""
        parts = [_lexeme(w) for w in self.words]
        if self.prefix:
            parts[-1] += ":*"
        return parts[0] if len(parts) == 1 else "(" + joiner.join(parts) + ")"

    def count_in(self, words: list[str]) -> int:
        """How many times the phrase occurs in a column's tokens."""
        size = len(self.words)
        return sum(1 for start in range(len(words) - size + 1) if self._at(words, start))

    def _at(self, words: list[str], start: int) -> bool:
        *whole, last = self.words
        if words[start : start + len(whole)] != whole:
            return False
        word = words[start + len(whole)]
        return word.startswith(last) if self.prefix else word == last


_LEX = re.compile(r'\s*(?:"((?:[^"]|"")*)"|(\()|(\))|(\*)|([^\s"()*]+))')
_OPERATORS = {"AND", "OR", "NOT"}


class _Parser:
    """FTS5's precedence: NOT binds tightest, then AND (also implied by adjacency), then OR.

    A node is a Phrase, ("and"|"or"|"not", left, right), or None for a phrase
    with no tokens, which FTS5 matches nowhere.
    """

    def __init__(self, expression: str) -> None:
        self.items: list[tuple[str, str]] = []
        for match in _LEX.finditer(expression):
            string, opened, closed, star, bare = match.groups()
            if string is not None:
                self.items.append(("string", string.replace('""', '"')))
            elif opened or closed or star:
                self.items.append((opened or closed or star, ""))
            elif bare in _OPERATORS:
                self.items.append((bare, ""))
            elif bare:
                self.items.append(("string", bare))
        self.at = 0
        self.phrases: list[Phrase] = []

    def peek(self) -> str | None:
        return self.items[self.at][0] if self.at < len(self.items) else None

    def take(self) -> tuple[str, str]:
        self.at += 1
        return self.items[self.at - 1]

    def any_of(self) -> object:
        node = self.all_of()
        while self.peek() == "OR":
            self.take()
            node = ("or", node, self.all_of())
        return node

    def all_of(self) -> object:
        node = self.none_of()
        while self.peek() in ("AND", "string", "("):
            if self.peek() == "AND":
                self.take()
            node = ("and", node, self.none_of())
        return node

    def none_of(self) -> object:
        node = self.operand()
        while self.peek() == "NOT":
            self.take()
            node = ("not", node, self.operand())
        return node

    def operand(self) -> object:
        kind, text = self.take() if self.peek() else ("end", "")
        if kind == "(":
            node = self.any_of()
            if self.peek() == ")":
                self.take()
            return node
        if kind != "string":
            raise ValueError(f"not a search expression: {kind} where a word was expected")
        prefix = self.peek() == "*"
        if prefix:
            self.take()
        words = tuple(tokens(text))
        if not words:
            return None
        phrase = Phrase(words, prefix)
        self.phrases.append(phrase)
        return phrase


@dataclass(frozen=True, slots=True)
class Search:
    """An FTS5 expression as a tsquery, with its phrases in order (bm25 scores each)."""

    tsquery: str | None  # None: the expression can match nothing
    phrases: tuple[Phrase, ...]
    tree: object  # the parsed expression (see _Parser), to check a row's own text against

    @property
    def positional(self) -> bool:
        """Whether a phrase of several words needs the positions of its words."""
        return any(len(phrase.words) > 1 for phrase in self.phrases)

    def unsure(self, *, counting: bool = False) -> str:
        """A tsquery for the rows whose index cannot answer this search: those with words left
        out and, when places matter, those with positions clamped or a word of the search with
        more places than its lexeme keeps. Places matter to a phrase of several words, and to
        `counting` its occurrences for bm25."""
        placed = [phrase for phrase in self.phrases if counting or len(phrase.words) > 1]
        if not placed:
            return _lexeme(PARTIAL_WORDS)
        marks = {_lexeme(PARTIAL)}  # PARTIAL_WORDS comes with it
        for phrase in placed:
            *whole, last = phrase.words
            marks.update(_lexeme(_crowded(word)) for word in whole)
            marks.add(_lexeme(_crowded(last)) + (":*" if phrase.prefix else ""))
        return " | ".join(sorted(marks))

    @property
    def loose(self) -> str | None:
        """A tsquery matching every row the expression matches, and maybe more, that uses no
        positions: phrases become all of their words, and what NOT excludes is not excluded.
        On a row whose positions are partial it finds what to check against the text."""
        return _tsquery(self.tree, loose=True)


def parse(expression: str) -> Search:
    parser = _Parser(expression)
    tree = parser.any_of()
    return Search(_tsquery(tree), tuple(parser.phrases), tree)


def _tsquery(node: object, *, loose: bool = False) -> str | None:
    if node is None or isinstance(node, Phrase):
        return node.tsquery(" & " if loose else " <-> ") if node else None
    assert isinstance(node, tuple)
    op, left_node, right_node = node
    left, right = _tsquery(left_node, loose=loose), _tsquery(right_node, loose=loose)
    if op == "or":
        return f"({left} | {right})" if left and right else left or right
    if op == "and":
        return f"({left} & {right})" if left and right else None
    if loose:
        return left
    return (f"({left} & !{right})" if right else left) if left else None


# ------------------------------------------------------------------ ranking
@dataclass(frozen=True, slots=True)
class Corpus:
    """What bm25 needs to know of the whole table: its rows, their tokens, and rows per phrase."""

    rows: int
    tokens: int
    rows_with: tuple[int, ...]  # per phrase, in the order of Search.phrases


def bm25(search: Search, corpus: Corpus, columns: Iterable[str | None], size: int) -> float:
    """FTS5's bm25() for one row (lower is better), computed in the same order so ties stay ties."""
    words = [tokens(column) for column in columns]
    average = corpus.tokens / corpus.rows
    score = 0.0
    for phrase, hits in zip(search.phrases, corpus.rows_with, strict=True):
        freq = float(sum(phrase.count_in(column) for column in words))
        num = freq * (BM25_K1 + 1.0)
        denom = freq + BM25_K1 * (1 - BM25_B + BM25_B * size / average)
        score += (idf(corpus, hits) * num) / denom
    return -1.0 * score


def idf(corpus: Corpus, hits: int) -> float:
    """FTS5's inverse document frequency of a phrase found in `hits` rows (never below 1e-6)."""
    value = math.log((corpus.rows - hits + 0.5) / (hits + 0.5))
    return value if value > 0.0 else 1e-6
