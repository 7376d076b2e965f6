"""One speaker per identity key, however many processes store articles at once.

The race is real: two `Store`s on one PostgreSQL schema, the first holding its article's
transaction open while the second stores an article that quotes the same new person. The
migration test starts from a schema of version 13 holding the duplicates that race left.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.ingest.archive import add_article, store_article
from bot.models import Analysis, Article, Quote, Speaker
from bot.questions import QuestionAnswerer
from bot.store import Store
from bot.store.db import key_conflicts
from bot.store.migrations import MIGRATIONS, migrate

MARA_KEY = "person:ostin:mara"


def quay_article(url: str, outlet: str, said: str) -> Article:
    """An invented report quoting the harbour's spokeswoman, new to the database."""
    text = (
        f"Quay repairs to start in spring\n"
        f"Mara Ostin, the harbour authority's spokeswoman, said that {said}.\n"
        "The repairs are paid for by the port's own reserve.\n"
    )
    quote = Quote("indirect", said, 0, 0, "Mara Ostin", "the harbour authority's spokeswoman", cue="said")
    return Article(
        url=url,
        text=text,
        title=text.splitlines()[0],
        outlet=outlet,
        published=datetime(2027, 3, 2, 9, tzinfo=UTC),
        analysis=Analysis(quotes=(quote,), speakers=(Speaker("Mara Ostin", "the harbour authority's spokeswoman"),)),
    )


async def speakers_keyed(store: Store, key: str) -> list[int]:
    rows = await store.db.execute_fetchall("SELECT id FROM speakers WHERE identity_key = ? ORDER BY id", (key,))
    return [row[0] for row in rows]


async def until_waiting(watch: Store, waiter: Store, task: asyncio.Task) -> None:
    """Until `waiter`'s statement waits for a lock (or has finished without waiting: the race lost)."""
    pid = waiter.db.conn.info.backend_pid
    for _ in range(400):  # up to 20 s on a loaded machine
        if task.done():
            return
        rows = await watch.db.execute_fetchall(
            "SELECT 1 FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock'", (pid,)
        )
        if rows:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the second store neither waited nor finished")


async def test_a_speaker_created_twice_under_one_key_is_one_row(database_url):
    async with await Store.open(database_url) as store:
        first = await store.speakers.create("Harbour Board", "organisation", "organisation:harbour board")
        again = await store.speakers.create("Harbour Board", "organisation", "organisation:harbour board")
        assert again == first
        assert await speakers_keyed(store, "organisation:harbour board") == [first]


async def test_surname_only_people_may_still_be_several(database_url):
    """'Ostin' the skipper and 'Ostin' the minister: the identity rules keep them apart by role."""
    async with await Store.open(database_url) as store:
        skipper = await store.speakers.create("Ostin", "person", "person:ostin:", "ostin")
        minister = await store.speakers.create("Ostin", "person", "person:ostin:", "ostin")
        assert skipper != minister


async def test_a_surname_only_speaker_does_not_take_a_full_name_someone_holds(database_url):
    async with await Store.open(database_url) as store:
        mara = await store.speakers.create("Mara Ostin", "person", MARA_KEY, "ostin", "mara")
        ostin = await store.speakers.create("Ostin", "person", "person:ostin:", "ostin")
        assert await store.speakers.upgrade_name(ostin, "Mara Ostin", MARA_KEY, "mara") == mara
        assert (await store.speakers.get(ostin)).name == "Ostin"  # left as it was, not a second Mara
        assert await speakers_keyed(store, MARA_KEY) == [mara]


async def test_two_processes_storing_the_same_new_speaker_at_once_store_one(postgres_url):
    async with (
        await Store.open(postgres_url) as one,
        await Store.open(postgres_url) as two,
        await Store.open(postgres_url) as watch,
    ):
        async with one.unit_of_work():  # one's article and its new speaker, not committed yet
            first = quay_article("https://ledger.example/quay", "Daily Ledger", "the quay reopens in May")
            await add_article(one, first, feed_id=None)
            other = quay_article("https://gazette.example/quay", "Harbour Gazette", "the ferries keep running")
            second = asyncio.create_task(store_article(two, other, feed_id=None))
            await until_waiting(watch, two, second)
        assert await second is not None

        assert len(await speakers_keyed(watch, MARA_KEY)) == 1
        card = await QuestionAnswerer(watch, questions_per_minute=100).who("Mara Ostin")
        assert "Stored quotes: 2" in card
        assert "Daily Ledger" in card and "Harbour Gazette" in card


async def test_a_name_taken_while_a_surname_only_speaker_learns_it_goes_to_its_holder(postgres_url):
    async with (
        await Store.open(postgres_url) as one,
        await Store.open(postgres_url) as two,
        await Store.open(postgres_url) as watch,
    ):
        ostin = await two.speakers.create("Ostin", "person", "person:ostin:", "ostin")
        async with one.unit_of_work():
            mara = await one.speakers.create("Mara Ostin", "person", MARA_KEY, "ostin", "mara")
            learning = asyncio.create_task(two.speakers.upgrade_name(ostin, "Mara Ostin", MARA_KEY, "mara"))
            await until_waiting(watch, two, learning)
        assert await learning == mara
        assert (await watch.speakers.get(ostin)).name == "Ostin"
        assert await speakers_keyed(watch, MARA_KEY) == [mara]


# ------------------------------------------------------------ migration 14

