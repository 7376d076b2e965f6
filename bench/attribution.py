"""Score the quote engine on a brat-annotated corpus (PolNeAR layout).

    python bench/attribution.py CORPUS_DIR [--threshold T] [--scorer PATH] [--analyser rules|parsed]
    python bench/attribution.py CORPUS_DIR --ablate PASS_OR_RULE [--ablate ...]
    python bench/attribution.py CORPUS_DIR --ablate all

Runs `briefbot analyze --jsonl` (as `python -m bot`) over CORPUS_DIR/text,
keeps its JSON lines in a temporary file and runs the shared scorer on them,
printing the scorer's output, then its reported-speech recall split by the gold
cue's class (`bench/cue_recall.py`: speech and claim cues, other cues). `--in-process` skips the CLI and calls the
engine directly (the same records, without the article text), for quick
tuning loops.

`--ablate NAME` scores the rules analyser without the engine pass or the
reported-speech rule called NAME (in process), next to the full analyser, and
prints what NAME is worth: the full run's figures minus the ablated run's.
`--ablate all` does that for every pass and rule in turn (slow: one corpus run each).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.cue_recall import report_lines, reported_recall_by_cue  # noqa: E402
from bot.ingest.load import doc_id, load_file  # noqa: E402
from bot.quotes.analyser import Analyser, RulesAnalyser, analyser_named, part_names  # noqa: E402
from bot.quotes.report import analysis_record  # noqa: E402


def cli_predictions(corpus: Path, out, analyser: Analyser | None = None) -> int:
    """What other tools see: the analyze command's JSON lines, one per article."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "analyze", "--jsonl", str(corpus / "text")],
        cwd=REPO,
        env={**os.environ, "ANALYSER": analyser.name if analyser else "rules"},
        stdout=out,
        stderr=subprocess.PIPE,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"briefbot analyze failed: {result.stderr.strip()[-500:]}")
    return len(list((corpus / "text").glob("*.txt")))


def write_predictions(corpus: Path, out, analyser: Analyser | None = None) -> int:
    analyser = analyser or RulesAnalyser()
    n = 0
    for path in sorted((corpus / "text").glob("*.txt")):
        article = load_file(path)
        rec = analysis_record(doc_id(str(path)), article, analyser.analyse(article.text))
        rec.pop("text")  # the scorer reads offsets only; keeps the temp file small
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def sanitized_gold(corpus: Path, tmpdir: Path) -> Path:
    """A temporary view of the gold dir whose .ann lines all parse.

    A few PolNeAR files have span surfaces with line breaks, which the shared
    scorer cannot read; the continuation lines (no tab) are dropped. Text files
    are symlinked, nothing is written next to the corpus or into the repo.
    """
    ann_dir = corpus / "attributions"
    bad = [
        p
        for p in ann_dir.glob("*.ann")
        if any(line and "\t" not in line for line in p.read_text(encoding="utf-8").split("\n"))
    ]
    if not bad:
        return corpus
    view = tmpdir / "gold"
    (view / "attributions").mkdir(parents=True)
    (view / "text").symlink_to((corpus / "text").resolve())
    for p in ann_dir.glob("*.ann"):
        target = view / "attributions" / p.name
        if p in bad:
            lines = [ln for ln in p.read_text(encoding="utf-8").split("\n") if "\t" in ln]
            target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            target.symlink_to(p.resolve())
    return view


def score(corpus: Path, predictions: Path, scorer: Path, threshold: float, details: bool = False):
    """The scorer's stdout, stderr and exit status on these predictions."""
    with tempfile.TemporaryDirectory() as tmpdir:
        gold = sanitized_gold(corpus, Path(tmpdir))
        cmd = [sys.executable, str(scorer), str(gold), str(predictions), "--threshold", str(threshold)]
        if details:
            cmd.append("--details")
        res = subprocess.run(cmd, capture_output=True, text=True)
    return res.stdout, res.stderr, res.returncode


def figures(report: str) -> dict[str, float]:
    """The scorer's figures by name: "content F1", "precision, predicted kind direct", ..."""
    out: dict[str, float] = {}
    for line in report.splitlines():
        head, _, rest = line.partition("  ")
        if head in ("content", "attribution"):
            words = rest.split()
            for name, value in zip(words[::2], words[1::2], strict=False):
                out[f"{head} {name}"] = float(value)
        elif head.startswith("speaker"):
            out["speaker accuracy"] = float(line.split("pairs")[1].split()[0])
        elif line.startswith(("recall, gold", "precision, predicted")):
            label, _, value = line.partition(": ")
            out[label] = float(value.split()[0])
    return out


def scored_run(args, analyser: Analyser) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as tmp:
        write_predictions(args.corpus, tmp, analyser)
    try:
        out, err, code = score(args.corpus, Path(tmp.name), args.scorer, args.threshold)
    finally:
        Path(tmp.name).unlink(missing_ok=True)
    if code != 0:
        raise SystemExit(f"scorer failed: {err.strip()[-300:]}")
    return figures(out)


def ablate(args) -> int:
    full_analyser = RulesAnalyser()
    names = part_names(full_analyser) if args.ablate == ["all"] else args.ablate
    try:
        ablated = [(name, full_analyser.without(name)) for name in names]
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    full = scored_run(args, full_analyser)
    keys = ["content F1", "attribution F1", "speaker accuracy", "content precision", "content recall"]
    print(f"{'full':24s} " + "  ".join(f"{k} {full.get(k, 0):.3f}" for k in keys))
    print("worth of each part (full minus without it; positive = the part helps):")
    for name, analyser in ablated:
        without = scored_run(args, analyser)
        deltas = "  ".join(f"{k} {full.get(k, 0) - without.get(k, 0):+.3f}" for k in keys)
        print(f"{name:24s} {deltas}", flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--scorer", type=Path, default=REPO.parent / "shared" / "tools" / "score_attribution.py")
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--keep", type=Path, help="also keep the predictions JSONL here")
    ap.add_argument("--in-process", action="store_true", help="call the engine directly, not the CLI")
    ap.add_argument("--ablate", action="append", metavar="PASS_OR_RULE", help="what a pass or rule is worth ('all')")
    ap.add_argument("--analyser", choices=("rules", "parsed"), default="rules", help="as the ANALYSER setting")
    args = ap.parse_args()
    if args.ablate:
        return ablate(args)
    analyser = analyser_named(args.analyser)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as tmp:
        n = (write_predictions if args.in_process else cli_predictions)(args.corpus, tmp, analyser)
    if args.keep:
        Path(args.keep).write_text(Path(tmp.name).read_text(encoding="utf-8"), encoding="utf-8")
    print(f"articles analysed: {n}")
    out, err, code = score(args.corpus, Path(tmp.name), args.scorer, args.threshold, args.details)
    sys.stdout.write(out)
    sys.stderr.write(err)
    if code == 0:
        # which reported contents are words said or claimed, and which are views and deeds
        by_cue = reported_recall_by_cue(args.corpus, Path(tmp.name), args.threshold)
        print("\n".join(report_lines(by_cue)))
    Path(tmp.name).unlink(missing_ok=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
