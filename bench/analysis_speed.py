"""Analysis throughput and memory on already-extracted texts.

    python bench/analysis_speed.py CORPUS_DIR [--total N] [--analyser rules|parsed]

Single process, single core: analyses every CORPUS_DIR/text/*.txt over and
over (at least 10,000 analyses), printing articles per second and the peak
RSS after each 2,500 analyses, which should stay flat. It also prints articles per
CPU second of this process, which other programs on a busy machine move far less
than the wall-clock figure. `--analyser parsed`
measures the rules plus the dependency parse (the model is loaded before the
clock starts; its load time is printed).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.quotes.analyser import analyser_named  # noqa: E402


def peak_rss_mb() -> float:
    # ru_maxrss is KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--total", type=int, default=10_000, help="analyses to run (default 10000)")
    ap.add_argument("--analyser", choices=("rules", "parsed"), default="rules", help="as the ANALYSER setting")
    args = ap.parse_args()
    t_load = time.perf_counter()
    analyse = analyser_named(args.analyser).analyse  # the parsed analyser reads its model here
    print(f"analyser {args.analyser} ready in {time.perf_counter() - t_load:.2f} s  peak RSS {peak_rss_mb():.1f} MB")
    texts = [p.read_text(encoding="utf-8") for p in sorted((args.corpus / "text").glob("*.txt"))]
    if not texts:
        print("no texts found", file=sys.stderr)
        return 1
    chars = sum(map(len, texts)) / len(texts)
    print(f"texts: {len(texts)}  mean length {chars:.0f} chars  peak RSS before: {peak_rss_mb():.1f} MB")
    done, t0, c0 = 0, time.perf_counter(), time.process_time()
    while done < args.total:
        for text in texts:
            analyse(text)
            done += 1
            if done % 2500 == 0:
                dt = time.perf_counter() - t0
                print(f"  {done:6d} analyses  {done / dt:7.1f} articles/s  peak RSS {peak_rss_mb():.1f} MB")
            if done >= args.total:
                break
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"articles per second per core: {done / dt:.1f}  ({done} analyses in {dt:.1f} s)")
    # a busy machine stretches the wall clock; the CPU this process used is what the code costs
    print(f"articles per CPU second: {done / cpu:.1f}  ({cpu:.1f} CPU s, {cpu / dt:.0%} of the wall time)")
    print(f"peak RSS after {done} analyses: {peak_rss_mb():.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
