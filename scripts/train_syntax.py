"""Rebuild the shipped tagger and parser from UD English-EWT.

    python scripts/train_syntax.py UD_EWT_DIR [--out bot/syntax/model/ewt.npz]

UD_EWT_DIR holds en_ewt-ud-train.conllu and en_ewt-ud-dev.conllu (from the
UniversalDependencies/UD_English-EWT repository, CC BY-SA 4.0). Trains on
train, prints tagging accuracy and UAS/LAS on dev. Deterministic (--seed).
Takes some minutes on one core.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.syntax import store
from bot.syntax.analysis import MODEL_FILE, Syntax
from bot.syntax.parser import Parser
from bot.syntax.training import jackknife_tags, train_labels, train_moves, train_tagger
from bot.syntax.treebank import Tree, read_conllu


def evaluate(syntax: Syntax, trees: list[Tree]) -> dict[str, float]:
    """Tag accuracy, UAS and LAS (universal relations, punctuation included) on gold words."""
    words = tags = uas = las = 0
    t0 = time.perf_counter()
    for t in trees:
        ptags, heads, labels = syntax.parse_words(t.words)
        for n in range(len(t.words)):
            words += 1
            tags += ptags[n] == t.tags[n]
            if heads[n] == t.heads[n]:
                uas += 1
                las += labels[n] == t.labels[n]
    dt = time.perf_counter() - t0
    return {"tags": tags / words, "uas": uas / words, "las": las / words, "words_per_s": words / dt}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ud_dir", type=Path)
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--tagger-epochs", type=int, default=5)
    ap.add_argument("--parser-epochs", type=int, default=8)
    ap.add_argument("--label-epochs", type=int, default=5)
    ap.add_argument(
        "--folds", type=int, default=2, help="jackknife folds for the parser's training tags (0: gold tags)"
    )
    ap.add_argument("--limit", type=int, default=0, help="train on the first N sentences only (quick checks)")
    args = ap.parse_args()

    def log(s: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {s}", flush=True)

    train = list(read_conllu(args.ud_dir / "en_ewt-ud-train.conllu"))
    dev = list(read_conllu(args.ud_dir / "en_ewt-ud-dev.conllu"))
    if args.limit:
        train = train[: args.limit]
    log(f"train {len(train)} sentences, dev {len(dev)}")
    rng = random.Random(args.seed)
    tagger = train_tagger(train, args.tagger_epochs, rng, log)
    # the parser learns on tags like those it will see: from taggers that did not see the sentence
    tags = jackknife_tags(train, args.folds, args.tagger_epochs, rng, log) if args.folds else [t.tags for t in train]
    moves = train_moves(train, tags, args.parser_epochs, 0.9, rng, log)
    labels = train_labels(train, tags, args.label_epochs, rng, log)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    store.save(args.out, {"tagger": tagger.model, "moves": moves, "labels": labels})
    log(f"saved {args.out.name}: {args.out.stat().st_size / 1e6:.1f} MB")
    shipped = Syntax.from_file(args.out)  # as stored (float16), as the bot will load it
    assert isinstance(shipped.parser, Parser)
    scores = evaluate(shipped, dev)
    log("dev: tags {tags:.4f}  UAS {uas:.4f}  LAS {las:.4f}  ({words_per_s:.0f} words/s tag+parse)".format(**scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
