"""build_app(): the one place that wires handlers, jobs and services together.

Every handler is added here, nowhere else. Resources that live as long as the
bot runs (the fetcher, the poller built on it) are opened in PTB's `post_init`
hook and closed in `post_shutdown`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from html import escape
from typing import Any

from telegram import Bot, BotCommand, Update
from telegram.constants import ChatType
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.fetch.client import Fetcher
from bot.ingest.poller import Poller
from bot.ingest.workers import AnalysisWorkers
from bot.processes import reply_room
from bot.processes.sender_duty import SenderDuty
from bot.processes.sending import SendingLoop
from bot.processes.take_over import carry_over_recent_posts
from bot.services import Services, services_of
from bot.settings import Settings
from bot.store import Store
from bot.store.db import SENDER_SESSION, first_line, lock_timeouts, sqlite_path
from bot.telegram import admin, channels, command_gate, digest_render, digest_taps, questions
from bot.telegram import delivery_settings as when
from bot.telegram import feeds as own_feeds
from bot.telegram import subscriptions as what
from bot.telegram.digest import send_due_digests
from bot.telegram.outbox import Outbox
from bot.telegram.quiet import hold_or_catch_up
from bot.telegram.ratelimit import FloodGate, SendLimits
from bot.telegram.sender import BriefingSender
from bot.telegram.texts import COMMANDS
from bot.typed import visible

log = logging.getLogger(__name__)
TICK_SECONDS = 60  # the scheduler tick; each feed keeps its own next_check_at
_RESOURCES = "resources"  # bot_data key of the AsyncExitStack post_init fills
_SENDING = "sending"  # bot_data key of the sending loop (bot.processes.sending)

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
COMMAND_HANDLERS: list[tuple[str, Handler]] = [
    ("start", what.start),
    ("help", what.help_command),
    ("topics", what.topics),
    ("subscribe", what.subscribe),
    ("unsubscribe", what.unsubscribe),
    ("follow", what.follow),
    ("list", what.list_subscriptions),
    ("stop", what.stop),
    ("mode", when.mode),
    ("digest", when.digest),
    ("quiet", when.quiet),
    ("now", when.now),
    ("ask", questions.ask),
    ("who", questions.who),
    ("status", admin.status),
    ("addfeed", own_feeds.addfeed),
    ("feeds", own_feeds.list_feeds),
    ("removefeed", own_feeds.removefeed),
    ("filter", own_feeds.filter_command),
    ("export", own_feeds.export),
    ("channel", channels.channel),
]


def build_app(services: Services, *, schedule: bool = True, role: str = "run") -> Application:
    """The bot; `schedule=False` leaves the ingest tick and the sending rounds to the caller (tests).
    `role` (run, webhook, worker) is what `briefbot status` calls this process; a worker answers
    no updates. The sender is built in `post_init`, on a database connection of its own."""
    settings = services.settings
    if not settings.telegram_bot_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is required to run the bot")
    base = settings.telegram_api_base_url.rstrip("/")
    app = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(base)
        .base_file_url(base.removesuffix("/bot") + "/file/bot")
        .rate_limiter(FloodGate(SendLimits.from_settings(settings)))
        .post_init(on_start)
        .post_shutdown(on_stop)
        .build()
    )
    app.bot_data["services"] = services
    app.bot_data["schedule"] = schedule
    app.bot_data["role"] = role
    command_gate.install(app.bot_data, settings.commands_per_minute, services.store)
    _add_handlers(app)
    return app


def _build_sender(services: Services, rounds: Store, outbox: Store, gate: object, role: str) -> None:
    """The sender on connections of its own (why: bot.processes.sending): its rounds read what is due
    on `rounds`, where the writer also claims the briefings it asks the model for; its outbox
    claims and marks deliveries, and its duty renews the sender lease, on `outbox`, where nothing
    long ever queues ahead of them. On taking the duty, `gate` (the bot's flood gate) first counts
    the posts the delivery log shows in the last minute (bot.processes.take_over), so the groups'
    limits hold across a take-over; and after every take and renewal it sets the gate's share of
    the token's second (bot.processes.reply_room)."""
    settings = services.settings
    if not isinstance(gate, FloodGate):
        raise RuntimeError("the bot was built without its flood gate")
    # The writer's claims too: a claim row held by a stuck session must not hold up the round.
    services.writer.claim_on(rounds.llm)
    services.sender = BriefingSender(
        rounds,
        Outbox(outbox, lease_seconds=settings.delivery_lease_seconds, owner=services.owner),
        services.writer,
        buttons=questions.briefing_buttons(rounds),
    )
    services.duty = SenderDuty(
        outbox.leases,
        services.owner,
        lease_seconds=settings.sender_lease_seconds,
        settle_seconds=1.0 + settings.send_interval_per_chat_seconds,
        carry_over=lambda: carry_over_recent_posts(outbox.deliveries, gate),
        share=lambda held: _share_the_second(gate, outbox, services, role, held),
    )


async def _share_the_second(gate: FloodGate, outbox: Store, services: Services, role: str, held: bool) -> None:
    """The sender leaves room for every other live process that answers updates; a process that
    answers updates without the duty keeps to its reply share (bot.processes.reply_room)."""
    per_second = services.settings.send_global_per_second
    replies = services.settings.send_replies_per_second
    if held:
        others = await reply_room.answering_others(outbox.processes, services.owner)
        gate.share(reply_room.sender_share(per_second, replies, others))
    elif reply_room.answers_updates(role):
        gate.share(reply_room.replies_share(per_second, replies))


def _add_handlers(app: Application) -> None:
    # A post inside a channel is never answered there: it would be published to every reader.
    app.add_handler(TypeHandler(Update, ignore_channel_posts), group=-2)
    # Then every command, whichever handler takes it, meets the per-chat limit and the length cap.
    app.add_handler(TypeHandler(Update, command_gate.gate_commands), group=-1)
    for name, callback in COMMAND_HANDLERS:
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(CallbackQueryHandler(what.topic_tapped, pattern=f"^{what.TOPIC_BUTTON_PREFIX}"))
    app.add_handler(CallbackQueryHandler(what.stop_confirmed, pattern=f"^{what.STOP_BUTTON_PREFIX}(yes|no)$"))
    app.add_handler(CallbackQueryHandler(questions.who_tapped, pattern=rf"^{questions.WHO_PREFIX}\d+$"))
    app.add_handler(CallbackQueryHandler(digest_taps.open_briefing, pattern=rf"^{digest_render.OPEN_PREFIX}\d+$"))
    app.add_handler(CallbackQueryHandler(digest_taps.show_more, pattern=rf"^{digest_render.MORE_DATA}$"))
    app.add_handler(MessageHandler(filters.REPLY & filters.TEXT & ~filters.COMMAND, questions.reply_to_briefing))
    app.add_handler(MessageHandler(filters.Document.ALL, own_feeds.document_received))
    # Last in the default group: only a command no handler above took gets here.
    app.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    app.add_error_handler(on_error)


async def ignore_channel_posts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.channel_post is not None or update.edited_channel_post is not None:
        raise ApplicationHandlerStop


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any command no handler took: answered only when it is surely meant for this bot.

    `/x@other_bot` is another bot's; in a group a bare `/x` may be too, so only
    private chats and `/x@this_bot` get the "I don't know" line.
    """
    message = update.effective_message
    if message is None:
        return
    word = visible((message.text or "").split()[0])[:40]
    _, _, addressee = word.partition("@")
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return
    if not addressee and message.chat.type != ChatType.PRIVATE:
        return
    await message.reply_html(f"I don't know {escape(word)}. /help lists what I can do.")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log first; then tell the person something went wrong, if there is one."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        try:
            await update.effective_message.reply_text("Sorry, something went wrong on my side. Please try again.")
        except Exception:  # the reply itself failed; the log line above is what counts
            log.debug("could not send the error reply", exc_info=True)


async def ingest(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The scheduler tick: poll due feeds; the sending loop sends what they brought."""
    services = services_of(context)
    started = time.monotonic()
    _, failed = await _run_steps(INGEST_STEPS, services, context.bot)
    sending: SendingLoop | None = context.bot_data.get(_SENDING)
    if sending is not None:
        sending.nudge()
        failed += sending.take_failures()
    await _beat(services, time.monotonic() - started, failed)


async def _poll(services: Services, bot: Bot) -> int:
    report = await services.running_poller().run_once()
    return report.matches


async def _catch_up(services: Services, bot: Bot) -> int:
    sender = services.running_sender()
    return await hold_or_catch_up(sender.store, sender.outbox, bot)


async def _deliver(services: Services, bot: Bot) -> int:
    return await services.running_sender().deliver_instant(bot)


async def _digests(services: Services, bot: Bot) -> int:
    sender = services.running_sender()
    return await send_due_digests(sender.store, sender, bot)


Step = Callable[[Services, Bot], Awaitable[int]]
LOCK_TIMEOUTS = lock_timeouts()
# Every process polls (feeds are claimed with leases); only the elected sender sends. Sending is
# a loop of its own (bot.processes.sending) on its own connection, so it never waits for a poll.
INGEST_STEPS: list[tuple[str, Step]] = [
    ("poll", _poll),
]
SENDING_STEPS: list[tuple[str, Step]] = [
    ("catch-up", _catch_up),
    ("deliver", _deliver),
    ("digests", _digests),
]


async def send_round(services: Services, bot: Bot) -> tuple[int, list[str]]:
    """Catch-ups, instant briefings and due digests, once: how many went, and the steps that failed."""
    return await _run_steps(SENDING_STEPS, services, bot)


async def run_cycle(services: Services, bot: Bot) -> None:
    """Poll due feeds, then one sending round if this process is the sender (tests and one-off
    runs; a running bot polls in its tick and sends in its sending loop). A step that raises is
    logged once, with its traceback, and never skips the steps after it. The tick is recorded in
    the process's heartbeat row (`briefbot status`)."""
    started = time.monotonic()
    _, failed = await _run_steps(INGEST_STEPS, services, bot)
    rounds = SendingLoop(services.running_duty(), lambda: send_round(services, bot), interval=0)
    await rounds.round_once()
    await _beat(services, time.monotonic() - started, failed + rounds.take_failures())


async def _beat(services: Services, seconds: float, failed: list[str]) -> None:
    try:
        await services.store.processes.beat(services.owner, seconds, ", ".join(failed) or None)
    except Exception:
        log.exception("could not record this tick in the processes table")


async def _run_steps(steps: list[tuple[str, Step]], services: Services, bot: Bot) -> tuple[int, list[str]]:
    done, failed = 0, []
    for name, step in steps:
        try:
            done += await step(services, bot)
        except LOCK_TIMEOUTS as error:  # another session holds a row it needs: nothing to debug here
            log.warning(
                "scheduler step %r gave up waiting for a locked row (%s); next round tries again",
                name,
                first_line(error),
            )
            failed.append(name)
        except Exception:
            log.exception("scheduler step %r failed; the other steps still run", name)
            failed.append(name)
    return done, failed


async def start_long_polling(app: Application) -> None:
    """Updates by getUpdates (`briefbot run`): the single-process mode."""
    updater = app.updater
    if updater is None:
        raise RuntimeError("the application was built without an updater")
    await updater.start_polling(allowed_updates=Update.ALL_TYPES)


Receive = Callable[[Application], Awaitable[None]]


async def serve(app: Application, stop: asyncio.Event, receive: Receive | None = start_long_polling) -> None:
    """Run the bot until `stop` is set; tests use this too. Updates come by `receive`
    (long polling by default, bot.telegram.webhook for a webhook); a worker passes None
    and takes no updates at all, only ticks.

    `Application.run_polling` owns its event loop, so this does its work inside a
    running one, calling the `post_init`/`post_shutdown` hooks where it would."""
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        if receive is not None:
            await receive(app)
        await app.start()
        try:
            await stop.wait()
        finally:
            await _stop_sending(app)
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            await app.stop()
    finally:
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def on_start(app: Application) -> None:
    """post_init: open the fetcher, build the poller on it, schedule the tick."""
    services: Services = app.bot_data["services"]
    role = app.bot_data.get("role", "run")
    resources = contextlib.AsyncExitStack()
    app.bot_data[_RESOURCES] = resources
    services.fetcher = await resources.enter_async_context(Fetcher.from_settings(services.settings))
    workers = await resources.enter_async_context(AnalysisWorkers.from_settings(services.settings, services.analyser))
    services.poller = Poller(services.store, services.fetcher, services.settings, owner=services.owner, workers=workers)
    rounds, outbox = await _open_connection(services, resources), await _open_connection(services, resources)
    gate = app.bot.rate_limiter
    _build_sender(services, rounds, outbox, gate, role)
    await services.store.processes.register(services.owner, role)
    if isinstance(gate, FloodGate) and role == "webhook":
        # A webhook instance never holds the sender duty: its replies keep to their share from the
        # start. `run` learns at its first sending round, as it starts, whether another process sends.
        await _share_the_second(gate, outbox, services, role, held=False)
    if role != "worker":  # the command menu belongs to the processes that answer commands
        await app.bot.set_my_commands([BotCommand(name, about[:256]) for name, about in COMMANDS])
    if app.job_queue is not None and app.bot_data.get("schedule", True):
        interval = _schedule(app.job_queue, services.settings, role)
        if role != "webhook":
            _start_sending(app, services, interval)
    log.info("bot started as @%s (%s, process %s)", app.bot.username, role, services.owner)


def _schedule(job_queue: Any, settings: Settings, role: str) -> float:
    """`run` and `worker` tick (a worker more often, so a sender's death is noticed quickly);
    a webhook instance only answers updates, and beats so that `briefbot status` sees it.
    Returns the tick's interval."""
    if role == "webhook":
        job, interval = heartbeat, float(TICK_SECONDS)
    elif role == "worker":
        job, interval = ingest, settings.worker_tick_seconds
    else:
        job, interval = ingest, float(min(TICK_SECONDS, settings.poll_interval_seconds))
    job_queue.run_repeating(
        job, interval=interval, first=1, name=job.__name__, job_kwargs={"max_instances": 1, "coalesce": True}
    )
    return interval


async def _open_connection(services: Services, resources: contextlib.AsyncExitStack) -> Store:
    """Another connection to the database, for the sender. An in-memory SQLite database exists
    only on its one connection, so there the sender shares it."""
    url = services.settings.database_url
    if sqlite_path(url) == ":memory:":
        return services.store
    # Migrated already by the process's own connection; and with a lock timeout, waiting for
    # another process's migration would fail the start (bot.store.db.SENDER_SESSION).
    store = await Store.open(url, session=SENDER_SESSION, migrate_first=False)
    resources.push_async_callback(store.close)
    return store


def _start_sending(app: Application, services: Services, interval: float) -> None:
    """The sending loop: rounds while this process holds the sender lease, apart from the tick."""
    sending = SendingLoop(services.running_duty(), lambda: send_round(services, app.bot), interval)
    app.bot_data[_SENDING] = sending
    sending.start()


async def _stop_sending(app: Application) -> None:
    """Before the bot stops: the messages already on their way go out, no new one starts."""
    sending: SendingLoop | None = app.bot_data.pop(_SENDING, None)
    if sending is None:
        return
    services: Services = app.bot_data["services"]
    if services.sender is not None:
        services.sender.outbox.stopping = True
    await sending.stop()


async def heartbeat(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A webhook instance's tick: nothing to do but say it is alive."""
    services = services_of(context)
    await _beat(services, 0.0, [])


async def on_stop(app: Application) -> None:
    """post_shutdown: close what post_init opened."""
    services: Services = app.bot_data["services"]
    services.poller = None
    services.fetcher = None
    try:  # hand the sending over at once, and leave the list of live processes
        if services.duty is not None:
            await services.duty.step_down()
        await services.store.processes.forget(services.owner)
    except Exception:
        log.warning("could not hand over the sender lease or remove this process's row", exc_info=True)
    resources: contextlib.AsyncExitStack | None = app.bot_data.pop(_RESOURCES, None)
    if resources is not None:
        await resources.aclose()
