"""Dependency parsing: a greedy arc-hybrid transition parser, then arc labels.

Words are 1..n; the root is n+1, the last item of the buffer, so every word
still on the stack at the end is attached to it. Three moves:
SHIFT pushes the next word; LEFT makes the next word the head of the stack's
top and pops it; RIGHT makes the item below the top its head and pops it.
One perceptron picks the move; a second one labels each arc once the tree is
built, so it sees the whole tree (the dependent's own children: "that", "to").
"""

from __future__ import annotations

from bot.syntax.perceptron import Perceptron, SmallScorer
from bot.syntax.words import normal

SHIFT, LEFT, RIGHT = 0, 1, 2
MOVES = ("shift", "left", "right")


class State:
    """One parse in progress; words and tags are padded: 0 = none, n+1 = root."""

    def __init__(self, words: list[str], tags: list[str]) -> None:
        self.n = len(words)
        self.words = ["<none>"] + [normal(w) for w in words] + ["<root>"]
        self.tags = ["<none>"] + list(tags) + ["<root>"]
        self.heads = [0] * (self.n + 2)
        self.lefts: list[list[int]] = [[] for _ in range(self.n + 2)]
        self.rights: list[list[int]] = [[] for _ in range(self.n + 2)]
        self.stack: list[int] = []
        self.b = 1

    def done(self) -> bool:
        return self.b > self.n and not self.stack

    def valid(self) -> tuple[bool, bool, bool]:
        return self.b <= self.n, bool(self.stack), len(self.stack) >= 2

    def apply(self, move: int) -> None:
        if move == SHIFT:
            self.stack.append(self.b)
            self.b += 1
        elif move == LEFT:
            d = self.stack.pop()
            self.heads[d] = self.b
            self.lefts[self.b].insert(0, d)
        else:
            d = self.stack.pop()
            h = self.stack[-1]
            self.heads[d] = h
            self.rights[h].append(d)

    def features(self) -> list[str]:
        st, W, T = self.stack, self.words, self.tags
        s0 = st[-1] if st else 0
        s1 = st[-2] if len(st) > 1 else 0
        s2 = st[-3] if len(st) > 2 else 0
        b0 = self.b
        b1 = b0 + 1 if b0 <= self.n else 0
        b2 = b0 + 2 if b0 + 1 <= self.n else 0
        ls0, rs0, lb0, rs1 = self.lefts[s0], self.rights[s0], self.lefts[b0], self.rights[s1]
        s0l = ls0[0] if ls0 else 0
        s0r = rs0[-1] if rs0 else 0
        b0l = lb0[0] if lb0 else 0
        b0l2 = lb0[1] if len(lb0) > 1 else 0
        s1r = rs1[-1] if rs1 else 0
        s0w, s0t, s1w, s1t, b0w, b0t = W[s0], T[s0], W[s1], T[s1], W[b0], T[b0]
        b1t, b2t = T[b1], T[b2]
        dist = str(min(b0 - s0, 6)) if s0 and b0 <= self.n else "-"
        return [
            "bias",
            f"s0w={s0w}",
            f"s0t={s0t}",
            f"s0wt={s0w}|{s0t}",
            f"s1w={s1w}",
            f"s1t={s1t}",
            f"s1wt={s1w}|{s1t}",
            f"b0w={b0w}",
            f"b0t={b0t}",
            f"b0wt={b0w}|{b0t}",
            f"b1w={W[b1]}",
            f"b1t={b1t}",
            f"b2t={b2t}",
            f"s2t={T[s2]}",
            f"s0w|b0w={s0w}|{b0w}",
            f"s0t|b0t={s0t}|{b0t}",
            f"s0w|b0t={s0w}|{b0t}",
            f"s0t|b0w={s0t}|{b0w}",
            f"s1t|s0t={s1t}|{s0t}",
            f"s1w|s0w={s1w}|{s0w}",
            f"s1w|s0t={s1w}|{s0t}",
            f"s1t|s0w={s1t}|{s0w}",
            f"s1t|s0t|b0t={s1t}|{s0t}|{b0t}",
            f"s0t|b0t|b1t={s0t}|{b0t}|{b1t}",
            f"b0t|b1t|b2t={b0t}|{b1t}|{b2t}",
            f"s2t|s1t|s0t={T[s2]}|{s1t}|{s0t}",
            f"s0t|s0lt|b0t={s0t}|{T[s0l]}|{b0t}",
            f"s0t|s0rt|b0t={s0t}|{T[s0r]}|{b0t}",
            f"s0t|b0t|b0lt={s0t}|{b0t}|{T[b0l]}",
            f"s0t|b0t|b0l2t={s0t}|{b0t}|{T[b0l]}|{T[b0l2]}",
            f"s1t|s1rt|s0t={s1t}|{T[s1r]}|{s0t}",
            f"s0lw={W[s0l]}",
            f"s0rw={W[s0r]}",
            f"b0lw={W[b0l]}",
            f"dist|s0t|b0t={dist}|{s0t}|{b0t}",
            f"dist|s0w|b0w={dist}|{s0w}|{b0w}",
            f"val|s0w={len(ls0)!s}{len(rs0)!s}|{s0w}",
            f"val|b0w={len(lb0)!s}|{b0w}",
            f"val|s0t|b0t={len(ls0)!s}{len(rs0)!s}{len(lb0)!s}|{s0t}|{b0t}",
        ]


