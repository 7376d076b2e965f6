"""Updates by webhook (`briefbot run --webhook`): PTB's webhook server, plus `/healthz`.

Telegram posts each update to WEBHOOK_URL with WEBHOOK_SECRET in the
X-Telegram-Bot-Api-Secret-Token header; PTB's server answers 403 to a request
without it, so only Telegram can feed the bot. Any number of instances may run
behind a load balancer: each handles whatever update reaches it, and the work
they share (feeds, deliveries) is leased in the database.

`/healthz` answers 200 with this process's last tick while the database answers,
503 when it does not, so a load balancer takes a broken instance out.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from urllib.parse import urlsplit

import tornado.web
from telegram import Update
from telegram.error import BadRequest
from telegram.ext import Application, Updater

from bot.services import Services
from bot.startup import StartupError

log = logging.getLogger(__name__)
HEALTH_PATH = "/healthz"
HEALTH_TIMEOUT_SECONDS = 3.0


async def start_webhook(app: Application) -> None:
    """Start PTB's webhook server on WEBHOOK_LISTEN and register WEBHOOK_URL with Telegram."""
    services: Services = app.bot_data["services"]
    settings = services.settings
    if not settings.webhook_url or not settings.webhook_secret:
        raise ValueError("WEBHOOK_URL and WEBHOOK_SECRET are required for a webhook")
    updater = app.updater
    if updater is None:
        raise RuntimeError("the application was built without an updater")
    host, port = settings.webhook_address
    url, secret = settings.webhook_url, settings.webhook_secret
    try:
        # Registered here first, so that a refusal is one clear line (PTB's own bootstrap,
        # which registers it again below, would log it with a traceback).
        await app.bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
    except BadRequest as error:  # PTB's BadRequest is a NetworkError, but not the network's fault
        raise StartupError(
            f"Telegram refused WEBHOOK_URL {url} ({error.message}): "
            "it must be a public https:// address on port 443, 80, 88 or 8443"
        ) from None
    try:
        await updater.start_webhook(
            listen=host,
            port=port,
            url_path=urlsplit(url).path or "/",
            webhook_url=url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
        )
    except OSError as error:
        raise StartupError(
            f"cannot listen on WEBHOOK_LISTEN {settings.webhook_listen} ({error.strerror or error}): "
            "pick a free port, or an address of this machine"
        ) from None
    _web_app(updater).add_handlers(r".*", [(HEALTH_PATH, HealthCheck, {"services": services, "state": HealthState()})])
    log.info("webhook: listening on %s:%d for %s", host, port, settings.webhook_url)


def _web_app(updater: Updater) -> tornado.web.Application:
    """The tornado application inside PTB's webhook server, to serve /healthz beside the updates.

    PTB keeps it private; a PTB release that moves it fails start-up here (and in the tests)
    with this message rather than running without a health check."""
    server = getattr(getattr(updater, "_httpd", None), "_http_server", None)
    web_app = getattr(server, "request_callback", None)
    if not isinstance(web_app, tornado.web.Application):
        raise RuntimeError("this python-telegram-bot version's webhook server has no place for /healthz")
    return web_app


class HealthState:
    """What the last probe found, so an outage is one log line however often a balancer probes."""

    def __init__(self) -> None:
        self.healthy = True


class HealthCheck(tornado.web.RequestHandler):
    def initialize(self, services: Services, state: HealthState) -> None:
        self.services = services
        self.state = state

    async def get(self) -> None:
        body: dict[str, object] = {"process": self.services.owner, "role": "webhook"}
        try:
            last_tick = await asyncio.wait_for(
                self.services.store.processes.last_tick(self.services.owner), HEALTH_TIMEOUT_SECONDS
            )
        except Exception as error:  # the database is what every update needs; without it we are down
            if self.state.healthy:
                log.warning("healthz: 503 from now on, the database did not answer: %s", error)
            self.state.healthy = False
            self.set_status(503)
            body |= {"status": "database unavailable"}
        else:
            if not self.state.healthy:
                log.warning("healthz: 200 again, the database answers")
            self.state.healthy = True
            body |= {
                "status": "ok",
                "last_tick_at": last_tick,
                "seconds_since_tick": None if last_tick is None else round(time.time() - last_tick, 1),
            }
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))
