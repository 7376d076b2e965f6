"""The bench's split of reported-speech recall by the gold cue's class, on a tiny
brat corpus written here: which gold contents count as words said, which match."""

from __future__ import annotations

import json
from pathlib import Path

from bench.cue_recall import OTHER, SAID, cue_class, report_lines, reported_recall_by_cue

# One article, its gold contents and cues (offsets are computed from the text below).
TEXT = (
    "The harbour master said the toll would stay until spring.\n"
    "According to the port authority, dredging starts in May.\n"
    "Fishermen saw the water rise over the quay wall.\n"
    "Mols believes the river will win in the end.\n"
    "“We will not move,” the ferry captain said.\n"
)


def _at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


GOLD = [  # (cue, content, source)
    ("said", "the toll would stay until spring", "The harbour master"),
    ("According to", "dredging starts in May", "the port authority"),
    ("saw", "the water rise over the quay wall", "Fishermen"),
    ("believes", "the river will win in the end", "Mols"),
    ("said", "“We will not move,”", "the ferry captain"),
]


def _ann(events) -> str:
    lines, n = [], 0
    for e, (cue, content, source) in enumerate(events, 1):
        ids = []
        for kind, phrase in (("Cue", cue), ("Content", content), ("Source", source)):
            n += 1
            a, b = _at(phrase)
            lines.append(f"T{n}\t{kind} {a} {b}\t{phrase}")
            ids.append(f"{kind}:T{n}")
        lines.append(f"E{e}\t" + " ".join(ids))
    return "\n".join(lines) + "\n"


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "port_0001.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "port_0001_anna.ann").write_text(_ann(GOLD), encoding="utf-8")
    # a second annotator's file for the same article is not read, as in the scorer
    (tmp_path / "attributions" / "port_0001_ben.ann").write_text(_ann(GOLD[:1]), encoding="utf-8")
    return tmp_path


def _predictions(tmp_path: Path, spans: list[tuple[int, int, int | None]]) -> Path:
    quotes = [{"start": a, "end": b, "speaker": None, "attribution": g} for a, b, g in spans]
    path = tmp_path / "predictions.jsonl"
    path.write_text(json.dumps({"id": "port_0001", "quotes": quotes}) + "\n", encoding="utf-8")
    return path


def test_cues_of_words_said_and_cues_of_views_and_deeds():
    for cue in ("said", "has said", "According to", "told", "in a statement", ":", "his claim", "pointed out"):
        assert cue_class(cue) == SAID, cue
    for cue in ("saw", "believes", "declined", "supports", "knows", "is expected", "in"):
        assert cue_class(cue) == OTHER, cue


def test_recall_splits_the_reported_contents_by_cue_class(tmp_path):
    corpus = _corpus(tmp_path)
    toll, dredging = _at("the toll would stay until spring"), _at("dredging starts in May")
    water = _at("the water rise over the quay wall")
    # the toll clause found whole, the dredging clause cut to its last word (no match),
    # the perception found in two parts of one attribution; the quote is no reported content
    preds = _predictions(
        tmp_path,
        [
            (toll[0] - 5, toll[1] + 1, None),  # "said the toll …." trims to nearly the gold words
            (dredging[1] - 3, dredging[1], None),
            (water[0], water[0] + 12, 7),
            (water[0] + 12, water[1], 7),
            (*_at("We will not move"), None),
        ],
    )
    counts = reported_recall_by_cue(corpus, preds)
    assert counts == {SAID: [1, 2], OTHER: [1, 2]}
    assert report_lines(counts) == [
        "recall, gold without quotation marks, speech/claim cue: 0.500  (1/2)",
        "recall, gold without quotation marks, other cue: 0.500  (1/2)",
    ]


def test_one_prediction_matches_one_gold_content(tmp_path):
    corpus = _corpus(tmp_path)
    a, b = _at("the toll would stay until spring")
    preds = _predictions(tmp_path, [(a, b, None)])
    assert reported_recall_by_cue(corpus, preds) == {SAID: [1, 2], OTHER: [0, 2]}
    assert reported_recall_by_cue(corpus, preds, threshold=1.0) == {SAID: [1, 2], OTHER: [0, 2]}
    preds = _predictions(tmp_path, [(a + 4, b, None)])  # "toll would stay …": Jaccard 0.87
    assert reported_recall_by_cue(corpus, preds, threshold=1.0) == {SAID: [0, 2], OTHER: [0, 2]}
