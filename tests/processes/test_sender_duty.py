"""The sender duty on its own: one holder at a time, work stopped when the lease is lost,
and a new holder that waits until the old one's posts have left the rate windows."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import pytest

from bot.processes.sender_duty import SENDER, SenderDuty
from bot.store import Store
from bot.store.leases import LeaseStore


@pytest.fixture
async def two_stores(tmp_path):
    path = tmp_path / "shared.db"
    async with await Store.open(path) as first, await Store.open(path) as second:
        yield first, second


def _endless_sending(stopped: asyncio.Event) -> Callable[[], Awaitable[None]]:
    """Sending work that never ends by itself; `stopped` is set once it was cancelled."""

    async def send() -> None:
        try:
            await asyncio.sleep(3600)
        finally:
            stopped.set()

    return send


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
    endless_sending = _endless_sending(stopped)

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


class _StoppedAsARenewalAnswers(LeaseStore):
    """The real lease table; the process is stopped (its sending cancelled, as a shutdown does)
    in the same moment as its first renewal comes back from the database."""

    def __init__(self, db, stop: Callable[[], object]) -> None:
        super().__init__(db)
        self.stop = stop
        self.takes = 0

    async def take(self, name: str, holder: str, seconds: float) -> float | None:
        taken = await super().take(name, holder, seconds)
        self.takes += 1
        if self.takes == 2:  # the first take elects; the second is the first renewal
            self.stop()
        return taken


async def test_a_stop_that_comes_as_a_renewal_answers_stops_the_sending(two_stores):
    """Python 3.11's asyncio.wait_for returned the renewal's answer and dropped a cancel that
    arrived with it: the holder went on sending after it was stopped (with the group's minute
    to wait out, for a minute)."""
    a, _ = two_stores
    stopped = asyncio.Event()
    endless_sending = _endless_sending(stopped)

    holder: list[asyncio.Task[bool]] = []
    leases = _StoppedAsARenewalAnswers(a.db, lambda: holder[0].cancel())
    duty = SenderDuty(leases, "worker-a", lease_seconds=0.3, settle_seconds=0)  # renewed every 0.1 s
    holder.append(asyncio.create_task(duty.run_if_elected(endless_sending)))
    done, _ = await asyncio.wait(holder, timeout=30)  # a bound for the failure only: it ends at once
    assert done and holder[0].cancelled()
    await asyncio.wait_for(stopped.wait(), timeout=30)  # and its work with it
    assert leases.takes == 2
