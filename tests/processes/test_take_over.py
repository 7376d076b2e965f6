"""Telegram's 20 posts a minute to a group hold across a change of sender.

The flood gate keeps its windows in memory, so a process that takes the sender duty over starts
with none; it first counts the delivery log's last minute in (bot.processes.take_over). Here the
group limit is scaled down to 4 on both sides (the bot's SEND_GROUP_PER_MINUTE and the fake Bot
API's), the first sender posts 4 to a group and dies with more waiting, and the second takes
over: measured at the fake Bot API, the group never gets more than 4 in a minute.
"""

from __future__ import annotations

import asyncio
import contextlib

from bot.processes.status import status_text
from bot.telegram.app import run_cycle
from tests.articles.pages import article_page, rss
from tests.fakes.bot_api import TEST_CHAT_INTERVAL, FloodLimits
from tests.processes.test_workers import paragraphs, workers

GROUP = -1001234567
LIMIT = 4


def publish_many(feed_server, count: int) -> list[str]:
    """`count` new articles in the north feed; their titles."""
    items = []
    for n in range(count):
        title = f"Talks on the north quay, session {n + 1}"
        page = f"/articles/north-session-{n}.html"
        feed_server.route(page, article_page(title, paragraphs("north", n), []), content_type="text/html")
        items.append((title, feed_server.url(page), paragraphs("north", n)[0]))
    feed_server.route("/north.xml", rss(items))
    return [title for title, _, _ in items]


def most_in_a_minute(times: list[float]) -> int:
    times = sorted(times)
    return max((sum(1 for t in times if start <= t < start + 60.0) for start in times), default=0)


async def test_a_group_gets_no_more_than_its_minute_allows_across_a_take_over(
    bot_api, feed_server, make_settings, tmp_path, database_url
):
    bot_api.flood.limits = FloodLimits(chat_interval=TEST_CHAT_INTERVAL, group_per_minute=LIMIT)
    settings = {"SENDER_LEASE_SECONDS": 3, "SEND_GROUP_PER_MINUTE": LIMIT, "DATABASE_URL": database_url}
    async with workers(bot_api, feed_server, make_settings, tmp_path, 2, **settings) as (one, two):
        await one.store.chats.ensure(GROUP, "supergroup", "Harbour desk")
        await one.store.chats.subscribe(GROUP, "talks")
        titles = publish_many(feed_server, LIMIT + 2)
        await one.make_feeds_due()
        first = asyncio.create_task(run_cycle(one.services, one.app.bot))
        await bot_api.wait_for_messages(LIMIT, chat_id=GROUP, timeout=30)
        await one.settle(0.5)  # the rest wait at worker-0's gate for the group's minute ...
        assert len(bot_api.messages_to(GROUP)) == LIMIT
        first.cancel()  # ... when worker-0 dies
        with contextlib.suppress(asyncio.CancelledError):
            await first

        await asyncio.sleep(3.2)  # its lease runs out
        second = asyncio.create_task(run_cycle(two.services, two.app.bot))
        try:
            for _ in range(600):  # worker-1 takes the duty over (after the settle time; slow on a busy machine) ...
                if two.services.running_duty().held:
                    break
                await asyncio.sleep(0.05)
            await two.settle(1.0)  # ... and would send now, were the group's minute not counted
            assert "sender: worker-1" in await status_text(two.store)
        finally:
            second.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await second

        arrivals = [m.at for m in bot_api.messages_to(GROUP)]
        assert len(arrivals) == LIMIT and most_in_a_minute(arrivals) <= LIMIT
        assert bot_api.flood_refusals()["group"] == 0
        assert len(await two.store.deliveries.undelivered(GROUP)) == len(titles) - LIMIT  # waiting, not lost
