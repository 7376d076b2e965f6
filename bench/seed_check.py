"""Check the engine against a hand-annotated seed article.

    python bench/seed_check.py ARTICLE.html|.txt EXPECTED.json [rules|parsed]

Every expected quote must be found with its kind, speaker, role and via
(text compared after trimming spaces and end punctuation), and nothing may
be extracted from text listed under "must_not_appear_in_article_text_or_briefing".
Exit status 0 when everything passes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.ingest.load import load_file  # noqa: E402
from bot.quotes.analyser import analyser_named  # noqa: E402


def _norm(s: str | None) -> str:
    return (s or "").strip().strip(".,;:!?").strip()


def main() -> int:
    if len(sys.argv) < 3:
        print("usage: python bench/seed_check.py ARTICLE EXPECTED_JSON [rules|parsed]", file=sys.stderr)
        return 2
    article = load_file(Path(sys.argv[1]))
    expected = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    a = analyser_named(sys.argv[3] if len(sys.argv) > 3 else "rules").analyse(article.text)
    failures = 0
    for e in expected["quotes"]:
        hits = [q for q in a.quotes if q.kind == e["kind"] and _norm(q.text) == _norm(e["text"])]
        ok = bool(hits)
        q = hits[0] if hits else None
        for field in ("speaker", "speaker_role", "via"):
            if ok and field in e and getattr(q, field) != e[field]:
                ok = False
        failures += not ok
        got = f"{q.speaker!r} role={q.speaker_role!r} via={q.via!r}" if q else "not found"
        print(f"{'ok  ' if ok else 'FAIL'} {e['kind']:8} {e['speaker']:20} {e['text'][:50]!r} -> {got}")
    for bad in expected.get("must_not_appear_in_article_text_or_briefing", []):
        leaked = [q for q in a.quotes if bad in q.text] + [f for f in a.framing if bad in f.phrase]
        if leaked:
            failures += 1
            print(f"FAIL comment text extracted: {bad!r}")
    print(
        f"seed check: {len(expected['quotes'])} expected quotes, {failures} failures, "
        f"{len(a.quotes)} quotes found, {len(a.framing)} framing"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
