"""An article's quotes written as a version before migration N stored them, for tests of the
migrations that read such rows again (17: views held, 18: aims and denials)."""

from __future__ import annotations

import pytest

from bot.models import Analysis, Article
from bot.store import Store
from bot.store.migrations import MIGRATIONS


async def stored_before_migration(url: str, monkeypatch: pytest.MonkeyPatch, version: int, analysis: Analysis) -> int:
    """Store an invented article with `analysis` on a schema that stops before `version`,
    then put the full list of migrations back, so the next `Store.open` runs `version` on
    those rows. Returns the article's id."""
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", [m for m in MIGRATIONS if m[0] < version])
    async with await Store.open(url) as store:
        article = Article(url="https://ledger.example/harbour", text="Harbour news.", title="Harbour")
        article_id = await store.articles.add(article, canonical_url=article.url, text_hash="harbour", feed_id=None)
        assert article_id is not None
        await store.quotes.add_analysis(article_id, analysis)
        assert len((await store.quotes.analysis(article_id)).quotes) == len(analysis.quotes)  # all taken as said
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", MIGRATIONS)
    return article_id
