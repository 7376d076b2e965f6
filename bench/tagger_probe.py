"""How far would a learned span tagger get on a PolNeAR-style corpus?

    pip install python-crfsuite   # not a dependency of the bot
    python bench/tagger_probe.py CORPUS_DIR [--scorer PATH] [--iterations N]

A probe for a design decision, not part of the bot. It trains a linear-chain
CRF (BIO tags over word tokens) on CORPUS_DIR/train, with the rule engine's
own output among the features, tags CORPUS_DIR/dev, gives each tagged span
the speaker of the rule quote it overlaps most, and scores the result with
the shared scorer. The model lives in a temporary directory and is deleted:
nothing derived from the corpus is kept, because the corpus states no
licence.
"""

from __future__ import annotations

import argparse
import bisect
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from attribution import sanitized_gold  # noqa: E402

from bot.quotes import analyse  # noqa: E402
from bot.quotes.lexicon import CUE_VERBS, TO_CUES, WEAK_CUES  # noqa: E402
from bot.quotes.marks import find_quotes  # noqa: E402
from bot.quotes.tokens import tokenize  # noqa: E402


def gold_spans(ann: Path) -> list[tuple[int, int]]:
    """Outer bounds of each attribution's content, from one brat file."""
    spans, out = {}, []
    for line in ann.read_text(encoding="utf-8").split("\n"):
        if line.startswith("T") and line.count("\t") == 2:
            tid, mid, _ = line.split("\t")
            ranges = [tuple(map(int, r.split())) for r in mid.split(" ", 1)[1].split(";")]
            spans[tid] = (min(a for a, _ in ranges), max(b for _, b in ranges))
        elif line.startswith("E") and "\t" in line:
            roles = dict(a.split(":", 1) for a in line.split("\t")[1].split())
            if roles.get("Content") in spans:
                out.append(spans[roles["Content"]])
    return out


