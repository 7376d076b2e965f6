"""Two connections to one database, each shared by the coroutines of one process (a process's own
connection and its sender's): a write must wait for its turn, never fail because another
coroutine of its process is between running a query and reading the query's rows.

On SQLite such a half-read query kept a read transaction open on the shared connection; a write
there had to upgrade it, and SQLite refuses that at once ("database is locked", no busy wait)
once the other connection has written since. Run on both backends: they must behave alike.
"""

from __future__ import annotations

from bot.store import Store


async def test_a_write_while_another_coroutine_reads_rows_waits_its_turn(database_url):
    async with await Store.open(database_url) as process, await Store.open(database_url) as sender:
        for chat in (1, 2, 3):
            await process.chats.ensure(chat)
        async with process.db.execute("SELECT id FROM chats ORDER BY id") as cur:  # its rows not read yet
            await sender.chats.ensure(4)  # the sender's connection writes meanwhile ...
            await process.chats.ensure(5)  # ... and so does another coroutine on the process's connection
            listed = [row[0] for row in await cur.fetchall()]
        assert listed == [1, 2, 3]  # the rows as they were when the query ran
        async with sender.db.execute("SELECT id FROM chats ORDER BY id") as cur:
            assert [row[0] for row in await cur.fetchall()] == [1, 2, 3, 4, 5]


async def test_a_claim_while_another_worker_lists_its_chat_goes_through(database_url):
    """The fan-out's shape: one worker lists a chat's briefings while another claims one."""
    async with await Store.open(database_url) as process, await Store.open(database_url) as sender:
        for chat in (10, 11):
            await process.chats.ensure(chat)
        async with process.db.execute("SELECT id FROM chats ORDER BY id") as cur:
            assert await sender.deliveries.claim(10, "article:1", "sender/1")
            assert await process.deliveries.claim(11, "article:1", "process/1")
            assert [row[0] for row in await cur.fetchall()] == [10, 11]
        assert not await sender.deliveries.claim(11, "article:1", "sender/2")  # the claim held
