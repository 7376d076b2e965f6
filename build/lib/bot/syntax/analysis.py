"""The parsed sentence and the loaded model that makes it."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from bot.syntax import store
from bot.syntax.parser import Parser
from bot.syntax.tagger import Tagger
from bot.syntax.tokenize import Word, words

MODEL_FILE = Path(__file__).with_name("model") / "ewt.npz"


@dataclass
class Sentence:
    """One parsed stretch of text. Indices are 0-based; heads are 0-based too, -1 = root."""

    words: list[Word]
    tags: list[str]
    heads: list[int]
    labels: list[str]
    _kids: list[list[int]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._kids = [[] for _ in self.words]
        for d, h in enumerate(self.heads):
            if h >= 0:
                self._kids[h].append(d)

    def children(self, i: int, *labels: str) -> list[int]:
        kids = self._kids[i]
        return [k for k in kids if self.labels[k] in labels] if labels else list(kids)

    def subtree(self, i: int) -> tuple[int, int]:
        """The first and last word index of i's subtree (a projective parse keeps it contiguous)."""
        lo = hi = i
        todo = [i]
        while todo:
            k = todo.pop()
            lo, hi = min(lo, k), max(hi, k)
            todo.extend(self._kids[k])
        return lo, hi

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """Character offsets of words lo..hi."""
        return self.words[lo].start, self.words[hi].end


class Syntax:
    def __init__(self, tagger: Tagger, parser: Parser) -> None:
        self.tagger = tagger
        self.parser = parser

    @classmethod
    def from_file(cls, path: Path) -> Syntax:
        parts = store.load(path)
        return cls(Tagger(parts["tagger"]), Parser(parts["moves"], parts["labels"]))

    def parse_words(self, ws: list[str]) -> tuple[list[str], list[int], list[str]]:
        tags = self.tagger.tag(ws)
        heads, labels = self.parser.parse(ws, tags)
        return tags, heads, labels

    def parse(self, text: str, start: int = 0, end: int | None = None) -> Sentence:
        ws = words(text, start, end)
        if not ws:
            return Sentence([], [], [], [])
        tags, heads, labels = self.parse_words([w.text for w in ws])
        return Sentence(ws, tags, [h - 1 for h in heads], labels)


_lock = threading.Lock()
_loaded: Syntax | None = None


def load() -> Syntax:
    """The shipped model, read once per process (about a second) and shared by threads."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = Syntax.from_file(MODEL_FILE)
        return _loaded
