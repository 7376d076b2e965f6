"""build_app(): the one place that wires handlers, jobs and services together."""

from __future__ import annotations

import asyncio
import logging
from html import escape

from telegram import Bot, BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
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
from bot.questions import handlers as questions
from bot.services import Services, services_of
from bot.telegram import admin, channels, digest
from bot.telegram import delivery_settings as when
from bot.telegram import feeds as own_feeds
from bot.telegram import subscriptions as what
from bot.telegram.digest import send_due_digests
from bot.telegram.quiet import hold_or_catch_up
from bot.telegram.sender import BriefingSender
from bot.telegram.texts import COMMANDS

log = logging.getLogger(__name__)
TICK_SECONDS = 60
# Features that add their own handlers: each is `register(app) -> None`.
EXTENSIONS = [questions.register, admin.register, own_feeds.register, digest.register, channels.register]


def build_app(services: Services, *, schedule: bool = True) -> Application:
    """The bot; `schedule=False` leaves the ingest tick to the caller (tests)."""
    settings = services.settings
    base = settings.telegram_api_base_url.rstrip("/")
    app = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(base)
        .base_file_url(base.removesuffix("/bot") + "/file/bot")
        .rate_limiter(AIORateLimiter(max_retries=3))
        .build()
    )
    app.bot_data["services"] = services
    app.bot_data["schedule"] = schedule
    services.extra.setdefault(
        "sender",
        BriefingSender(
            services.store,
            services.writer,
            buttons=questions.briefing_buttons(services.store),
            per_chat_interval=settings.send_interval_per_chat_seconds,
        ),
    )
    _add_handlers(app)
    return app


def _add_handlers(app: Application) -> None:
    # A post inside a channel is never answered there: it would be published to every reader.
    app.add_handler(TypeHandler(Update, ignore_channel_posts), group=-1)
    for name, callback in [
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
    ]:
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(CallbackQueryHandler(what.topic_tapped, pattern=f"^{what.TOPIC_BUTTON_PREFIX}"))
    app.add_handler(CallbackQueryHandler(what.stop_confirmed, pattern=f"^{what.STOP_BUTTON_PREFIX}(yes|no)$"))
    for register in EXTENSIONS:
        register(app)
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
    word = (message.text or "").split()[0][:40]
    _, _, addressee = word.partition("@")
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return
    if not addressee and message.chat.type != "private":
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


async def ingest_and_deliver(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The scheduler tick."""
    await run_cycle(services_of(context), context.bot)


async def run_cycle(services: Services, bot: Bot) -> None:
    """Poll due feeds, push instant briefings, send due digests."""
    poller: Poller = services.extra["poller"]
    sender: BriefingSender = services.extra["sender"]
    await poller.run_once()
    await hold_or_catch_up(services.store, bot)
    await sender.deliver_instant(bot)
    await send_due_digests(services.store, sender, bot)


async def serve(app: Application, stop: asyncio.Event) -> None:
    """Run the bot with long polling until `stop` is set; tests use this too."""
    async with app:
        await on_start(app)
        await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        await app.start()
        try:
            await stop.wait()
        finally:
            await app.updater.stop()
            await app.stop()
            await on_stop(app)


async def on_start(app: Application) -> None:
    services: Services = app.bot_data["services"]
    fetcher = await Fetcher.from_settings(services.settings).__aenter__()
    services.extra["fetcher"] = fetcher
    services.extra["poller"] = Poller(services.store, fetcher, services.settings, services.analyser)
    await app.bot.set_my_commands([BotCommand(name, about[:256]) for name, about in COMMANDS])
    if app.job_queue is not None and app.bot_data.get("schedule", True):
        app.job_queue.run_repeating(
            ingest_and_deliver,
            interval=min(TICK_SECONDS, services.settings.poll_interval_seconds),
            first=1,
            name="ingest",
            job_kwargs={"max_instances": 1, "coalesce": True},
        )
    log.info("bot started as @%s", app.bot.username)


async def on_stop(app: Application) -> None:
    fetcher = app.bot_data["services"].extra.pop("fetcher", None)
    if fetcher is not None:
        await fetcher.__aexit__(None, None, None)
