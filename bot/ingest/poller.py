"""One ingest cycle: due feeds -> fetch -> parse -> articles -> store -> topic matches.

A cycle checks every due feed, a few per fetch slot at once (at most
FEEDS_IN_FLIGHT): as checks finish, more due feeds are claimed and start, so
a slow or hostile feed holds up no other (the fetcher caps global and
per-host concurrency and gives each fetch its own deadline). New articles are
matched to topics every MATCH_BATCH articles and at the end. Each feed's scheduling state is saved whatever
happened, so one bad feed never stops the others. Parsing, extraction and
analysis run where `AnalysisWorkers` puts them (worker processes or threads).

A database that refuses a write (locked by another process past the busy
timeout, or a full disk) is logged and the cycle goes on: a feed whose articles
could not be stored keeps its old schedule and validators, so once its lease
runs out a later cycle fetches it whole. Stored articles await matching in the
database until their matches are recorded: articles this process could not match
are matched in its next cycle, and those of a process that died before matching
them in any process's cycle once their hold (a feed lease) has run out.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, fields
from datetime import UTC, datetime

from bot.fetch.client import Fetcher, FetchResult
from bot.fetch.errors import BadResponse, FetchError
from bot.fetch.explain import plain_reason
from bot.fetch.schedule import plan_next_check
from bot.ingest.article_source import article_from_entry
from bot.ingest.checked_feeds import CheckedFeed, MatchHold, store_checked
from bot.ingest.dedupe import canonical_url
from bot.ingest.feeds import FeedEntry, FeedParseError
from bot.ingest.stage_clock import StageClock
from bot.ingest.workers import AnalysisWorkers
from bot.models import Article
from bot.quotes.analyser import Analyser
from bot.settings import Settings
from bot.store import Store
from bot.store.db import storage_errors
from bot.store.deliveries import process_owner
from bot.store.feeds import FeedRecord
from bot.topics.matcher import match_articles

log = logging.getLogger(__name__)
FEEDS_IN_FLIGHT = 200  # feeds being checked at once, at most; each holds its entries and pages until stored
# Feeds claimed per fetch slot: enough that every slot has a fetch waiting while other checks
# parse and store, few enough that a process never sits on claimed feeds that other processes
# polling the same database could be checking (the end of a cycle waits for the last of them).
FEEDS_PER_FETCH_SLOT = 4
MATCH_BATCH = 1000  # new articles matched together: an FTS query per topic, its cost grows with the index
# What a failing database raises (locked, full, read-only): passing, so the cycle logs it and retries later.
STORAGE_ERRORS = storage_errors()


@dataclass(slots=True)
class PollReport:
    feeds_checked: int = 0
    not_modified: int = 0
    failed: int = 0
    disabled: int = 0
    new_articles: int = 0
    duplicates: int = 0
    from_summary: int = 0
    matches: int = 0

    def line(self) -> str:
        return " ".join(f"{f.name}={getattr(self, f.name)}" for f in fields(self))


class Poller:
    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        settings: Settings,
        analyser: Analyser | None = None,
        owner: str | None = None,
        *,
        workers: AnalysisWorkers | None = None,
    ) -> None:
        self.store = store
        self.owner = owner or process_owner()  # the name on the feed leases it takes
        self.fetcher = fetcher
        self.settings = settings
        # who said what: handed in with the services, so another analyser needs no change here;
        # the bot hands in worker processes (ANALYSIS_WORKERS) and closes them itself
        self.workers = workers if workers is not None else AnalysisWorkers(analyser)

    async def run_once(self) -> PollReport:
        """Check every feed due now, however many, a few per fetch slot at a time."""
        cycle = _Cycle(self, time.time())
        await cycle.take_awaiting()
        await cycle.run()
        await cycle.match(everything=True)
        log.info("poll: %s in %.1f s", cycle.report.line(), time.time() - cycle.now)
        if cycle.report.feeds_checked:
            log.info("poll stages (seconds awaited, summed over feeds checked side by side): %s", cycle.clock.line())
        return cycle.report

    async def _check_feed(self, feed: FeedRecord, report: PollReport, clock: StageClock) -> CheckedFeed | None:
        """Fetch the feed and analyse its new articles; storing them is the cycle's (several feeds
        per transaction). None when the database refused to say which articles are new."""
        report.feeds_checked += 1
        outcome, entries = await self._fetch_entries(feed, clock)
        if isinstance(outcome, FetchResult) and outcome.not_modified:
            report.not_modified += 1
        checked = self._plan(feed, outcome, report)
        if entries:
            try:
                checked.articles = await self._new_articles(feed, entries, report, clock)
            except STORAGE_ERRORS as error:  # the feed stays claimed until its lease runs out
                log.error("feed %s: the database refused a read (%s); checked again later", feed.id, error)
                return None
        return checked

    async def _fetch_entries(
        self, feed: FeedRecord, clock: StageClock
    ) -> tuple[FetchResult | FetchError, list[FeedEntry]]:
        try:
            with clock.stage("fetch_feed"):
                outcome = await self.fetcher.fetch(
                    feed.url,
                    etag=feed.etag,
                    last_modified=feed.last_modified,
                    max_bytes=self.settings.feed_max_bytes,
                )
        except FetchError as error:
            return error, []
        if not outcome.ok or outcome.not_modified:
            return outcome, []
        try:
            with clock.stage("parse_feed"):
                entries = await self.workers.newest_entries(
                    outcome.body, outcome.url, outcome.content_type, self.settings.feed_max_entries
                )
        except FeedParseError as error:
            return BadResponse(str(error)), []  # schedules a back-off like any failure
        return outcome, entries

    async def _new_articles(
        self, feed: FeedRecord, entries: list[FeedEntry], report: PollReport, clock: StageClock
    ) -> list[tuple[Article, bool]]:
        """The entries not stored yet, as analysed articles (and whether each came from the summary)."""
        by_url: dict[str, FeedEntry] = {}
        for entry in entries:
            by_url.setdefault(canonical_url(entry.link), entry)  # a repeated GUID or link: its first entry
        report.duplicates += len(entries) - len(by_url)
        with clock.stage("known_urls"):
            known = await self.store.articles.known_urls(list(by_url))
        fresh = [entry for url, entry in by_url.items() if url not in known]
        found = await asyncio.gather(
            *(
                article_from_entry(
                    e,
                    feed.name,
                    self.fetcher,
                    self.settings.page_max_bytes,
                    self.workers,
                    max_text_bytes=self.settings.article_text_max_bytes,
                    clock=clock,
                )
                for e in fresh
            )
        )
        return [item for item in found if item is not None]

    def _plan(self, feed: FeedRecord, outcome: FetchResult | FetchError, report: PollReport) -> CheckedFeed:
        """The feed's next schedule after this check; failures are counted and logged here, once."""
        plan = plan_next_check(
            datetime.now(UTC),
            outcome,
            interval_seconds=self.settings.poll_interval_seconds,
            error_count=feed.error_count,
            etag=feed.etag,
            last_modified=feed.last_modified,
        )
        failed = isinstance(outcome, FetchError) or not outcome.ok
        error = plain_reason(outcome) if failed else None
        if failed:
            report.failed += 1
            log.warning("feed %s (%s): %s (errors in a row: %d)", feed.id, feed.url, error, plan.error_count)
        if plan.disabled_reason:
            report.disabled += 1
            log.warning("feed %s disabled: %s", feed.id, plan.disabled_reason)
        if plan.new_url:
            log.info("feed %s moved permanently to %s", feed.id, plan.new_url)
        return CheckedFeed(feed, plan, error)


