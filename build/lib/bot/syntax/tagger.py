"""Part-of-speech tagging (Universal POS tags), greedy left to right.

Word features are computed once per sentence; the two previous tags the tagger
chose are the only features that depend on earlier decisions.
"""

from __future__ import annotations

import numpy as np

from bot.syntax.perceptron import Perceptron
from bot.syntax.words import normal, shape

START = ("<s1>", "<s2>")


def word_features(words: list[str]) -> list[list[str]]:
    """The features of each word that do not depend on tags already chosen."""
    norm = [normal(w) for w in words]
    pad = ["<s1>", "<s2>"]
    ctx = pad[::-1] + norm + ["</s1>", "</s2>"]
    out = []
    for i, w in enumerate(words):
        n = norm[i]
        j = i + 2
        out.append(
            [
                "b",
                "w=" + n,
                "s3=" + n[-3:],
                "s2=" + n[-2:],
                "s1=" + n[-1:],
                "p1=" + n[:1],
                "p3=" + n[:3],
                "sh=" + shape(w),
                "first=" + ("1" if i == 0 else "0") + shape(w),
                "w-1=" + ctx[j - 1],
                "s3-1=" + ctx[j - 1][-3:],
                "w-2=" + ctx[j - 2],
                "w+1=" + ctx[j + 1],
                "s3+1=" + ctx[j + 1][-3:],
                "w+2=" + ctx[j + 2],
                "w-1w=" + ctx[j - 1] + "|" + n,
                "ww+1=" + n + "|" + ctx[j + 1],
            ]
        )
    return out


def history_features(word: str, p1: str, p2: str) -> list[str]:
    return ["t-1=" + p1, "t-2t-1=" + p2 + "|" + p1, "t-1w=" + p1 + "|" + word]


class Tagger:
    def __init__(self, model: Perceptron) -> None:
        self.model = model

    def tag(self, words: list[str]) -> list[str]:
        m = self.model
        classes = m.classes
        static = m.batch_scores([m.ids(f) for f in word_features(words)])
        tags: list[str] = []
        p2, p1 = START[1], START[0]
        for n, w in enumerate(words):
            scores = static[n].copy()
            for k in m.ids(history_features(normal(w), p1, p2)):
                scores += m.weights[k]
            best = classes[int(np.argmax(scores))]
            tags.append(best)
            p2, p1 = p1, best
        return tags
