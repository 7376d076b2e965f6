"""Aims, refusals and words denied that an older version stored as said go when the store
migrates (migration 18), from a database that had migrated past 17 already.

Versions before the engine told them apart stored "Varga plans to close the bridge" and
"Brandt denied that the beams were “rusting”" as reported speech (and the quoted phrase as a
partial quote), and /ask answered with them as the speaker's words. The rows here are
written as such a version wrote them, for an invented article.
"""

from __future__ import annotations

import pytest

from bot.models import Analysis, Quote
from bot.store import Store
from tests.store.older_version import stored_before_migration

# (kind, cue, cue kind as an older version stored it, content): the first four were said
ROWS = [
    ("indirect", "said", "verb", "the bridge would reopen before the summer"),
    ("indirect", "vowed", "verb", "to reopen the lane within a week"),
    ("indirect", "announced", "verb", "plans to repaint the railings"),
    ("direct", "denied", "verb", "We never let the beams rust"),  # her own words, whatever the cue
    ("indirect", "plans", "verb", "to close the Kessel bridge for six weeks in April"),
    ("indirect", "refused", "verb", "to back the closure"),
    ("indirect", "is seeking", "participle", "to keep one lane open for buses"),
    ("indirect", "denied", "verb", "the steel beams were rusting through after forty winters"),
    ("partial", "denied", "verb", "rusting through after forty winters"),
    ("indirect", "has rejected", None, "claims that the bridge was unsafe"),
]
SAID = [content for _, _, _, content in ROWS[:4]]


async def _stored_before_migration_18(url: str, monkeypatch: pytest.MonkeyPatch) -> int:
    quotes = tuple(
        Quote(kind, content, 0, len(content), "Paul Brandt", None, None, cue, cue_kind, n)
        for n, (kind, cue, cue_kind, content) in enumerate(ROWS)
    )
    return await stored_before_migration(url, monkeypatch, 18, Analysis(quotes=quotes))


async def test_aims_and_denials_stored_as_said_go_and_words_said_stay(database_url, monkeypatch):
    article_id = await _stored_before_migration_18(database_url, monkeypatch)
    async with await Store.open(database_url) as store:
        quotes = (await store.quotes.analysis(article_id)).quotes
    assert [q.text for q in quotes] == SAID
