"""What the CLI commands do, wired from the settings: run, poll once, brief, analyze."""

from __future__ import annotations

import asyncio
import logging
import signal
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from bot.briefing.extractive import extractive_briefing
from bot.briefing.render import render_briefing
from bot.catalogue import load_catalogue, sync_catalogue
from bot.fetch.client import Fetcher
from bot.fetch.errors import FetchError
from bot.ingest.article_source import PAGE_ACCEPT
from bot.ingest.dedupe import text_hash
from bot.ingest.load import ArticleInputError, article_from_html, doc_id, is_url, load_file
from bot.ingest.poller import Poller, PollReport
from bot.ingest.workers import AnalysisWorkers
from bot.llm.writer import BriefingWriter
from bot.models import Article
from bot.questions.answerer import QuestionAnswerer
from bot.quotes.analyser import Analyser, analyser_named
from bot.quotes.report import analysis_record
from bot.services import Services
from bot.settings import Settings, SettingsError
from bot.startup import StartupError, database_failure, telegram_reachable
from bot.store import Store
from bot.store.db import PROCESS_SESSION, TRANSFER_SESSION, is_driver_error, is_postgres_url, redacted, sqlite_path
from bot.telegram.plain import html_to_text

if TYPE_CHECKING:  # bot.telegram.app is imported when the bot runs, not for the other commands
    from bot.telegram.app import Receive

log = logging.getLogger(__name__)


async def open_store(settings: Settings) -> Store:
    """Open the database and bring the catalogue's feeds and topics into it."""
    catalogue = load_catalogue(settings.catalogue_file)  # a bad file stops us before the database opens
    store = await _open_database(settings.database_url)
    try:
        await sync_catalogue(store, catalogue)
    except BaseException:
        await store.close()
        raise
    return store


async def migrate_database(source_url: str, target_url: str) -> int:
    """`briefbot migrate-db`: copy an installation's data into another database, printing per table."""
    from bot.store.transfer import copy_database

    problem = _transfer_problem(source_url, target_url)
    if problem:
        raise StartupError(problem)
    # Without the idle-in-transaction bound: each side's transaction waits while the other works.
    source = await _open_database(source_url, TRANSFER_SESSION)
    try:
        async with await _open_database(target_url, TRANSFER_SESSION) as target:
            report = await copy_database(source, target)
    finally:
        await source.close()
    for table in report:
        print(f"{table.table}: {table.rows} rows" + (f", {table.deleted} removed" if table.deleted else ""))
    print(f"copied {sum(t.rows for t in report)} rows from {redacted(source_url)} to {redacted(target_url)}")
    return 0


def _transfer_problem(source_url: str, target_url: str) -> str | None:
    for url in (source_url, target_url):
        if not (url.startswith("sqlite:///") or is_postgres_url(url)):
            return f"{redacted(url)} is not a database URL (sqlite:///path or postgresql://user@host:port/db)"
    if source_url == target_url:
        return "--from and --to name the same database"
    if source_url.startswith("sqlite:///") and not Path(sqlite_path(source_url)).is_file():
        return f"there is no database file at {sqlite_path(source_url)}"
    return None


async def _open_database(url: str, session: Mapping[str, str] = PROCESS_SESSION) -> Store:
    """Open and migrate a database, its failures as one line for the operator."""
    try:
        return await Store.open(url, session=session)
    except (OSError, sqlite3.DatabaseError) as error:
        raise database_failure(sqlite_path(url), error) from None
    except Exception as error:
        if not is_driver_error(error):
            raise
        raise database_failure(redacted(url), error) from None


def run_bot(settings: Settings, *, webhook: bool = False) -> int:
    """`briefbot run`: updates by long polling, or by webhook; the scheduler tick either way."""
    asyncio.run(_serve_until_signal(settings, "webhook" if webhook else "run"))
    return 0


def run_worker(settings: Settings) -> int:
    """`briefbot worker`: polls, analyses and (when elected) sends; takes no updates."""
    asyncio.run(_serve_until_signal(settings, "worker"))
    return 0


async def _serve_until_signal(settings: Settings, role: str) -> None:
    from bot.telegram.app import build_app, serve, start_long_polling

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with await open_store(settings) as store:
        services = build_services(settings, store)
        try:
            async with telegram_reachable(settings.telegram_api_base_url):
                await serve(build_app(services, role=role), stop, _receiver(role, start_long_polling))
        finally:
            await close_services(services)


