"""Whether an FTS5 expression matches a row, read from the row's own text.

On PostgreSQL a long text's index is partial (bot/store/search.py): its positions stop at
16383 and its lexemes at 1 MB, so the tsvector alone could miss a phrase or a word, or find
a phrase that is not there. Such rows, few and long, are checked here instead, word by word,
as FTS5 would: a phrase within one column, a prefix on its last word, AND, OR and NOT.
"""

from __future__ import annotations

from bot.store.search import Phrase, Search, tokens


class RowText:
    """A row's columns as FTS5 tokenises them, with where each word stands."""

    def __init__(self, *columns: str | None) -> None:
        self.columns = [tokens(column) for column in columns]
        self.places: list[dict[str, list[int]]] = []
        for words in self.columns:
            places: dict[str, list[int]] = {}
            for n, word in enumerate(words):
                places.setdefault(word, []).append(n)
            self.places.append(places)

    def matches(self, search: Search) -> bool:
        return self._holds(search.tree)

    def _holds(self, node: object) -> bool:
        if node is None:  # a phrase without tokens: FTS5 matches it nowhere
            return False
        if isinstance(node, Phrase):
            return any(self._has(node, words, places) for words, places in zip(self.columns, self.places, strict=True))
        assert isinstance(node, tuple)
        op, left, right = node
        if op == "or":
            return self._holds(left) or self._holds(right)
        if op == "and":
            return self._holds(left) and self._holds(right)
        return self._holds(left) and not self._holds(right)

    @staticmethod
    def _has(phrase: Phrase, words: list[str], places: dict[str, list[int]]) -> bool:
        first, size = phrase.words[0], len(phrase.words)
        if size == 1 and phrase.prefix:
            return any(word.startswith(first) for word in places)
        return any(
            start + size <= len(words) and phrase.count_in(words[start : start + size])
            for start in places.get(first, ())
        )
