"""How the quote engine's time grows with one long text that never ends a paragraph.

    python bench/run_on_text.py [--sizes 100000,200000,400000]

Pasted transcripts and scraped pages can hold hundreds of kilobytes with no
paragraph break. For each unit below (a reported clause run on with "and", a
tail attribution run on, ordinary sentences without a paragraph break) the text
is the unit repeated up to each size; printed per size: CPU seconds of one
analysis and microseconds per character. Linear work keeps the last column
flat as the size grows; a scan that restarts at every cue would make it grow
with the size. The unit tests check what the engine returns for such texts
(tests/quotes/test_engine.py); their cost is measured here, not there.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.quotes import analyse  # noqa: E402

UNITS = {
    "reported clause run on": "officials said the plan would work and ",
    "tail attribution run on": "the port is ready, said Jane Doe, and ",
    "sentences, no paragraph": "Officials said the talks would resume. “We are ready,” said Jane Doe. He said so.\n",
}


def cpu_seconds(text: str) -> float:
    started = time.process_time()
    analyse(text)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,200000,400000", help="characters, comma-separated")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    for name, unit in UNITS.items():
        for size in sizes:
            text = unit * (size // len(unit))
            seconds = cpu_seconds(text)
            print(f"{name:<25} {len(text):>8} chars  {seconds:6.2f} CPU s  {seconds / len(text) * 1e6:6.1f} µs/char")


if __name__ == "__main__":
    main()
