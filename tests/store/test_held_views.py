"""Views held that an older version stored as words said go when the store migrates (migration 17).

Versions before the engine marked views stored "Reyes believes …" as reported speech, with the
cue kind its grammar gave ('verb', 'participle', 'adjective'; unknown in the oldest rows). The
rows here are written as such a version wrote them, for an invented article.
"""

from __future__ import annotations

import pytest

from bot.models import Analysis, Quote
from bot.store import Store
from tests.store.older_version import stored_before_migration

# (cue, cue kind as an older version stored it, content): the first three were said
ROWS = [
    ("said", "verb", "the new toll would pay for dredging the northern channel"),
    ("voiced support for", "verb", "a second ferry on the southern route"),  # a word of speech wins
    ("according to", "according", "the ferry company lost money last year"),
    ("believes", "verb", "the ferry company will raise its prices again before the summer"),
    ("saw", "verb", "the old ferry ran aground twice last winter"),
    ("confident", "adjective", "traffic will recover by the autumn"),
    ("hoping", "participle", "the fees would fall again in the autumn"),
    ("thinks", None, "dockworkers are owed a rise after the long winter"),
]
SAID = [content for _, _, content in ROWS[:3]]


def _as_an_older_version_stored_it() -> Analysis:
    quotes = [
        Quote("indirect", content, 0, len(content), "Dana Reyes", None, None, cue, kind, n)
        for n, (cue, kind, content) in enumerate(ROWS)
    ]
    # A quotation is words said whatever its cue: only reported speech is read again.
    quotes.append(
        Quote("direct", "We will not sell the old ferry", 0, 30, "Dana Reyes", None, None, "thinks", "verb", 9)
    )
    return Analysis(quotes=tuple(quotes))


async def _stored_before_migration_17(url: str, monkeypatch: pytest.MonkeyPatch) -> int:
    return await stored_before_migration(url, monkeypatch, 17, _as_an_older_version_stored_it())


async def test_views_stored_as_said_go_and_words_said_stay(database_url, monkeypatch):
    article_id = await _stored_before_migration_17(database_url, monkeypatch)
    async with await Store.open(database_url) as store:
        quotes = (await store.quotes.analysis(article_id)).quotes
    assert [q.text for q in quotes if q.kind == "indirect"] == SAID
    assert [q.text for q in quotes if q.kind == "direct"] == ["We will not sell the old ferry"]


async def test_a_failing_row_step_leaves_the_rows_and_the_version_as_they_were(database_url, monkeypatch):
    article_id = await _stored_before_migration_17(database_url, monkeypatch)

    async def broken(db):
        await db.execute("DELETE FROM quotes")
        raise RuntimeError("the step broke half way")

    monkeypatch.setattr("bot.store.migrations.ROW_STEPS", {17: broken})
    with pytest.raises(RuntimeError):
        await Store.open(database_url)
    async with await Store.open(database_url, migrate_first=False) as store:
        assert len((await store.quotes.analysis(article_id)).quotes) == len(ROWS) + 1
        async with store.db.execute("SELECT MAX(version) FROM schema_migrations") as cur:
            assert (await cur.fetchone())[0] == 16
