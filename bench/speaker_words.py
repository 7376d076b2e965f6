"""Speakers that hold a clause instead of naming who spoke (issue 12).

    python bench/attribution.py ../shared/corpora/polnear/train --keep train.jsonl
    python bench/speaker_words.py train.jsonl [--show 20]

Reads the predictions kept by the attribution bench and counts speaker phrases a
reader would not take for a name or a noun: one opened by a subordinator ("Although
Rubio"), one ending in a conjunction ("… in Lund and"), one holding "and" before a
verb, a reporting verb after its first word ("Congress mandated", "Figures
reported"), an auxiliary ("The clip has faced") or an adverb in -ly before a verb
("President Obama passionately rebuked critics"). The counts are a smell test, not a
score: each flagged phrase is worth a look, and a fix should bring them down
without lowering speaker accuracy in the attribution bench.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.quotes.lexicon import AUX, CUE_VERBS, DETERMINERS, SOURCE_NOUNS  # noqa: E402

_CONJUNCTIONS = frozenset("and but or nor".split())
_SUBORDINATORS = frozenset("although though because whereas while if when unless since so then now".split())
_CLAUSE_AUX = AUX & frozenset("has have had is was were are will would did does do been be being not".split())


def flags(speaker: str) -> list[str]:
    """The shapes that make `speaker` read as a clause rather than who spoke."""
    words = [w.strip(".,;:’'\"") for w in speaker.split()]
    low = [w.lower() for w in words if w]
    if not low:
        return []
    found = []
    if len(low) > 1 and low[0] in _SUBORDINATORS:
        found.append("subordinator first")
    if len(low) > 1 and low[-1] in _CONJUNCTIONS:
        found.append("conjunction last")
    if any(low[n] in _CONJUNCTIONS and low[n + 1] in CUE_VERBS for n in range(len(low) - 1)):
        found.append("and + verb")
    if any(_verb_after_noun(low, n) for n in range(1, len(low))):
        found.append("reporting verb")
    if any(w in _CLAUSE_AUX and words[n][:1].islower() for n, w in enumerate(low[1:], 1)):
        found.append("auxiliary")
    if any(_adverb_before_verb(low, n) for n in range(1, len(low) - 1)):
        found.append("adverb + verb")
    return found


def _adverb_before_verb(low: list[str], n: int) -> bool:
    """ "Obama passionately rebuked critics", "the mayor still stinging over": an adverb
    after a word that is no determiner, before a verb form."""
    w, after = low[n], low[n + 1]
    if not (w.endswith("ly") and len(w) > 5 or w in ("still", "never")):
        return False
    return low[n - 1] not in DETERMINERS and after.endswith(("ed", "ing")) or after in CUE_VERBS


def _verb_after_noun(low: list[str], n: int) -> bool:
    """ "Congress mandated", "the court noted published": a reporting verb after a word
    that is no determiner, not a participle before "by" ("an article cited by")."""
    w = low[n]
    if w not in CUE_VERBS or w in SOURCE_NOUNS or not w.endswith(("ed", "s")) or w.endswith("ss"):
        return False
    return low[n - 1] not in DETERMINERS and (n + 1 == len(low) or low[n + 1] != "by")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kept", nargs="+", help="JSON lines from bench/attribution.py --keep")
    ap.add_argument("--show", type=int, default=10, help="examples printed per shape")
    args = ap.parse_args()
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    speakers = 0
    for path in args.kept:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            for q in json.loads(line)["quotes"]:
                if not q.get("speaker"):
                    continue
                speakers += 1
                for f in set(flags(q["speaker"])):
                    counts[f] += 1
                    examples.setdefault(f, []).append(q["speaker"])
    print(f"named speakers: {speakers}  flagged: {sum(counts.values())}")
    for f, n in counts.most_common():
        print(f"{f:20} {n}")
        for s in examples[f][: args.show]:
            print(f"    {s}")


if __name__ == "__main__":
    main()
