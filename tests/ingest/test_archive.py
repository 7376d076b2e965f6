"""Storing an analysed article: the article, its speakers and its quotes in one transaction, with
a handful of statements however many people it quotes."""

from __future__ import annotations

from bot.ingest.archive import store_article
from bot.models import Analysis, Article, Quote, Speaker
from bot.store import Store

PEOPLE = [
    ("Ines Karlsson", "the chief mediator"),
    ("Tomas Reik", "the port authority's spokesman"),
    ("Marta Aalto", "head of the shippers' association"),
    ("Karel Brandt", "the harbour master"),
    ("Olga Kovac", "a union organiser"),
    ("Viktor Soderlund", "the city's deputy mayor"),
]


def article(n: int, people: list[tuple[str, str]]) -> Article:
    """An invented article quoting each of `people` once, in their own words."""
    lines = [f"Day {n} of the harbour talks brought no deal, the mediators said."]
    quotes = []
    for name, role in people:
        said = f"We need another week, day {n} showed that,"
        start = sum(len(line) + 1 for line in lines) + 1
        lines.append(f"“{said}” said {name}, {role}.")
        quotes.append(Quote("direct", said, start, start + len(said), name, role, None, "said", "verb"))
    speakers = tuple(Speaker(name, role, (name.split()[-1],)) for name, role in people)
    text = "\n".join(lines)
    return Article(
        url=f"https://ledger.example.net/talks/{n}",
        text=text,
        title=f"Harbour talks, day {n}",
        outlet="Coastal Ledger",
        analysis=Analysis(quotes=tuple(quotes), speakers=speakers),
    )


async def linked_speakers(store: Store, article_id: int) -> dict[str, int]:
    rows = await store.db.execute_fetchall(
        "SELECT speaker_name, speaker_id FROM quotes WHERE article_id = ? ORDER BY ordinal", (article_id,)
    )
    return {name: speaker_id for name, speaker_id in rows}


def count_statements(store: Store, monkeypatch) -> list[str]:
    """Every call that sends SQL to the database (a batch insert counts once), in order."""
    sent: list[str] = []
    for method in ("execute", "executemany", "execute_fetchall", "execute_insert", "executescript"):
        original = getattr(store.db, method)

        def counted(sql, *args, _original=original, **kwargs):
            sent.append(" ".join(sql.split())[:60])
            return _original(sql, *args, **kwargs)

        monkeypatch.setattr(store.db, method, counted)
    return sent


async def test_known_speakers_are_linked_with_a_handful_of_statements(monkeypatch):
    async with await Store.open(":memory:") as store:
        first = await store_article(store, article(1, PEOPLE), feed_id=None)
        sent = count_statements(store, monkeypatch)
        second = await store_article(store, article(2, PEOPLE), feed_id=None)
        assert len(sent) <= 10, "\n".join(sent)  # six people: one or two queries each would be dozens
        assert await linked_speakers(store, second) == await linked_speakers(store, first)
        assert len(set((await linked_speakers(store, second)).values())) == len(PEOPLE)


async def test_a_second_article_by_url_is_a_duplicate_and_stores_nothing_more():
    async with await Store.open(":memory:") as store:
        assert await store_article(store, article(1, PEOPLE), feed_id=None) == 1
        again = article(1, PEOPLE[:2])
        again.text += "\nAn update added at noon."
        assert await store_article(store, again, feed_id=None) is None
        rows = await store.db.execute_fetchall("SELECT COUNT(*) FROM quotes")
        assert rows[0][0] == len(PEOPLE)
