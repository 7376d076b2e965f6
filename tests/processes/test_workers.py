"""`briefbot worker`: processes that share one database split the feeds, and one of them sends.

Each worker here is a whole bot (its own database connection, its own PTB application and
flood gate) against the same database (a SQLite file, and a PostgreSQL schema when
TEST_DATABASE_URL is set), the fake Bot API and the feed server, as separate processes
would be; only the process name differs.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from bot.processes.status import status_text
from bot.telegram.app import run_cycle
from tests.articles.pages import article_page, rss
from tests.telegram.harness import bot_running

FEEDS = ["north", "south", "east"]
CATALOGUE = (
    "".join(
        f"""
[[feeds]]
id = "{name}"
name = "{name.title()} Gazette"
url = "{{feed_url}}{name}.xml"
"""
        for name in FEEDS
    )
    + """
[[topics]]
id = "talks"
name = "Harbour talks"
query = "talks OR negotiations"
"""
)
CHAT = 515151


def paragraphs(place: str, round_: int) -> list[str]:
    return [
        f"Negotiations over the {place} quay resumed on Tuesday after {round_ + 1} weeks without a meeting.",
        f"“We have a text both sides can read,” said Ilse Brandt, who chairs the {place} harbour board.",
        f"The union said it would put offer number {round_} to its members before the end of the month.",
    ]


def publish(feed_server, round_: int) -> list[str]:
    """One new article in every feed; returns their titles."""
    titles = []
    for name in FEEDS:
        title = f"Talks on the {name} quay resume (round {round_})"
        page = f"/articles/{name}-{round_}.html"
        feed_server.route(
            page, article_page(title, paragraphs(name, round_), []), content_type="text/html; charset=utf-8"
        )
        feed_server.route(f"/{name}.xml", rss([(title, feed_server.url(page), paragraphs(name, round_)[0])]))
        titles.append(title)
    return titles


@contextlib.asynccontextmanager
async def workers(bot_api, feed_server, make_settings, tmp_path, count: int, **settings):
    async with contextlib.AsyncExitStack() as stack:
        running = [
            await stack.enter_async_context(
                bot_running(
                    bot_api,
                    feed_server,
                    make_settings,
                    tmp_path,
                    catalogue=CATALOGUE.replace("{feed_url}", feed_server.url("/")),
                    role="worker",
                    receive=None,
                    owner=f"worker-{n}",  # one interpreter; separate processes differ by pid
                    **settings,
                )
            )
            for n in range(count)
        ]
        await running[0].store.chats.ensure(CHAT)
        await running[0].store.chats.subscribe(CHAT, "talks")
        yield running


def feed_fetches(feed_server) -> list[str]:
    return [r.path for r in feed_server.requests if r.path.endswith(".xml")]


async def test_a_worker_sends_briefings_and_takes_no_updates(bot_api, feed_server, make_settings, tmp_path):
    async with workers(bot_api, feed_server, make_settings, tmp_path, 1) as (worker,):
        bot_api.queue_message(CHAT, "/start", user_id=CHAT)
        titles = publish(feed_server, 1)
        await worker.cycle()
        sent = await bot_api.wait_for_messages(len(titles), chat_id=CHAT)
        assert sorted(m.plain.splitlines()[0] for m in sent) == sorted(titles)
        await worker.settle()
        assert len(bot_api.messages_to(CHAT)) == len(titles)  # the /start was nobody's to answer
        assert not [m for m, _ in bot_api.requests if m.lower() in ("getupdates", "setmycommands")]


async def test_two_workers_check_each_feed_once_and_send_each_briefing_once(
    bot_api, feed_server, make_settings, tmp_path, database_url
):
    async with workers(bot_api, feed_server, make_settings, tmp_path, 2, DATABASE_URL=database_url) as (one, two):
        titles = publish(feed_server, 1)
        await one.make_feeds_due()
        for _ in range(2):  # the sender may tick before the other has stored what it polled: the next tick sends it
            await asyncio.gather(run_cycle(one.services, one.app.bot), run_cycle(two.services, two.app.bot))
        await one.settle()
        assert sorted(feed_fetches(feed_server)) == sorted(f"/{name}.xml" for name in FEEDS)
        sent = [m.plain.splitlines()[0] for m in bot_api.messages_to(CHAT)]
        assert sorted(sent) == sorted(titles)  # every briefing, none twice

        status = await status_text(one.store)
        assert "processes: 2" in status
        assert status.count("  sender") == 1  # exactly one of them holds the duty
        assert "0 deliveries waiting" in status


async def test_when_the_sender_dies_another_worker_takes_over_after_its_lease(
    bot_api, feed_server, make_settings, tmp_path, database_url
):
    # A lease far longer than the test: on a busy machine worker-1's poll below could outlast a
    # short one, and worker-1 would take the duty over before the test lets the lease end.
    settings = {"SENDER_LEASE_SECONDS": 600, "DATABASE_URL": database_url}
    async with workers(bot_api, feed_server, make_settings, tmp_path, 2, **settings) as (one, two):
        publish(feed_server, 1)
        await one.cycle()  # worker-0 becomes the sender ...
        await bot_api.wait_for_messages(len(FEEDS), chat_id=CHAT)
        # ... and dies: it stops ticking and never hands the duty over.
        titles = publish(feed_server, 2)
        await two.cycle()  # polls and stores, but the lease is still worker-0's
        await two.settle()
        assert len(bot_api.messages_to(CHAT)) == len(FEEDS)
        assert "0 feeds due" in await status_text(two.store)
        assert "3 deliveries waiting" in await status_text(two.store)

        # Later, worker-0's lease has run out.
        await two.store.db.execute("UPDATE leases SET lease_until = ? WHERE name = 'sender'", (time.time(),))
        await run_cycle(two.services, two.app.bot)
        sent = await bot_api.wait_for_messages(2 * len(FEEDS), chat_id=CHAT)
        assert sorted(m.plain.splitlines()[0] for m in sent[len(FEEDS) :]) == sorted(titles)
        assert "sender: worker-1" in await status_text(two.store)


async def test_a_tick_whose_sender_lease_cannot_be_asked_for_still_polls_and_says_so(
    bot_api, feed_server, make_settings, tmp_path, monkeypatch
):
    async with workers(bot_api, feed_server, make_settings, tmp_path, 1) as (worker,):
        titles = publish(feed_server, 1)

        async def database_busy(*args: object) -> None:
            raise OSError("database is locked")

        monkeypatch.setattr(worker.services.running_duty().leases, "take", database_busy)
        await worker.cycle()  # polls and stores; sends nothing, and does not raise
        await worker.settle()
        assert bot_api.messages_to(CHAT) == []
        assert "failed: sender lease" in await status_text(worker.store)

        monkeypatch.undo()
        await run_cycle(worker.services, worker.app.bot)  # the next tick sends what was stored
        sent = await bot_api.wait_for_messages(len(titles), chat_id=CHAT)
        assert sorted(m.plain.splitlines()[0] for m in sent) == sorted(titles)