def _receiver(role: str, long_polling: Receive) -> Receive | None:
    """How a process takes updates: long polling (`run`), the webhook server, or not at all (`worker`)."""
    if role == "worker":
        return None
    if role == "webhook":
        from bot.telegram.webhook import start_webhook  # tornado is only needed here

        return start_webhook
    return long_polling


async def process_status(settings: Settings) -> str:
    """`briefbot status`: every process's last tick, its leases, and the work waiting."""
    from bot.processes.status import status_text

    async with await open_store(settings) as store:
        return await status_text(store)


def analyser_for(settings: Settings) -> Analyser:
    """The analyser ANALYSER names; one that this build lacks stops start-up with one line."""
    try:
        return analyser_named(settings.analyser)
    except ValueError as error:
        raise SettingsError(f"setting ANALYSER is invalid: {error}") from None


def build_services(settings: Settings, store: Store) -> Services:
    """The writer, the answerer and the analyser; prompts are checked here, at start-up."""
    writer = BriefingWriter.from_settings(settings, store)
    answerer = QuestionAnswerer.from_settings(settings, store, model_client=writer.model)
    return Services(settings=settings, store=store, writer=writer, answerer=answerer, analyser=analyser_for(settings))


async def close_services(services: Services) -> None:
    if services.writer.model is not None:
        await services.writer.model.close()


async def poll_once(settings: Settings) -> PollReport:
    workers = AnalysisWorkers.from_settings(settings, analyser_for(settings))
    async with await open_store(settings) as store, Fetcher.from_settings(settings) as fetcher, workers:
        return await Poller(store, fetcher, settings, workers=workers).run_once()


async def brief_one(settings: Settings, target: str, *, html: bool = False) -> str:
    """The briefing for one article file or URL, as Telegram HTML or plain text."""
    article = await load_target(settings, target, analyser_for(settings))
    if settings.llm_enabled:
        async with await open_store(settings) as store:
            services = build_services(settings, store)
            try:
                briefing = await services.writer.write(article, text_hash(article.text))
            finally:
                await close_services(services)
    else:
        briefing = extractive_briefing(article)
    rendered = render_briefing(briefing)
    return rendered if html else html_to_text(rendered)


def analyze_targets(
    settings: Settings, targets: list[str]
) -> Iterator[tuple[dict[str, object], None] | tuple[None, str]]:
    """Yield (record, None) or (None, error) per target, loading everything once."""
    analyser = analyser_for(settings)
    for target in _expand(targets):
        try:
            article = asyncio.run(load_target(settings, target, analyser))
        except ArticleInputError as error:  # one bad input must not stop a batch
            yield None, str(error)
            continue
        except Exception as error:  # nor may a page that trips a bug: the operator gets the traceback in the log
            log.debug("analyze %s failed", target, exc_info=True)
            yield None, f"{target}: could not be analysed ({type(error).__name__})"
            continue
        yield analysis_record(doc_id(target), article, article.analysis), None


async def load_target(settings: Settings, target: str, analyser: Analyser) -> Article:
    """One analysed article from a file or URL; bad input is an ArticleInputError (one line)."""
    cap = settings.article_text_max_bytes
    if is_url(target):
        html, url = await _fetch_page(settings, target)
        article = await asyncio.to_thread(article_from_html, html, url, name=target, max_text_bytes=cap)
    else:
        article = await asyncio.to_thread(load_file, Path(target), max_text_bytes=cap)
    if not article.text.strip():
        raise ArticleInputError(f"{target}: no article text")
    article.analysis = await asyncio.to_thread(analyser.analyse, article.text)
    return article


async def _fetch_page(settings: Settings, url: str) -> tuple[bytes, str]:
    try:
        async with Fetcher.from_settings(settings) as fetcher:
            result = await fetcher.fetch(url, max_bytes=settings.page_max_bytes, accept=PAGE_ACCEPT)
    except FetchError as error:
        raise ArticleInputError(f"{url}: {error}") from None
    if not 200 <= result.status < 300:
        raise ArticleInputError(f"{url}: answered HTTP {result.status}")
    if not result.body:
        raise ArticleInputError(f"{url}: the page is empty")
    return result.body, result.url


def _expand(targets: list[str]) -> list[str]:
    """A directory stands for the files in it, in name order."""
    out: list[str] = []
    for target in targets:
        path = Path(target)
        if not is_url(target) and path.is_dir():
            out.extend(str(p) for p in sorted(path.iterdir()) if p.is_file())
        else:
            out.append(target)
    return out
