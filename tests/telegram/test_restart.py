"""A bot that stops mid-delivery and starts again on the same database: nothing lost, nothing doubled
beyond the messages in flight when it stopped.

The first bot is stopped the hard way: its delivery task is cancelled mid-way, so whatever it had
claimed stays claimed (no release, no mark), as when a process is killed; the second bot is a new
app on the same database file.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime

from bot.telegram.digest import send_due_digests
from tests.fakes.bot_api import FakeBotApi, FloodLimits
from tests.telegram.harness import bot_running
from tests.telegram.stories import TALKS

DIGEST_CHAT = 8200
WHEN = datetime(2027, 5, 4, 7, 0, tzinfo=UTC)
PORTS = (
    "Aberdeen Arklow Bergen Cork Dover Esbjerg Galway Hull Kiel Larne Malmo Narvik Oban Plymouth Quimper Rosslare "
    "Stavanger Tromso Ullapool Vigo"
).split()  # twenty stories: a digest of two pages


def story(port: str) -> tuple[str, str, list[str]]:
    return (
        f"Harbour talks in {port} reach a draft on berth fees",
        f"{port.lower()}.html",
        [
            f"Harbour talks in {port} reached a draft on berth fees and night pilotage on Tuesday after nine "
            "hours at the table, the port authority said in a statement.",
            f"“We have a text both sides can live with,” said Mara Quist, the harbour master of {port}. "
            "“Nobody in the room wants another winter of closed berths, and nobody wants to start again.”",
        ],
    )


async def poll(bot) -> None:
    await bot.make_feeds_due()
    await bot.services.running_poller().run_once()


async def count(bot, sql: str, *params: object) -> int:
    async with bot.store.db.execute(sql, params) as cur:
        return (await cur.fetchone())[0]


async def until(predicate, tries: int = 500) -> None:
    for _ in range(tries):
        if await predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("never got there")


async def stop_hard(task: asyncio.Task) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def leases_run_out(bot) -> None:
    """An hour later: every claim of the process that stopped has run out."""
    await bot.store.db.execute("UPDATE deliveries SET lease_until = lease_until - 7200 WHERE status = 'pending'")


async def test_a_digest_cut_off_after_its_first_page_goes_on_once_after_a_restart(feed_server, make_settings, tmp_path):
    """Telegram's 1 s per chat keeps the second page waiting: the bot stops in that second."""
    fake = FakeBotApi(limits=FloodLimits()).start()
    settings = {"SEND_INTERVAL_PER_CHAT_SECONDS": 1}
    try:
        async with bot_running(fake, feed_server, make_settings, tmp_path, **settings) as first:
            await first.store.chats.ensure(DIGEST_CHAT)
            await first.store.chats.subscribe(DIGEST_CHAT, "talks")
            await first.store.chats.set_digest(DIGEST_CHAT, "07:00", "UTC")
            first.publish([story(port) for port in PORTS])
            await poll(first)
            sending = asyncio.create_task(
                send_due_digests(first.store, first.services.running_sender(), first.app.bot, WHEN)
            )

            async def first_page_marked() -> bool:
                return await count(first, "SELECT count(*) FROM deliveries WHERE status = 'sent'") > 0

            await until(first_page_marked)
            await stop_hard(sending)
            assert len(fake.messages_to(DIGEST_CHAT)) == 1

        async with bot_running(fake, feed_server, make_settings, tmp_path, **settings) as second:
            sender = second.services.running_sender()
            assert await send_due_digests(second.store, sender, second.app.bot, WHEN) == 0  # its claim is live
            await leases_run_out(second)
            assert await send_due_digests(second.store, sender, second.app.bot, WHEN) == 1
            assert await send_due_digests(second.store, sender, second.app.bot, WHEN) == 0
            await second.settle()
    finally:
        fake.stop()
    pages = fake.messages_to(DIGEST_CHAT)
    headers = [p.plain.split(" · ")[:2] for p in pages if p.plain.startswith("🗞")]
    assert headers == [["🗞 Your daily digest", "2027-05-04"]] * 2  # the digest, and the rest of it after the restart
    text = "\n".join(p.plain for p in pages)
    assert [text.count(f"Harbour talks in {port} reach a draft") for port in PORTS] == [1] * len(
        PORTS
    )  # none lost, none twice


async def test_a_digest_claimed_by_a_process_that_died_goes_once_when_its_lease_runs_out(
    bot_api, feed_server, make_settings, tmp_path
):
    async with bot_running(bot_api, feed_server, make_settings, tmp_path) as first:
        await first.store.chats.ensure(DIGEST_CHAT)
        await first.store.chats.subscribe(DIGEST_CHAT, "talks")
        await first.store.chats.set_digest(DIGEST_CHAT, "07:00", "UTC")
        first.publish([TALKS])
        await poll(first)
        # The process took the day's claim as the digest left, then died before Telegram answered.
        assert await first.store.deliveries.claim(DIGEST_CHAT, "digest:2027-05-04", "dead:1", 60.0)

    async with bot_running(bot_api, feed_server, make_settings, tmp_path) as second:
        sender = second.services.running_sender()
        assert await send_due_digests(second.store, sender, second.app.bot, WHEN) == 0
        await leases_run_out(second)
        assert await send_due_digests(second.store, sender, second.app.bot, WHEN) == 1
        assert await send_due_digests(second.store, sender, second.app.bot, WHEN) == 0
        await second.cycle()  # nor does the instant round or a later tick send it again
        (digest,) = await bot_api.wait_for_messages(1, chat_id=DIGEST_CHAT)
        await second.settle()
    assert len(bot_api.messages_to(DIGEST_CHAT)) == 1
    assert digest.plain.startswith("🗞 Your daily digest · 2027-05-04 · 1 new") and TALKS[0] in digest.plain


async def test_a_restart_mid_fan_out_loses_no_chat(bot_api, feed_server, make_settings, tmp_path):
    chats = [8300 + n for n in range(40)]
    async with bot_running(bot_api, feed_server, make_settings, tmp_path) as first:
        for chat in chats:
            await first.store.chats.ensure(chat)
            await first.store.chats.subscribe(chat, "talks")
        first.publish([TALKS])
        await poll(first)
        fan_out = asyncio.create_task(first.services.running_sender().deliver_instant(first.app.bot))
        await bot_api.wait_for_messages(10)
        await stop_hard(fan_out)
        in_flight = await count(first, "SELECT count(*) FROM deliveries WHERE status = 'pending'")
    stopped_after = len(bot_api.sent)
    assert stopped_after < len(chats)

    async with bot_running(bot_api, feed_server, make_settings, tmp_path) as second:
        await leases_run_out(second)
        await second.cycle()
        await second.cycle()
        await second.settle()
    got = [len(bot_api.messages_to(chat)) for chat in chats]
    assert min(got) == 1  # every chat got its briefing
    assert sum(got) - len(chats) <= in_flight  # sent twice: at most what was in flight at the stop