def bio(tokens: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[str]:
    """Longest spans first; a span nested in a tagged one is left out (rare in this corpus)."""
    tags = ["O"] * len(tokens)
    starts = [a for a, _ in tokens]
    for a, b in sorted(spans, key=lambda s: s[0] - s[1]):
        i = bisect.bisect_left(starts, a)
        j = i
        while j < len(tokens) and tokens[j][1] <= b:
            j += 1
        if i == j or any(t != "O" for t in tags[i:j]):
            continue
        tags[i:j] = ["B"] + ["I"] * (j - i - 1)
    return tags


def _bucket(d: int) -> str:
    for top, name in ((0, "0"), (1, "1"), (2, "2"), (5, "3-5"), (15, "6-15"), (40, "16-40")):
        if d <= top:
            return name
    return "far"


def _cue_strength(word: str) -> int:
    if word in CUE_VERBS:
        return 2
    return 1 if word in WEAK_CUES or word in TO_CUES or word == "according" else 0


def _distances(low: list[str], cue: list[int]) -> tuple[list[int], list[int]]:
    """Tokens since the last cue and until the next one, within a sentence."""
    n = len(low)
    left, right = [99] * n, [99] * n
    last = None
    for i in range(n):
        if low[i] in ".!?":
            last = None
        left[i] = i - last if last is not None else 99
        if cue[i]:
            last = i
    nxt = None
    for i in range(n - 1, -1, -1):
        if low[i] in ".!?":
            nxt = None
        right[i] = nxt - i if nxt is not None else 99
        if cue[i]:
            nxt = i
    return left, right


def features(text: str, tokens: list[tuple[int, int]], rule_quotes) -> list[list[str]]:
    n = len(tokens)
    starts = [a for a, _ in tokens]
    rule, kind, quoted = ["O"] * n, ["-"] * n, [False] * n
    for q in rule_quotes:
        i = bisect.bisect_left(starts, q.start)
        first = True
        while i < n and tokens[i][0] < q.end:
            rule[i], kind[i], first = ("B" if first else "I"), q.kind, False
            i += 1
    for q in find_quotes(text):
        i = bisect.bisect_left(starts, q.start)
        while i < n and tokens[i][0] < q.end:
            quoted[i] = True
            i += 1
    low = [text[a:b].lower() for a, b in tokens]
    cue = [_cue_strength(w) for w in low]
    left, right = _distances(low, cue)
    rows = []
    for i, w in enumerate(low):
        f = [
            "bias",
            "w=" + w,
            "s3=" + w[-3:],
            f"up={text[tokens[i][0]].isupper():d}",
            "rule=" + rule[i],
            "kind=" + kind[i],
            f"q={quoted[i]:d}",
            f"cue={cue[i]:d}",
            "left=" + _bucket(left[i]),
            "right=" + _bucket(right[i]),
            "left|rule=" + _bucket(left[i]) + rule[i],
            f"q|rule={quoted[i]:d}{rule[i]}",
        ]
        for d in (-3, -2, -1, 1, 2):
            j = i + d
            f.append(f"w{d}=" + (low[j] if 0 <= j < n else "<>"))
            if abs(d) <= 2 and 0 <= j < n:
                f.append(f"cue{d}={cue[j]:d}")
                f.append(f"rule{d}=" + rule[j])
        if i:
            f.append("bigram=" + low[i - 1] + "|" + w)
            f.append(f"newline={chr(10) in text[tokens[i - 1][1] : tokens[i][0]]:d}")
        rows.append(f)
    return rows


def spans_from(tags: list[str], tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, cur = [], None
    for t, (a, b) in zip(tags, tokens, strict=False):
        if t == "B" or (t == "I" and cur is None):
            if cur:
                out.append(tuple(cur))
            cur = [a, b]
        elif t == "I":
            cur[1] = b
        elif cur:
            out.append(tuple(cur))
            cur = None
    if cur:
        out.append(tuple(cur))
    return out


def articles(split: Path):
    for path in sorted((split / "text").glob("*.txt")):
        anns = sorted((split / "attributions").glob(path.stem + "_*.ann"))
        text = path.read_text(encoding="utf-8")
        tokens = [(t.start, t.end) for t in tokenize(text)]
        yield path.stem, text, tokens, (gold_spans(anns[0]) if anns else [])


def main() -> int:
    import pycrfsuite  # optional: only this probe needs it

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--scorer", type=Path, default=REPO.parent / "shared" / "tools" / "score_attribution.py")
    ap.add_argument("--iterations", type=int, default=150)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        t0 = time.perf_counter()
        trainer = pycrfsuite.Trainer(verbose=False)
        for _, text, tokens, spans in articles(args.corpus / "train"):
            trainer.append(features(text, tokens, analyse(text).quotes), bio(tokens, spans))
        trainer.set_params(
            {"c1": 0.1, "c2": 0.01, "max_iterations": args.iterations, "feature.possible_transitions": True}
        )
        trainer.train(str(tmpdir / "model.crfsuite"))
        print(f"trained on {args.corpus / 'train'} in {time.perf_counter() - t0:.0f} s")
        tagger = pycrfsuite.Tagger()
        tagger.open(str(tmpdir / "model.crfsuite"))
        preds = tmpdir / "pred.jsonl"
        with preds.open("w", encoding="utf-8") as out:
            for doc, text, tokens, _ in articles(args.corpus / "dev"):
                rule_quotes = analyse(text).quotes
                quotes = []
                for a, b in spans_from(tagger.tag(features(text, tokens, rule_quotes)), tokens):
                    best = max(rule_quotes, key=lambda q: min(b, q.end) - max(a, q.start), default=None)
                    hit = best is not None and min(b, best.end) > max(a, best.start)
                    quotes.append({"start": a, "end": b, "speaker": best.speaker if hit else None})
                out.write(json.dumps({"id": doc, "quotes": quotes}) + "\n")
        gold = sanitized_gold(args.corpus / "dev", tmpdir)
        return subprocess.run([sys.executable, str(args.scorer), str(gold), str(preds)]).returncode


if __name__ == "__main__":
    raise SystemExit(main())
