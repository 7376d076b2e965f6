"""The delivery log's last minute, as a new sender's flood gate counts it (bot.processes.take_over)."""

from __future__ import annotations

import time

from bot.store import Store

GROUP, PERSON = -100555, 555


async def test_recent_posts_are_one_per_message_and_claims_in_flight_count_as_now(database_url):
    async with await Store.open(database_url) as store:
        for chat in (GROUP, PERSON):
            await store.chats.ensure(chat, "supergroup" if chat < 0 else "private")
        for item, message_id in [("digest:a", 10), ("more:a1", 11), ("open:7", 11), ("digest:old", 9)]:
            assert await store.deliveries.claim(GROUP, item, "old-sender")
            await store.deliveries.mark_sent(GROUP, item, message_id)
        await store.db.execute("UPDATE deliveries SET sent_at = ? WHERE item = 'digest:old'", (time.time() - 90,))
        assert await store.deliveries.claim(PERSON, "article-less:1", "old-sender", lease_seconds=60)

        now = time.time()
        posts = await store.deliveries.recent_posts(now - 60, now)

        group_posts = sorted(at for chat, at in posts if chat == GROUP)
        assert len(group_posts) == 2  # messages 10 and 11 (two log rows); 9 is over a minute old
        assert all(now - 60 < at <= now for at in group_posts)
        assert [(chat, at) for chat, at in posts if chat == PERSON] == [(PERSON, now)]
