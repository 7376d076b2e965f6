"""An invented seed-style article, stored through link_speakers + replace_analysis."""

from __future__ import annotations

import hashlib
import inspect
from datetime import UTC, datetime

from bot.models import Analysis, Article, Quote, Speaker
from bot.speakers import link_speakers
from bot.store import Store

ARTICLE_TEXT = (
    "Ostrovan says troops left Marvel City for the sake of talks\n"
    "Varnian President Boris Ostrovan has said that the troops have withdrawn from Marvel City "
    "“to open a path to talks” with Calderia.\n"
    "Quote from Ostrovan: “Our troops have left the centre of Calderia, from Marvel City. "
    "The authorities in Marvel City refused the Lakeport accords.”\n"
    "Ostrovan also accused Calderia of allegedly not fulfilling the Lakeport accords.\n"
    "Taras Pidhornyi, a member of the negotiating team, said that Varnia proposes talks only "
    "to regroup its forces.\n"
    "Gleb Sarnov, the Minister of Foreign Affairs of Varnia, stated that they were satisfied "
    "with the proposal presented in Lakeport on 29 March.\n"
)


def _span(text: str) -> tuple[int, int]:
    start = ARTICLE_TEXT.index(text)
    return start, start + len(text)


def q(kind: str, text: str, speaker: str, role: str | None = None, via: str | None = None) -> Quote:
    start, end = _span(text) if kind != "indirect" else (0, 0)
    return Quote(kind, text, start, end, speaker, role, via, "said")


SEED_ANALYSIS = Analysis(
    quotes=(
        q("partial", "to open a path to talks", "Boris Ostrovan", "Varnian President", "Meridian TV"),
        q(
            "direct",
            "Our troops have left the centre of Calderia, from Marvel City. The authorities "
            "in Marvel City refused the Lakeport accords.",
            "Ostrovan",
            "Varnian President",
            "Meridian TV",
        ),
        q("indirect", "Calderia of allegedly not fulfilling the Lakeport accords", "Ostrovan"),
        q(
            "indirect",
            "Varnia proposes talks only to regroup its forces",
            "Taras Pidhornyi",
            "a member of the negotiating team",
        ),
        q(
            "indirect",
            "they were satisfied with the proposal presented in Lakeport on 29 March",
            "Gleb Sarnov",
            "the Minister of Foreign Affairs of Varnia",
        ),
    ),
    speakers=(
        Speaker("Boris Ostrovan", "Varnian President", ("Ostrovan", "Varnian President Boris Ostrovan")),
        Speaker("Taras Pidhornyi", "a member of the negotiating team"),
        Speaker("Gleb Sarnov", "the Minister of Foreign Affairs of Varnia"),
    ),
)


async def add_article(
    store: Store, url: str, text: str = ARTICLE_TEXT, outlet: str = "Daily Ledger", published: datetime | None = None
) -> int:
    article = Article(
        url=url,
        text=text,
        title=text.splitlines()[0],
        outlet=outlet,
        published=published or datetime(2022, 7, 20, 9, tzinfo=UTC),
    )
    digest = hashlib.sha256((url + text).encode()).hexdigest()
    extra = {"canonical_url": url} if "canonical_url" in inspect.signature(store.articles.add).parameters else {}
    article_id = await store.articles.add(article, text_hash=digest, feed_id=None, **extra)
    assert article_id is not None
    return article_id


async def store_analysis(store: Store, article_id: int, analysis: Analysis, outlet: str | None) -> dict[str, int]:
    ids = await link_speakers(store, article_id, analysis, outlet)
    await store.quotes.replace_analysis(article_id, analysis, ids)
    return ids


async def seed_store(store: Store) -> int:
    article_id = await add_article(store, "https://ledger.example/ostrovan")
    await store_analysis(store, article_id, SEED_ANALYSIS, "Daily Ledger")
    return article_id
