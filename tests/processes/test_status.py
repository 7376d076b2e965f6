"""`briefbot status` text: a process that stopped ticking is marked, and one silent for a day is forgotten."""

from __future__ import annotations

import time

from bot.processes.status import status_text
from bot.store import Store
from bot.store.deliveries import holder


async def test_a_silent_process_is_marked_and_a_long_dead_one_forgotten(tmp_path):
    async with await Store.open(tmp_path / "status.db") as store:
        await store.processes.register("host:1:old", "worker")
        await store.processes.register("host:2:quiet", "worker")
        await store.processes.beat("host:2:quiet", 0.4, "poll")
        await store.db.execute("UPDATE processes SET last_tick_at = ? WHERE id = 'host:2:quiet'", (time.time() - 600,))
        await store.db.execute(
            "UPDATE processes SET started_at = ? WHERE id = 'host:1:old'", (time.time() - 2 * 86400,)
        )

        lines = (await status_text(store)).splitlines()
        assert lines[0] == "processes: 2"
        (quiet,) = [line for line in lines if "host:2:quiet" in line]
        assert "last tick: 10 min ago (0.4 s), failed: poll (silent: stopped without a clean stop?)" in quiet

        await store.processes.register("host:3:new", "worker")  # a process starting clears day-old rows
        listed = {row.id for row in await store.processes.listed()}
        assert listed == {"host:2:quiet", "host:3:new"}


async def test_each_process_is_shown_the_deliveries_its_sends_hold(database_url):
    async with await Store.open(database_url) as store:
        for process in ("host:5:a", "host:5:ab"):
            await store.processes.register(process, "worker")
        await store.chats.ensure(70)
        for item in ("article:1", "article:2"):  # two sends of process a have a message on its way
            assert await store.deliveries.claim(70, item, holder("host:5:a"), 60.0)
        assert await store.deliveries.claim(70, "article:3", holder("host:5:ab"), 60.0)
        await store.deliveries.mark_sent(70, "article:2", 11)  # that one arrived: no longer held

        lines = (await status_text(store)).splitlines()
        (a,) = [line for line in lines if "host:5:a " in line]
        (ab,) = [line for line in lines if "host:5:ab " in line]
        assert "leases: 0 feeds, 1 deliveries" in a
        assert "leases: 0 feeds, 1 deliveries" in ab
