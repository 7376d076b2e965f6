"""Time and memory of one very large article page, extraction to rendered briefing.

    python bench/large_pages.py [--sizes 0.5,1,2,20] [--repeated] [--timeout 300]

For each size (MB of HTML) a fresh child process builds a synthetic page of
that size (varied news paragraphs with quotes, reported speech and links, or
with --repeated one paragraph over and over), then extracts, analyses and
briefs it the way the bot does. Printed per size: seconds, peak RSS of the
child, and how many characters of article text were analysed. A child that
runs past --timeout is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_NAMES = ["Elena Varga", "Tomas Reik", "Anna Soderlund", "Jonas Berg", "Mira Holt", "Piet Laar"]
_ROLES = ["the port authority chief", "a spokeswoman for the mediators", "the harbour master", "a union leader"]
_TOPICS = ["the northern dock", "the fisheries annex", "the ferry timetable", "the grain corridor", "the pay offer"]


def paragraph(n: int, repeated: bool) -> str:
    if repeated:
        n = 0
    name, role, topic = _NAMES[n % len(_NAMES)], _ROLES[n % len(_ROLES)], _TOPICS[n % len(_TOPICS)]
    return (
        f"<p>{name}, {role}, said that talks on {topic} would resume in week {n % 52 + 1}. "
        f"“We are ready to sign on {topic} as soon as item {n} is settled,” {name.split()[-1]} told "
        f'<a href="/people/{n % 97}">reporters</a> on day {n}. '
        f"Officials said the <em>allegedly</em> delayed plan number {n} had been approved.</p>"
    )


def build_page(size_mb: float, repeated: bool) -> str:
    head = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bench Ledger</title>'
        '<meta property="og:title" content="Harbour talks run long"></head><body><main><article>'
        '<h1>Harbour talks run long</h1><div class="entry-content">'
    )
    tail = "</div></article></main></body></html>"
    target = int(size_mb * 1024 * 1024)
    parts, size, n = [head], len(head) + len(tail), 0
    while size < target:
        p = paragraph(n, repeated)
        parts.append(p)
        size += len(p.encode())
        n += 1
    parts.append(tail)
    return "".join(parts)


def run_one(size_mb: float, repeated: bool) -> dict:
    """In the child: build, then time extract + analyse + brief + render."""
    from bot.briefing.extractive import extractive_briefing
    from bot.briefing.render import render_briefing
    from bot.quotes import analyse
    from bot.settings import load_settings

    settings = load_settings(env_file=None)
    html = build_page(size_mb, repeated).encode()
    t0 = time.perf_counter()
    article = _extract(html, settings)
    article.analysis = analyse(article.text)
    rendered = render_briefing(extractive_briefing(article))
    return {
        "seconds": time.perf_counter() - t0,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "html_bytes": len(html),
        "text_chars": len(article.text),
        "quotes": len(article.analysis.quotes),
        "briefing_chars": len(rendered),
    }


def _extract(html: bytes, settings):
    from bot.ingest.extract import extract_article

    # with the ARTICLE_TEXT_MAX_BYTES cap where the code has it (it did not before that setting existed)
    cap = getattr(settings, "article_text_max_bytes", None)
    if cap is None:
        return extract_article(html, "https://bench.example/a")
    return extract_article(html, "https://bench.example/a", max_text_bytes=cap)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.5,1,2,20", help="page sizes in MB, comma separated")
    ap.add_argument("--repeated", action="store_true", help="one paragraph repeated instead of varied ones")
    ap.add_argument("--timeout", type=float, default=300, help="seconds before a size is given up")
    ap.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        print(json.dumps(run_one(args.child, args.repeated)))
        return 0
    kind = "one repeated paragraph" if args.repeated else "varied paragraphs"
    print(f"page content: {kind}")
    for size in (float(s) for s in args.sizes.split(",")):
        command = [sys.executable, __file__, "--child", str(size)] + (["--repeated"] if args.repeated else [])
        try:
            done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=args.timeout, cwd=ROOT)
        except subprocess.TimeoutExpired:
            print(f"{size:5.1f} MB: still running after {args.timeout:.0f} s, stopped")
            continue
        if done.returncode != 0:
            print(f"{size:5.1f} MB: failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{size:5.1f} MB: {r['seconds']:7.1f} s  peak RSS {r['peak_rss_mb']:6.0f} MB  "
            f"text analysed {r['text_chars']:>9,} chars  quotes {r['quotes']:>6}  briefing {r['briefing_chars']} chars"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
