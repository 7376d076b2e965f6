"""Views held that versions before the engine marked them stored as words said.

Since the engine gives a belief, a perception or a stance ("Reyes believes …") a cue kind
of its own (bot.quotes.held), the store keeps only what was said. Rows stored before are
plain reported speech (kind 'indirect', cue kind 'verb', 'participle', 'adjective'), and
/ask and /who would answer with them as someone's words. A row keeps its cue and cue kind,
all the engine reads to tell a view held, so each stored cue is judged as the engine judges
it now (`refined_kind`), and the rows it reads as views go: the store is left as the current
version would have stored the article. A cue kind left unknown is read as a verb, as
migration 7 read the rows before it; the cue's words decide.

They are deleted, not relabelled: every reader of the quotes table (/ask, /who, the quote
counts, search) takes each row for something said, and a reader that forgot to leave a
relabelled row out would show a view as words; a missing answer costs less.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.models import HELD_KINDS

log = logging.getLogger(__name__)

_PAIRS_PER_STATEMENT = 250  # two parameters each, well under either backend's limit


async def drop_held_views(db: Any) -> int:
    """Delete the stored reported quotes whose cue the engine now reads as a view held;
    return how many went. Run inside the caller's transaction (a migration's)."""
    # The engine's own reading; imported here so the store does not load the engine to open.
    from bot.quotes.held import refined_kind

    async with db.execute(
        "SELECT DISTINCT cue, COALESCE(cue_kind, '') FROM quotes WHERE kind = 'indirect' AND cue IS NOT NULL"
    ) as cursor:
        cues = [(row[0], row[1]) for row in await cursor.fetchall()]
    held = [(cue, kind) for cue, kind in cues if refined_kind("indirect", kind or "verb", cue) in HELD_KINDS]
    dropped = 0
    for n in range(0, len(held), _PAIRS_PER_STATEMENT):
        chunk = held[n : n + _PAIRS_PER_STATEMENT]
        pairs = ", ".join(["(?, ?)"] * len(chunk))
        cursor = await db.execute(
            f"DELETE FROM quotes WHERE kind = 'indirect' AND (cue, COALESCE(cue_kind, '')) IN (VALUES {pairs})",
            [value for pair in chunk for value in pair],
        )
        dropped += max(cursor.rowcount, 0)
    if dropped:
        log.info("dropped %d stored quotes that were views held, not words said (%d cues)", dropped, len(held))
    return dropped


async def drop_aims_and_denials(db: Any) -> int:
    """Migration 18: the views held as the engine reads them now, aims and decisions
    included ("plans to", "declined to", bot.quotes.held), and the reported and partial
    quotes whose cue is a denial ("denied that the beams were “rusting”",
    bot.quotes.negation): their words are what the speaker said was untrue. A claim not
    made ("never claimed …") is read from the words before its cue, which the store does
    not keep; such a row stays until its article is analysed again."""
    from bot.quotes.negation import denial_cue

    dropped = await drop_held_views(db)
    async with db.execute(
        "SELECT DISTINCT cue FROM quotes WHERE kind IN ('indirect', 'partial') AND cue IS NOT NULL"
    ) as cursor:
        denials = [row[0] for row in await cursor.fetchall() if denial_cue(row[0])]
    for n in range(0, len(denials), _PAIRS_PER_STATEMENT):
        chunk = denials[n : n + _PAIRS_PER_STATEMENT]
        cursor = await db.execute(
            f"DELETE FROM quotes WHERE kind IN ('indirect', 'partial') AND cue IN ({', '.join(['?'] * len(chunk))})",
            chunk,
        )
        dropped += max(cursor.rowcount, 0)
    if denials:
        log.info("dropped stored quotes whose cue is a denial (%d cues)", len(denials))
    return dropped
