"""Reported-speech recall split by what the gold cue is: words said or claimed, or not.

PolNeAR annotates perceptions ("saw"), cognition ("knows"), stances ("supports") and
deeds ("declined") as attributions too; a briefing must not show those as something
said. This splits the scorer's "recall, gold without quotation marks" by the class
of each gold content's cue: a speech or claim cue (a word of `lexicon.SAYING_CUES`:
"said", "according to", "in a statement", a colon) or anything else.

The gold and the matching follow the shared scorer: the first annotator's file of
each article, contents and predictions trimmed of quotation marks, spaces and clause
punctuation at their edges, predictions with one "attribution" value unioned, pairs
at Jaccard >= threshold matched one to one, best overlap first. The two counts add
up to the scorer's own line; the bench prints both so a drift shows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from bot.quotes.lexicon import SAYING_CUES

_QUOTE_MARKS = ('"', "“", "”", "``", "''")
_TRIM = frozenset(" \t\n\r\"'“”‘’`,.;:")
SAID, OTHER = "speech/claim cue", "other cue"


@dataclass(frozen=True)
class GoldContent:
    chars: frozenset[int]
    quoted: bool
    cue: str  # the cue's surface as annotated ("" when the event has none)


def trimmed(a: int, b: int, text: str) -> tuple[int, int]:
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return a, b


def cue_class(cue: str) -> str:
    """SAID when one word of the cue is a speech or claim cue ("has said", "according
    to", "in a statement", ":"), OTHER otherwise ("saw", "believes", "declined")."""
    words = re.findall(r"[\w'’-]+|:", cue.lower())
    return SAID if any(w in SAYING_CUES for w in words) else OTHER


def _spans(ann: Path) -> tuple[dict[str, tuple[list[tuple[int, int]], str]], list[dict[str, str]]]:
    spans, events = {}, []
    for line in ann.read_text(encoding="utf-8").split("\n"):
        if line.startswith("T") and line.count("\t") >= 2:
            tid, mid, surface = line.split("\t", 2)
            ranges = [(int(x), int(y)) for x, y in (r.split() for r in mid.split(" ", 1)[1].split(";"))]
            spans[tid] = (ranges, surface)
        elif line.startswith("E") and "\t" in line:
            events.append(dict(arg.split(":", 1) for arg in line.split("\t", 1)[1].split()))
    return spans, events


def gold_contents(corpus: Path) -> dict[str, list[GoldContent]]:
    """Each article's gold contents, read from the first annotator's file as the scorer does."""
    gold: dict[str, list[GoldContent]] = {}
    for ann in sorted((corpus / "attributions").glob("*.ann")):
        doc = ann.name.rsplit("_", 1)[0]
        if doc in gold:
            continue
        text = (corpus / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        spans, events = _spans(ann)
        contents = []
        for event in events:
            content = spans.get(event.get("Content", ""))
            if content is None:
                continue
            chars: set[int] = set()
            for a, b in content[0]:
                chars.update(range(*trimmed(a, b, text)))
            cue = spans.get(event.get("Cue", ""))
            quoted = any(m in content[1] for m in _QUOTE_MARKS)
            contents.append(GoldContent(frozenset(chars), quoted, cue[1] if cue else ""))
        gold[doc] = contents
    return gold


def predicted_spans(records: list[dict], text: str) -> list[set[int]]:
    """The characters of each predicted attribution: records sharing an "attribution" value unioned."""
    spans: list[set[int]] = []
    groups: dict[object, int] = {}
    for q in records:
        a, b = trimmed(int(q["start"]), int(q["end"]), text)
        if b <= a:
            continue
        group = q.get("attribution")
        if group is not None and group in groups:
            spans[groups[group]] |= set(range(a, b))
            continue
        if group is not None:
            groups[group] = len(spans)
        spans.append(set(range(a, b)))
    return spans


def matched(golds: list[GoldContent], spans: list[set[int]], threshold: float) -> set[int]:
    """Indexes of the gold contents a prediction matches, one to one, best overlap first."""
    pairs = []
    for gi, g in enumerate(golds):
        for pi, chars in enumerate(spans):
            inter = len(g.chars & chars)
            if inter and inter / len(g.chars | chars) >= threshold:
                pairs.append((inter / len(g.chars | chars), gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return used_g


def reported_recall_by_cue(corpus: Path, predictions: Path, threshold: float = 0.5) -> dict[str, list[int]]:
    """{class: [matched, total]} over the gold contents without quotation marks."""
    preds: dict[str, list[dict]] = {}
    for line in predictions.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            preds[str(obj["id"])] = obj.get("quotes") or []
    out = {SAID: [0, 0], OTHER: [0, 0]}
    for doc, golds in gold_contents(corpus).items():
        text = (corpus / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        hits = matched(golds, predicted_spans(preds.get(doc, []), text), threshold)
        for gi, g in enumerate(golds):
            if not g.quoted:
                counts = out[cue_class(g.cue)]
                counts[0] += gi in hits
                counts[1] += 1
    return out


def report_lines(counts: dict[str, list[int]]) -> list[str]:
    """One line per class, in the scorer's style."""
    return [
        f"recall, gold without quotation marks, {label}: {m / n if n else 0:.3f}  ({m}/{n})"
        for label, (m, n) in counts.items()
    ]
