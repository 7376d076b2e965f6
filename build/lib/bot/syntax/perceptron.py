"""An averaged multi-class perceptron over string features, stored densely.

Features are strings made by the tagger and parser ("w=said", "s0t|b0t=VERB|SCONJ");
each known feature is one row of a weight matrix, one column per class. Scoring
is a sum of rows, so inference is one numpy call per decision. Unknown features
are skipped: the vocabulary is fixed before training (features seen at least
twice), which keeps the matrix and the shipped file small.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np


class Perceptron:
    """Scores classes for a bag of features (inference side)."""

    def __init__(self, classes: Sequence[str], features: Sequence[str], weights: np.ndarray) -> None:
        self.classes = list(classes)
        self.index = {f: n for n, f in enumerate(features)}
        self.weights = weights
        self._zero = np.zeros(len(self.classes), dtype=weights.dtype)

    def ids(self, feats: Iterable[str]) -> list[int]:
        get = self.index.get
        return [n for n in map(get, feats) if n is not None]

    def scores(self, ids: list[int]) -> np.ndarray:
        return self.weights[ids].sum(axis=0) if ids else self._zero

    def batch_scores(self, id_lists: list[list[int]]) -> np.ndarray:
        """Scores for many independent decisions at once (one row each): one numpy call
        for a whole sentence instead of one per word."""
        flat = [n for ids in id_lists for n in ids]
        rows = np.zeros((len(id_lists), len(self.classes)), dtype=self.weights.dtype)
        if not flat:
            return rows
        offsets = np.cumsum([0] + [len(ids) for ids in id_lists[:-1]])
        sums = np.add.reduceat(self.weights[flat], offsets, axis=0)
        # reduceat gives the next row for an empty bag; those rows stay zero
        nonempty = np.array([bool(ids) for ids in id_lists])
        rows[nonempty] = sums[nonempty]
        return rows

    def features(self) -> list[str]:
        out = [""] * len(self.index)
        for f, n in self.index.items():
            out[n] = f
        return out


class Trainer(Perceptron):
    """The learning side: plain perceptron updates, weights averaged over every step.

    The average uses the usual accumulator trick (Daume): alongside the weights,
    each update is also added times the current step number, so the average is
    weights - accumulated / steps without visiting untouched rows.
    """

    def __init__(self, classes: Sequence[str], features: Sequence[str]) -> None:
        super().__init__(classes, features, np.zeros((len(features), len(classes)), dtype=np.float64))
        self._acc = np.zeros_like(self.weights)
        self.steps = 1

    def tick(self) -> None:
        self.steps += 1

    def update(self, ids: list[int], gold: int, guess: int) -> None:
        # ids are unique per decision (every template prefixes its feature), so fancy
        # indexing adds exactly once per row
        if gold == guess or not ids:
            return
        self.weights[ids, gold] += 1.0
        self.weights[ids, guess] -= 1.0
        self._acc[ids, gold] += self.steps
        self._acc[ids, guess] -= self.steps

    def averaged(self) -> Perceptron:
        avg = (self.weights - self._acc / self.steps).astype(np.float32)
        keep = np.flatnonzero(np.abs(avg).max(axis=1) > 1e-3)
        feats = self.features()
        return Perceptron(self.classes, [feats[n] for n in keep], avg[keep])


class SmallScorer:
    """The same scores for a model with a handful of classes, in plain Python.

    For three classes a numpy call costs more than the sum itself; one tuple of
    weights per feature, summed column by column, is several times faster.
    """

    def __init__(self, model: Perceptron) -> None:
        self.classes = model.classes
        rows = model.weights.tolist()
        self.rows = {f: tuple(rows[n]) for f, n in model.index.items()}

    def scores(self, feats: list[str]) -> list[float]:
        get = self.rows.get
        hits = [r for r in map(get, feats) if r is not None]
        return [sum(col) for col in zip(*hits, strict=True)] if hits else [0.0] * len(self.classes)


class SmallTrainer:
    """Training for a model with a handful of classes (the parser's three moves),
    in plain Python for the same reason as SmallScorer. Features are added when
    first involved in a mistake, so no vocabulary pass is needed."""

    def __init__(self, classes: Sequence[str]) -> None:
        self.classes = list(classes)
        self.weights: dict[str, list[float]] = {}
        self._acc: dict[str, list[float]] = {}
        self.steps = 1

    def tick(self) -> None:
        self.steps += 1

    def scores(self, feats: list[str]) -> list[float]:
        get = self.weights.get
        hits = [r for r in map(get, feats) if r is not None]
        return [sum(col) for col in zip(*hits, strict=True)] if hits else [0.0] * len(self.classes)

    def update(self, feats: list[str], gold: int, guess: int) -> None:
        if gold == guess:
            return
        n, t = len(self.classes), self.steps
        for f in feats:
            w = self.weights.get(f)
            if w is None:
                w = self.weights[f] = [0.0] * n
                self._acc[f] = [0.0] * n
            a = self._acc[f]
            w[gold] += 1.0
            w[guess] -= 1.0
            a[gold] += t
            a[guess] -= t

    def averaged(self, least: float = 1e-3) -> Perceptron:
        feats, rows = [], []
        for f, w in self.weights.items():
            a = self._acc[f]
            avg = [w[k] - a[k] / self.steps for k in range(len(w))]
            if max(abs(x) for x in avg) > least:
                feats.append(f)
                rows.append(avg)
        weights = np.array(rows, dtype=np.float32).reshape(len(rows), len(self.classes))
        return Perceptron(self.classes, feats, weights)
