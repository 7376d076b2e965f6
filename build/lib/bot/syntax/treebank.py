"""Reading CoNLL-U treebanks (Universal Dependencies) for training and checking.

Only the basic tree is read: word lines with an integer id. Multiword-token
ranges ("don't" over "do" + "n't") and empty nodes are skipped, since the
tokenizer gives the syntactic words. Relation subtypes ("nsubj:pass") are cut
to the universal relation, as the standard LAS does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple


class Tree(NamedTuple):
    words: list[str]
    tags: list[str]  # UPOS
    heads: list[int]  # 1-based heads, 0 = root, one per word
    labels: list[str]


def read_conllu(path: Path) -> Iterator[Tree]:
    words: list[str] = []
    tags: list[str] = []
    heads: list[int] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield Tree(words, tags, heads, labels)
                words, tags, heads, labels = [], [], [], []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if not cols[0].isdigit():
                continue
            words.append(cols[1])
            tags.append(cols[3])
            heads.append(int(cols[6]))
            labels.append(cols[7].split(":")[0])
    if words:
        yield Tree(words, tags, heads, labels)


def is_projective(heads: list[int]) -> bool:
    arcs = [(min(h, d), max(h, d)) for d, h in enumerate(heads, 1)]
    for a, b in arcs:
        for c, d in arcs:
            if a < c < b < d:
                return False
    return True