class _Cycle:
    """One run of `Poller.run_once`: the feeds in flight, and the stored articles not yet matched."""

    def __init__(self, poller: Poller, now: float) -> None:
        self.poller = poller
        self.now = now
        self.report = PollReport()
        self.clock = StageClock()
        self.seen: set[str] = set()
        self.running: set[asyncio.Task[CheckedFeed | None]] = set()
        self.unmatched: list[int] = []  # stored or claimed, not matched yet
        self.in_flight = min(FEEDS_IN_FLIGHT, FEEDS_PER_FETCH_SLOT * poller.settings.fetch_concurrency)

    async def take_awaiting(self) -> None:
        """Claim stored articles still awaiting matching: this process's own that a previous cycle
        could not match, and any other process's whose hold ran out (it died before matching)."""
        poller = self.poller
        try:
            claimed = await poller.store.awaiting.claim(
                poller.owner, time.time(), poller.settings.feed_lease_seconds, limit=MATCH_BATCH
            )
        except STORAGE_ERRORS as error:
            log.error("poll: the database refused to hand out articles awaiting matching (%s); next cycle", error)
            return
        if claimed:
            log.info("poll: %d stored articles still await matching; matched in this cycle", len(claimed))
        self.unmatched.extend(claimed)

    async def run(self) -> None:
        more = True
        try:
            while more or self.running:
                if more and len(self.running) <= self.in_flight * 3 // 4:  # top up in batches: one query each
                    more = await self._start_due()
                if self.running:
                    await self._collect()
        except BaseException:
            for task in self.running:  # a failed or cancelled cycle leaves no check running behind it
                task.cancel()
            await asyncio.gather(*self.running, return_exceptions=True)
            raise

    async def _start_due(self) -> bool:
        """Claim and start due feeds not seen yet; False when none is left.

        A checked feed's next check moves past `now`, and a claimed one is
        leased, so the claim moves on by itself; `seen` stops a feed whose
        state could not be saved from being checked twice. Claimed with a
        lease, so other processes polling the same database take other feeds.
        """
        room = self.in_flight - len(self.running)
        poller = self.poller
        try:
            with self.clock.stage("claim"):
                claimed = await poller.store.feeds.claim_due(
                    poller.owner, self.now, poller.settings.feed_lease_seconds, limit=room
                )
        except STORAGE_ERRORS as error:  # claiming is a write too
            log.error("poll: the database refused to hand out due feeds (%s); next cycle", error)
            return False
        fresh = [feed for feed in claimed if feed.id not in self.seen]
        for feed in fresh:
            self.seen.add(feed.id)
            self.running.add(asyncio.create_task(poller._check_feed(feed, self.report, self.clock)))
        return bool(fresh)

    async def _collect(self) -> None:
        """Wait for checks to end, then store every one that has ended, in one transaction."""
        done, self.running = await asyncio.wait(self.running, return_when=asyncio.FIRST_COMPLETED)
        checked = []
        for task in done:
            if error := task.exception():  # its lease runs out, so a later cycle checks it again
                log.error("feed check failed: %s", error, exc_info=error)
            elif (result := task.result()) is not None:
                checked.append(result)
        with self.clock.stage("store"):
            # held for a feed lease: this process matches them well before then, unless it dies
            hold = MatchHold(self.poller.owner, time.time() + self.poller.settings.feed_lease_seconds)
            stored = await store_checked(self.poller.store, checked, hold)
        self.unmatched.extend(stored.ids)
        self.report.new_articles += len(stored.ids)
        self.report.duplicates += stored.duplicates
        self.report.from_summary += stored.from_summary
        await self.match()

    async def match(self, *, everything: bool = False) -> None:
        """Match the stored articles to topics once a batch is full (or, at the end, whatever is left)."""
        if len(self.unmatched) >= MATCH_BATCH or (everything and self.unmatched):
            ids, self.unmatched = self.unmatched, []
            try:
                with self.clock.stage("match"):
                    self.report.matches += await match_articles(self.poller.store, ids)
            except STORAGE_ERRORS as error:  # they still await matching in the database
                log.error("matching %d stored articles failed (%s); retried next cycle", len(ids), error)
