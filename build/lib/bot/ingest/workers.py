"""Where ingest's CPU-bound steps run: feed parsing, page extraction and quote analysis.

These steps hold the GIL for milliseconds per article; run in the bot's own
process they compete with the event loop that fetches and stores, so a cycle
uses one core however many the machine has. With ANALYSIS_WORKERS > 0 they run
in that many worker processes instead; 0 keeps them in threads of this process
(any analyser object works there, which is how tests and ablations hand one in).

A worker process cannot be handed an analyser object (the rule passes hold
closures), so each one builds the analyser the ANALYSER setting names, once, at
start. Workers are started with "spawn": a fork would copy the event loop's
threads and locks mid-use. A worker that dies (killed, out of memory) breaks
the pool; the next call gets a fresh one, and the page or feed that was in
flight counts as unreadable, like any other bad input.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from bot.ingest.article_source import extract_and_analyse
from bot.ingest.extract import ExtractionError
from bot.ingest.feeds import FeedEntry, FeedParseError, newest, parse_feed
from bot.models import Analysis, Article
from bot.quotes.analyser import Analyser, analyser_named
from bot.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_BREAKS = 3  # pools broken in a row before the work stays in the bot's own process

_worker_analyser: Analyser | None = None  # set once in each worker process by _start_worker


class WorkerStopped(Exception):
    """A worker process died while it held this job."""


class AnalysisWorkers:
    """Runs feed parsing, extraction and analysis in threads (0 processes) or worker processes."""

    def __init__(self, analyser: Analyser | None = None, *, processes: int = 0, analyser_name: str = "rules") -> None:
        self.analyser = analyser if analyser is not None else analyser_named(analyser_name)
        self.processes = processes
        self.analyser_name = analyser_name
        self._pool: ProcessPoolExecutor | None = None
        self._breaks = 0  # pools broken in a row with no job done in between

    @classmethod
    def from_settings(cls, settings: Settings, analyser: Analyser | None = None) -> AnalysisWorkers:
        """ANALYSIS_WORKERS processes building the ANALYSER analyser; `analyser` serves the 0 case."""
        return cls(analyser, processes=settings.analysis_workers, analyser_name=settings.analyser)

    async def newest_entries(self, body: bytes, url: str, content_type: str | None, count: int) -> list[FeedEntry]:
        """The feed's `count` newest entries; FeedParseError when the bytes are no feed."""
        try:
            return await self._run(_newest_entries, body, url, content_type, count)
        except WorkerStopped as error:
            raise FeedParseError(f"the feed could not be read ({error})") from None

    async def read_page(self, html: bytes, url: str, max_text_bytes: int) -> Article:
        """The page's article with its analysis; ExtractionError when it holds no article text."""
        try:
            return await self._run(_read_page, html, url, max_text_bytes)
        except WorkerStopped as error:
            raise ExtractionError(f"{url} could not be read ({error})") from None

    async def analyse(self, text: str) -> Analysis:
        """Who said what in `text`; nothing, when the worker holding it died (show less, not wrong)."""
        try:
            return await self._run(_analyse, text)
        except WorkerStopped as error:
            log.warning("analysis skipped: %s", error)
            return Analysis()

    async def _run(self, job: Callable[..., T], *args: object) -> T:
        """`job(analyser, *args)`: in a thread with our analyser, or in a worker with the worker's own."""
        pool = self._running_pool()
        if pool is None:
            return await asyncio.to_thread(job, self.analyser, *args)
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(pool, job, None, *args)
        except BrokenProcessPool:  # a worker died while idle: nothing in flight was lost, so start afresh
            self._discard(pool)
            return await self._run(job, *args)
        try:
            result = await future
        except BrokenProcessPool:
            self._discard(pool)
            raise WorkerStopped("an analysis worker process stopped") from None
        self._breaks = 0
        return result

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        """Drop a broken pool; when new ones keep breaking at once (workers that cannot start),
        carry on in this process rather than start processes without end."""
        if self._pool is not pool:
            return  # another job already replaced it
        self._pool = None
        pool.shutdown(wait=False)  # its jobs have failed already
        self._breaks += 1
        if self._breaks < MAX_BREAKS:
            log.warning("an analysis worker process stopped; starting new ones")
            return
        log.error("analysis worker processes keep stopping; analysing in the bot's own process from now on")
        self.processes = 0

    def _running_pool(self) -> ProcessPoolExecutor | None:
        if self._pool is None and self.processes:
            # processes start on demand, so a bot that never polls starts none
            self._pool = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.analyser_name,),
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    async def __aenter__(self) -> AnalysisWorkers:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.to_thread(self.close)


# ---------------------------------------------------------------- run inside a worker (or a thread)
def _start_worker(analyser_name: str) -> None:
    global _worker_analyser
    _worker_analyser = analyser_named(analyser_name)


def _newest_entries(_: Analyser | None, body: bytes, url: str, content_type: str | None, count: int) -> list[FeedEntry]:
    # cut to `count` here: a feed of 50,000 entries sends back only what ingest takes
    return newest(parse_feed(body, url, content_type), count)


def _read_page(analyser: Analyser | None, html: bytes, url: str, max_text_bytes: int) -> Article:
    return extract_and_analyse(
        html, url, analyser if analyser is not None else _analyser(), max_text_bytes=max_text_bytes
    )


def _analyse(analyser: Analyser | None, text: str) -> Analysis:
    return (analyser if analyser is not None else _analyser()).analyse(text)


def _analyser() -> Analyser:
    if _worker_analyser is None:
        raise RuntimeError("worker started without its analyser")
    return _worker_analyser
