"""Score the quote engine on a brat-annotated corpus (PolNeAR layout).

    python bench/attribution.py CORPUS_DIR [--threshold T] [--scorer PATH] [--analyser rules|parsed]

Runs `briefbot analyze --jsonl` (as `python -m bot`) over CORPUS_DIR/text,
keeps its JSON lines in a temporary file and runs the shared scorer on them,
printing the scorer's output. `--in-process` skips the CLI and calls the
engine directly (the same records, without the article text), for quick
tuning loops.
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

from bot.ingest.load import doc_id, load_file  # noqa: E402
from bot.quotes.analyser import analyser_named  # noqa: E402
from bot.quotes.report import analysis_record  # noqa: E402


def cli_predictions(corpus: Path, out, analyser_name: str) -> int:
    """What other tools see: the analyze command's JSON lines, one per article."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "analyze", "--jsonl", str(corpus / "text")],
        cwd=REPO,
        env={**os.environ, "ANALYSER": analyser_name},
        stdout=out,
        stderr=subprocess.PIPE,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"briefbot analyze failed: {result.stderr.strip()[-500:]}")
    return len(list((corpus / "text").glob("*.txt")))


def write_predictions(corpus: Path, out, analyser_name: str) -> int:
    n = 0
    analyse = analyser_named(analyser_name).analyse
    for path in sorted((corpus / "text").glob("*.txt")):
        article = load_file(path)
        rec = analysis_record(doc_id(str(path)), article, analyse(article.text))
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--scorer", type=Path, default=REPO.parent / "shared" / "tools" / "score_attribution.py")
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--keep", type=Path, help="also keep the predictions JSONL here")
    ap.add_argument("--in-process", action="store_true", help="call the engine directly, not the CLI")
    ap.add_argument("--analyser", choices=("rules", "parsed"), default="rules", help="as the ANALYSER setting")
    args = ap.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as tmp:
        n = (write_predictions if args.in_process else cli_predictions)(args.corpus, tmp, args.analyser)
    if args.keep:
        Path(args.keep).write_text(Path(tmp.name).read_text(encoding="utf-8"), encoding="utf-8")
    print(f"articles analysed: {n}")
    with tempfile.TemporaryDirectory() as tmpdir:
        gold = sanitized_gold(args.corpus, Path(tmpdir))
        cmd = [sys.executable, str(args.scorer), str(gold), tmp.name, "--threshold", str(args.threshold)]
        if args.details:
            cmd.append("--details")
        res = subprocess.run(cmd, capture_output=True, text=True)
    sys.stdout.write(res.stdout)
    sys.stderr.write(res.stderr)
    Path(tmp.name).unlink(missing_ok=True)
    return res.returncode


if __name__ == "__main__":
    raise SystemExit(main())