def label_features(st: State, d: int) -> list[str]:
    """Features of the arc from st.heads[d] to d in a finished tree."""
    W, T = st.words, st.tags
    h = st.heads[d]
    kids = st.lefts[d] + st.rights[d]
    first = kids[0] if kids else 0
    last = kids[-1] if kids else 0
    side = "L" if d < h else "R"
    dist = str(min(abs(h - d), 6))
    dw, dt, hw, ht = W[d], T[d], W[h], T[h]
    kid_tags = "+".join(sorted({T[k] for k in kids})[:5])
    g = st.heads[h] if h <= st.n else 0
    return [
        "bias",
        f"dw={dw}",
        f"dt={dt}",
        f"dwt={dw}|{dt}",
        f"hw={hw}",
        f"ht={ht}",
        f"dt|ht|side={dt}|{ht}|{side}",
        f"dt|ht|side|dist={dt}|{ht}|{side}{dist}",
        f"dw|ht|side={dw}|{ht}|{side}",
        f"dt|hw|side={dt}|{hw}|{side}",
        f"dw|hw={dw}|{hw}",
        f"firstw|dt={W[first]}|{dt}",
        f"firstt|dt|side={T[first]}|{dt}|{side}",
        f"lastt|dt={T[last]}|{dt}",
        f"kids|dt|side={kid_tags}|{dt}|{side}",
        f"prevt|dt|ht={T[d - 1]}|{dt}|{ht}",
        f"nextw|dt={W[d + 1]}|{dt}",
        f"gt|ht|dt|side={T[g]}|{ht}|{dt}|{side}",
        f"nkids|dt={min(len(kids), 4)!s}|{dt}",
    ]


class Parser:
    def __init__(self, moves: Perceptron, labels: Perceptron) -> None:
        self.moves = SmallScorer(moves)
        self.labels = labels

    def parse(self, words: list[str], tags: list[str]) -> tuple[list[int], list[str]]:
        """Heads (1-based, 0 = root) and relation labels, one per word."""
        st = State(words, tags)
        m = self.moves
        while not st.done():
            scores = m.scores(st.features())
            ok = st.valid()
            best = max((s for s in (SHIFT, LEFT, RIGHT) if ok[s]), key=lambda s: scores[s])
            st.apply(best)
        return self._finish(st)

    def _finish(self, st: State) -> tuple[list[int], list[str]]:
        root = st.n + 1
        heads = [0 if h == root else h for h in st.heads[1:root]]
        lab = self.labels
        best = lab.batch_scores([lab.ids(label_features(st, d)) for d in range(1, root)]).argmax(axis=1)
        labels = ["root" if st.heads[d] == root else lab.classes[int(best[d - 1])] for d in range(1, root)]
        return heads, labels
