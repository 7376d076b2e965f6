"""Training the tagger and the parser on a treebank (used by scripts/train_syntax.py).

Deterministic: one seeded random generator decides the order of sentences and
when the parser explores its own mistakes.

The parser learns with a dynamic oracle (Goldberg and Nivre's costs for the
arc-hybrid system): at every step the moves that lose no more gold arcs than
necessary are all correct, so after a mistake the parser learns how to carry
on well rather than only how to follow the gold path. Parser training uses tags
from taggers that did not see the sentence (jackknifing), as at run time.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable

from bot.syntax.parser import LEFT, MOVES, RIGHT, SHIFT, State, label_features
from bot.syntax.perceptron import Perceptron, SmallTrainer, Trainer
from bot.syntax.tagger import START, Tagger, history_features, word_features
from bot.syntax.treebank import Tree
from bot.syntax.words import normal

Log = Callable[[str], None]


def _vocabulary(feature_lists: Iterable[list[str]], min_count: int = 2) -> list[str]:
    counts: Counter[str] = Counter()
    for feats in feature_lists:
        counts.update(feats)
    return sorted(f for f, c in counts.items() if c >= min_count)


# --- tagger ---------------------------------------------------------------


def _tagger_gold_features(trees: list[Tree]) -> Iterable[list[str]]:
    for t in trees:
        p2, p1 = START[1], START[0]
        for n, feats in enumerate(word_features(t.words)):
            yield feats + history_features(normal(t.words[n]), p1, p2)
            p2, p1 = p1, t.tags[n]


def train_tagger(trees: list[Tree], epochs: int, rng: random.Random, log: Log) -> Tagger:
    classes = sorted({tag for t in trees for tag in t.tags})
    model = Trainer(classes, _vocabulary(_tagger_gold_features(trees)))
    cls = {c: n for n, c in enumerate(classes)}
    order = list(trees)
    for epoch in range(epochs):
        rng.shuffle(order)
        right = total = 0
        for t in order:
            p2, p1 = START[1], START[0]
            for n, feats in enumerate(word_features(t.words)):
                ids = model.ids(feats) + model.ids(history_features(normal(t.words[n]), p1, p2))
                guess = int(model.scores(ids).argmax())
                gold = cls[t.tags[n]]
                model.update(ids, gold, guess)
                model.tick()
                right += guess == gold
                total += 1
                # the history is the tagger's own guesses, as at run time
                p2, p1 = p1, classes[guess]
        log(f"tagger epoch {epoch + 1}: train accuracy {right / total:.4f}")
    return Tagger(model.averaged())


def jackknife_tags(trees: list[Tree], folds: int, epochs: int, rng: random.Random, log: Log) -> list[list[str]]:
    """Each sentence tagged by a tagger trained on the other folds."""
    out: list[list[str]] = [[] for _ in trees]
    for k in range(folds):
        rest = [t for n, t in enumerate(trees) if n % folds != k]
        tagger = train_tagger(rest, epochs, rng, _fold_log(log, k))
        for n in range(k, len(trees), folds):
            out[n] = tagger.tag(trees[n].words)
    return out


def _fold_log(log: Log, k: int) -> Log:
    """The log, each line marked with the fold (counted from 1) it is about."""
    return lambda line: log(f"fold {k + 1}: {line}")


# --- parser ---------------------------------------------------------------


def _costs(st: State, gold: list[int], kids: list[list[int]]) -> tuple[int, int, int]:
    """How many gold arcs each move makes unreachable (a large number if not allowed)."""
    big = 1 << 20
    stack, b = st.stack, st.b
    can_shift, can_left, can_right = st.valid()
    s0 = stack[-1] if stack else 0
    s0_kids_in_buffer = sum(1 for k in kids[s0] if k >= b) if s0 else 0
    left = right = shift = big
    if can_left:
        h = gold[s0]
        left = s0_kids_in_buffer + (1 if h != b and ((len(stack) > 1 and h == stack[-2]) or h > b) else 0)
    if can_right:
        right = s0_kids_in_buffer + (1 if gold[s0] >= b else 0)
    if can_shift:
        shift = (1 if gold[b] in stack[:-1] else 0) + sum(1 for k in stack if gold[k] == b)
    return shift, left, right


def _gold_heads(t: Tree) -> tuple[list[int], list[list[int]]]:
    root = len(t.words) + 1
    gold = [0] + [root if h == 0 else h for h in t.heads] + [0]
    kids: list[list[int]] = [[] for _ in range(root + 1)]
    for d in range(1, root):
        kids[gold[d]].append(d)
    return gold, kids


def train_moves(
    trees: list[Tree], tags: list[list[str]], epochs: int, explore: float, rng: random.Random, log: Log
) -> Perceptron:
    model = SmallTrainer(list(MOVES))
    data = list(zip(trees, tags, strict=True))
    for epoch in range(epochs):
        rng.shuffle(data)
        right = total = 0
        for t, tg in data:
            gold, kids = _gold_heads(t)
            st = State(t.words, tg)
            while not st.done():
                feats = st.features()
                scores = model.scores(feats)
                ok = st.valid()
                costs = _costs(st, gold, kids)
                allowed = [m for m in (SHIFT, LEFT, RIGHT) if ok[m]]
                guess = max(allowed, key=lambda m: scores[m])
                least = min(costs[m] for m in allowed)
                best_gold = max((m for m in allowed if costs[m] == least), key=lambda m: scores[m])
                model.update(feats, best_gold, guess)
                model.tick()
                right += costs[guess] == least
                total += 1
                # after the first epoch, follow its own (possibly wrong) move now and then
                follow = guess if epoch > 0 and rng.random() < explore else best_gold
                st.apply(follow)
        log(f"parser epoch {epoch + 1}: moves at least cost {right / total:.4f}")
    return model.averaged()


def _label_examples(trees: list[Tree], tags: list[list[str]]) -> Iterable[tuple[list[str], str]]:
    """Label features on the gold tree (with the tags the tagger gave)."""
    for t, tg in zip(trees, tags, strict=True):
        gold, _ = _gold_heads(t)
        st = State(t.words, tg)
        for d in range(1, st.n + 1):
            h = gold[d]
            st.heads[d] = h
            (st.lefts if d < h else st.rights)[h].append(d)
        for d in range(1, st.n + 1):
            if t.labels[d - 1] != "root":
                yield label_features(st, d), t.labels[d - 1]


def train_labels(trees: list[Tree], tags: list[list[str]], epochs: int, rng: random.Random, log: Log) -> Perceptron:
    examples = list(_label_examples(trees, tags))
    classes = sorted({lab for _, lab in examples})
    cls = {c: n for n, c in enumerate(classes)}
    model = Trainer(classes, _vocabulary(f for f, _ in examples))
    id_examples = [(model.ids(f), cls[lab]) for f, lab in examples]
    for epoch in range(epochs):
        rng.shuffle(id_examples)
        right = 0
        for ids, gold in id_examples:
            guess = int(model.scores(ids).argmax())
            model.update(ids, gold, guess)
            model.tick()
            right += guess == gold
        log(f"labeller epoch {epoch + 1}: train accuracy {right / len(id_examples):.4f}")
    return model.averaged()