DUPLICATES = """
    INSERT INTO articles(id, url, canonical_url, title, outlet, fetched_at, text, text_hash)
        VALUES (1, 'https://ledger.example/quay', 'https://ledger.example/quay', 'Quay', 'Daily Ledger', 1, 'a', 'h1');
    INSERT INTO articles(id, url, canonical_url, title, outlet, fetched_at, text, text_hash)
        VALUES (2, 'https://gazette.example/quay', 'https://gazette.example/quay', 'Quay', 'Harbour Gazette', 2,
                'b', 'h2');
    INSERT INTO speakers(id, name, identity_key, kind, created_at, surname_key, given_key)
        VALUES (1, 'Mara Ostin', 'person:ostin:mara', 'person', 1, 'ostin', 'mara'),
               (2, 'Harbour Board', 'organisation:harbour board', 'organisation', 1, NULL, NULL),
               (3, 'Mara Ostin', 'person:ostin:mara', 'person', 2, 'ostin', 'mara'),
               (4, 'Harbour Board', 'organisation:harbour board', 'organisation', 2, NULL, NULL),
               (5, 'Ostin', 'person:ostin:', 'person', 1, 'ostin', NULL),
               (6, 'Ostin', 'person:ostin:', 'person', 2, 'ostin', NULL);
    INSERT INTO speaker_aliases(speaker_id, alias, alias_key)
        VALUES (1, 'Mara Ostin', 'mara ostin'), (3, 'Mara Ostin', 'mara ostin'), (3, 'Ms Ostin', 'ms ostin'),
               (2, 'Harbour Board', 'harbour board'), (4, 'Harbour Board', 'harbour board');
    INSERT INTO speaker_roles(speaker_id, article_id, role)
        VALUES (1, 1, 'spokeswoman'), (3, 2, 'spokeswoman'), (3, 2, 'harbour spokeswoman'),
               (5, 1, 'skipper'), (6, 2, 'minister');
    INSERT INTO quotes(article_id, ordinal, kind, text, start, "end", speaker_id, speaker_name)
        VALUES (1, 0, 'indirect', 'the quay reopens in May', 0, 0, 1, 'Mara Ostin'),
               (2, 0, 'indirect', 'the ferries keep running', 0, 0, 3, 'Mara Ostin'),
               (2, 1, 'indirect', 'the reserve pays for it', 0, 0, 4, 'Harbour Board');
"""


async def store_with_duplicates(url: str, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A database of schema 13 holding what two workers racing could store: two Mara Ostins,
    two Harbour Boards, and two surname-only Ostins that the rules keep apart by role."""
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", [m for m in MIGRATIONS if m[0] < 14])
    store = await Store.open(url)
    for statement in DUPLICATES.split(";"):
        if statement.strip():
            await store.db.execute(statement)
    monkeypatch.setattr("bot.store.migrations.MIGRATIONS", MIGRATIONS)
    return store


async def assert_merged(store: Store) -> None:
    rows = await store.db.execute_fetchall("SELECT id FROM speakers ORDER BY id")
    assert [row[0] for row in rows] == [1, 2, 5, 6]  # the oldest of each key kept; both Ostins too
    rows = await store.db.execute_fetchall("SELECT speaker_id FROM quotes ORDER BY article_id, ordinal")
    assert [row[0] for row in rows] == [1, 1, 2]
    rows = await store.db.execute_fetchall("SELECT alias FROM speaker_aliases WHERE speaker_id = 1 ORDER BY alias")
    assert [row[0] for row in rows] == ["Mara Ostin", "Ms Ostin"]
    rows = await store.db.execute_fetchall("SELECT COUNT(*) FROM speaker_roles WHERE speaker_id = 1")
    assert rows[0][0] == 3
    rows = await store.db.execute_fetchall("SELECT merged_id, into_id FROM speaker_merges ORDER BY merged_id")
    assert [tuple(row) for row in rows] == [(3, 1), (4, 2)]


async def test_the_migration_merges_duplicate_speakers_into_the_oldest(database_url, monkeypatch):
    store = await store_with_duplicates(database_url, monkeypatch)
    try:
        await migrate(store.db)
        await assert_merged(store)
        answers = QuestionAnswerer(store, questions_per_minute=100)
        card = await answers.who("Mara Ostin")
        assert "Stored quotes: 2" in card and "Daily Ledger" in card and "Harbour Gazette" in card
        assert await answers.who_id(3) == card  # a "Who is Ostin?" button sent with the merged id
        with pytest.raises(key_conflicts()):
            await store.db.execute(
                "INSERT INTO speakers(id, name, identity_key, kind, created_at) VALUES (?, ?, ?, 'person', 3)",
                (99, "Mara Ostin", MARA_KEY),
            )
    finally:
        await store.close()


async def test_an_installation_with_duplicates_moves_to_postgresql_merged(tmp_path, postgres_url, monkeypatch, capsys):
    """`briefbot migrate-db` migrates the old file first, then copies into the unique index."""
    from bot.runtime import migrate_database

    source = f"sqlite:///{tmp_path / 'old.db'}"
    await (await store_with_duplicates(source, monkeypatch)).close()
    assert await migrate_database(source, postgres_url) == 0
    assert "speakers: 4 rows" in capsys.readouterr().out
    async with await Store.open(postgres_url) as target:
        await assert_merged(target)
        assert await target.speakers.create("Mara Ostin", "person", MARA_KEY, "ostin", "mara") == 1
