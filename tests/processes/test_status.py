"""`briefbot status` text: a process that stopped ticking is marked, and one silent for a day is forgotten."""

from __future__ import annotations

import time

from bot.processes.status import status_text
from bot.store import Store


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
