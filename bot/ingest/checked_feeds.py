"""Storing checked feeds: their new articles and their next schedule, several feeds per transaction.

A process stores on one database connection, one transaction at a time, so feeds whose checks
end while a transaction runs wait for it anyway; the next one takes all of them. Each
transaction costs round trips of its own (BEGIN, COMMIT and, on PostgreSQL, the COMMIT's
flush to disk), and on a busy machine every round trip waits for the scheduler, so in a
cycle of many feeds this is what the time went on.

A feed's articles and its schedule are written in the same transaction: the feed's new
validators (ETag, Last-Modified) never land without the articles they vouch for, so a
refused write leaves the feed due with its old ones, and a later check fetches it whole.
If the database refuses (locked, full, away), the whole batch waits for a later cycle;
if one feed's data breaks the batch in another way, each feed is stored again on its own,
so that feed alone is lost (and logged) and the others are stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.fetch.schedule import FeedSchedule
from bot.ingest.archive import add_article
from bot.models import Article
from bot.store import Store
from bot.store.db import storage_errors
from bot.store.feeds import FeedRecord, FeedState

log = logging.getLogger(__name__)
STORAGE_ERRORS = storage_errors()


@dataclass(slots=True)
class CheckedFeed:
    """A feed fetched and its new articles analysed, none of it stored yet."""

    feed: FeedRecord
    plan: FeedSchedule
    error: str | None  # the check's failure in plain words (None: a success, 200 or 304)
    articles: list[tuple[Article, bool]] = field(default_factory=list)  # (article, from the feed summary)


@dataclass(slots=True)
class Stored:
    """What storing a batch added: new article ids, and the articles found stored already."""

    ids: list[int] = field(default_factory=list)
    duplicates: int = 0
    from_summary: int = 0


@dataclass(frozen=True, slots=True)
class MatchHold:
    """Who will match the stored articles, and until when no other process may (bot/store/awaiting.py)."""

    owner: str = ""
    until: float = 0.0  # the default: any process may match them at once


async def store_checked(store: Store, checked: list[CheckedFeed], hold: MatchHold = MatchHold()) -> Stored:
    """Store the feeds' articles and schedules, in one transaction if all goes well; the new
    articles await topic matching in the same transaction, so a process that dies before
    matching them leaves them for another."""
    stored = Stored()
    if not checked:
        return stored
    try:
        async with store.unit_of_work():
            for one in checked:
                await _store_articles(store, one, stored)
            await store.awaiting.add(stored.ids, hold.owner, hold.until)
            await store.feeds.save_states([_state(one) for one in checked])
        return stored
    except STORAGE_ERRORS as error:  # a refusing database refuses each of them alike: next cycle
        log.error("%d checked feeds: the database refused a write (%s); checked again later", len(checked), error)
        return Stored()
    except Exception as error:
        if len(checked) == 1:
            log.error("feed %s could not be stored: %s", checked[0].feed.id, error, exc_info=error)
            return Stored()
    return await _one_by_one(store, checked, hold)


async def _one_by_one(store: Store, checked: list[CheckedFeed], hold: MatchHold) -> Stored:
    """After a batch failed: each feed in a transaction of its own, so one bad feed costs only itself."""
    stored = Stored()
    for one in checked:
        alone = await store_checked(store, [one], hold)
        stored.ids += alone.ids
        stored.duplicates += alone.duplicates
        stored.from_summary += alone.from_summary
    return stored


async def _store_articles(store: Store, checked: CheckedFeed, stored: Stored) -> None:
    for article, from_summary in checked.articles:
        article_id = await add_article(store, article, feed_id=checked.feed.id, from_summary=from_summary)
        if article_id is None:
            stored.duplicates += 1
            continue
        stored.from_summary += from_summary
        stored.ids.append(article_id)


def _state(checked: CheckedFeed) -> FeedState:
    """The feed's row after this check: its next schedule, validators and failure, if any."""
    feed, plan = checked.feed, checked.plan
    return FeedState(
        feed.id,
        url=plan.new_url or feed.url,
        etag=plan.etag,
        last_modified=plan.last_modified,
        next_check_at=plan.next_check_at.timestamp(),
        error_count=plan.error_count,
        last_error=checked.error,
        disabled_reason=plan.disabled_reason,
    )
