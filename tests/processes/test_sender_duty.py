"""The sender duty on its own: one holder at a time, work stopped when the lease is lost,
and a new holder that waits until the old one's posts have left the rate windows."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.processes.sender_duty import SENDER, SenderDuty
from bot.store import Store


@pytest.fixture
async def two_stores(tmp_path):
    path = tmp_path / "shared.db"
    async with await Store.open(path) as first, await Store.open(path) as second:
        yield first, second


async def test_only_one_process_runs_the_sending_work(two_stores):
    a, b = two_stores
    ran: list[str] = []
    first = SenderDuty(a.leases, "worker-a", lease_seconds=30, settle_seconds=0)
    second = SenderDuty(b.leases, "worker-b", lease_seconds=30, settle_seconds=0)

    async def work(name: str) -> None:
        ran.append(name)

    assert await first.run_if_elected(lambda: work("a")) is True
    assert await second.run_if_elected(lambda: work("b")) is False
    assert await first.run_if_elected(lambda: work("a")) is True
    assert ran == ["a", "a"]


async def test_a_holder_that_loses_its_lease_stops_sending_at_once(two_stores):
    a, b = two_stores
    duty = SenderDuty(a.leases, "worker-a", lease_seconds=3, settle_seconds=0)
    stopped = asyncio.Event()

    async def endless_sending() -> None:
        try:
            await asyncio.sleep(3600)
        finally:
            stopped.set()

    async def steal() -> None:  # another process with a clock ahead took the lease over
        await asyncio.sleep(0.2)
        await b.db.execute("UPDATE leases SET holder = 'worker-b', lease_until = ? WHERE name = ?", (1e12, SENDER))

    await asyncio.gather(duty.run_if_elected(endless_sending), steal())
    assert stopped.is_set()
    assert duty.held is False


async def test_a_clean_stop_hands_over_and_the_new_sender_waits_out_the_old_ones_window(two_stores):
    a, b = two_stores
    old = SenderDuty(a.leases, "worker-a", lease_seconds=30, settle_seconds=0)
    new = SenderDuty(b.leases, "worker-b", lease_seconds=30, settle_seconds=0.5)
    started: list[float] = []

    async def work() -> None:
        started.append(time.time())

    assert await old.run_if_elected(work)
    await old.step_down()
    stepped_down = time.time()
    assert await new.run_if_elected(work)
    assert started[1] >= stepped_down + 0.5 - 0.05  # never inside the old sender's last window
    assert await old.run_if_elected(work) is False


async def test_each_process_is_told_whether_it_holds_the_duty_so_its_gate_takes_its_share(two_stores):
    a, b = two_stores
    told: dict[str, list[bool]] = {"a": [], "b": []}

    def duty(store: Store, name: str) -> SenderDuty:
        async def share(held: bool) -> None:
            told[name].append(held)

        return SenderDuty(store.leases, f"worker-{name}", lease_seconds=30, settle_seconds=0, share=share)

    first, second = duty(a, "a"), duty(b, "b")

    async def work() -> None:
        pass

    assert await first.run_if_elected(work)
    assert not await second.run_if_elected(work)
    await first.step_down()
    assert await second.run_if_elected(work)
    assert told == {"a": [True], "b": [False, True]}
