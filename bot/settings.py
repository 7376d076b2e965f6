"""One validated settings object, read from the environment or `.env`.

Nothing reads the environment at import time: `load_settings()` is called once
by the CLI and the result is passed to whatever needs it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, TypedDict, Unpack

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_CATALOGUE = Path(__file__).parent / "data" / "catalogue.toml"


class SettingsError(Exception):
    """A missing or invalid setting; the message is one line naming it."""


def default_analysis_workers() -> int:
    """One worker process per core, at most 4: each holds its own copy of the extractor (~50 MB)."""
    return min(os.cpu_count() or 1, 4)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: str | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str = Field(default="https://api.telegram.org/bot", alias="TELEGRAM_API_BASE_URL")
    database_url: str = Field(default="sqlite:///data/briefbot.db", alias="DATABASE_URL")
    catalogue_file: Path = Field(default=DEFAULT_CATALOGUE, alias="CATALOGUE_FILE")
    poll_interval_seconds: int = Field(default=300, ge=10, le=86400, alias="POLL_INTERVAL_SECONDS")
    fetch_allow_private_networks: bool = Field(default=False, alias="FETCH_ALLOW_PRIVATE_NETWORKS")
    openai_api_key: str | None = Field(default=None, alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(default=None, alias="OPENAI_BASE_URL")
    openai_model: str = Field(default="gpt-4o-mini", alias="OPENAI_MODEL")
    llm_daily_token_budget: int | None = Field(default=None, ge=1, alias="LLM_DAILY_TOKEN_BUDGET")
    admin_user_ids: Annotated[frozenset[int], NoDecode] = Field(default=frozenset(), alias="ADMIN_USER_IDS")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    # Fetch limits: every request is capped in time and size.
    fetch_timeout_seconds: float = Field(default=20.0, gt=0, le=300, alias="FETCH_TIMEOUT_SECONDS")
    feed_max_bytes: int = Field(default=5 * 1024 * 1024, ge=1024, alias="FEED_MAX_BYTES")
    page_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024, alias="PAGE_MAX_BYTES")
    feed_max_entries: int = Field(default=30, ge=1, le=1000, alias="FEED_MAX_ENTRIES")
    # Article text analysed per page: the quote engine's cost grows with it.
    article_text_max_bytes: int = Field(default=200_000, ge=1024, alias="ARTICLE_TEXT_MAX_BYTES")
    fetch_concurrency: int = Field(default=8, ge=1, le=64, alias="FETCH_CONCURRENCY")
    fetch_per_host: int = Field(default=2, ge=1, le=16, alias="FETCH_PER_HOST")
    # Telegram's flood limits, kept strictly by the sender (bot/telegram/ratelimit.py); tests shorten the interval.
    send_interval_per_chat_seconds: float = Field(default=1.0, ge=0, le=60, alias="SEND_INTERVAL_PER_CHAT_SECONDS")
    send_global_per_second: int = Field(default=30, ge=1, le=1000, alias="SEND_GLOBAL_PER_SECOND")
    send_group_per_minute: int = Field(default=20, ge=1, le=600, alias="SEND_GROUP_PER_MINUTE")
    # what each process that answers updates without the sender duty may post a second; the
    # sender leaves that much free per such process (bot.processes.reply_room)
    send_replies_per_second: int = Field(default=1, ge=1, le=500, alias="SEND_REPLIES_PER_SECOND")
    # How long a delivery claim holds before another process may take it (a crashed sender's claims expire).
    delivery_lease_seconds: float = Field(default=60.0, ge=1, le=3600, alias="DELIVERY_LEASE_SECONDS")
    # Questions one person may ask in any 60 s (bot/questions/ratelimit.py), shared by processes on PostgreSQL.
    questions_per_minute: int = Field(default=6, ge=1, le=600, alias="QUESTIONS_PER_MINUTE")
    # Commands one chat may send in any 60 s (bot/telegram/command_gate.py); past it, one polite line.
    commands_per_minute: int = Field(default=20, ge=1, le=600, alias="COMMANDS_PER_MINUTE")
    # Chats' own feeds: how many one chat may add, and the largest OPML file read
    # (Telegram lets bots download up to 20 MB; a feed list is far smaller).
    max_feeds_per_chat: int = Field(default=50, ge=1, le=1000, alias="MAX_FEEDS_PER_CHAT")
    opml_max_bytes: int = Field(default=1024 * 1024, ge=1024, le=20 * 1024 * 1024, alias="OPML_MAX_BYTES")
    # Who said what: the deterministic rules, or the rules with a syntactic parse.
    analyser: str = Field(default="rules", alias="ANALYSER")
    # Worker processes for feed parsing, extraction and analysis (0 = threads of the bot's own process).
    analysis_workers: int = Field(default_factory=default_analysis_workers, ge=0, le=32, alias="ANALYSIS_WORKERS")
    # `briefbot run --webhook`: the public URL Telegram posts updates to (its path is served),
    # the host:port the server binds, and the secret Telegram sends back in every request.
    webhook_url: str | None = Field(default=None, alias="WEBHOOK_URL")
    webhook_listen: str = Field(default="0.0.0.0:8443", alias="WEBHOOK_LISTEN")
    webhook_secret: str | None = Field(default=None, alias="WEBHOOK_SECRET")
    # Several processes share the work: a feed check is claimed for this long, the one sender
    # holds its lease for this long (renewed while it sends), and a worker ticks this often.
    feed_lease_seconds: float = Field(default=300.0, ge=10, le=3600, alias="FEED_LEASE_SECONDS")
    sender_lease_seconds: float = Field(default=15.0, ge=3, le=600, alias="SENDER_LEASE_SECONDS")
    worker_tick_seconds: float = Field(default=5.0, gt=0, le=600, alias="WORKER_TICK_SECONDS")

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        # SQLite is the embedded default; PostgreSQL lets several processes share one database.
        if value.startswith("sqlite:///") and len(value) > len("sqlite:///"):
            return value
        if value.startswith(("postgresql://", "postgres://")) and len(value.split("://", 1)[1]) > 1:
            return value
        raise ValueError("must look like sqlite:///path/to/file.db or postgresql://user@host:port/db")

    @field_validator("webhook_url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must be the public https:// address Telegram posts updates to")
        return value

    @field_validator("webhook_listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        host, _, port = value.strip().rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError("must look like host:port, e.g. 0.0.0.0:8443")
        return value.strip()

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_secret(cls, value: str | None) -> str | None:
        # Telegram's rule for secret_token: 1-256 characters, letters, digits, _ and -.
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value):
            raise ValueError("must be 1-256 characters: letters, digits, _ and -")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return value

    @field_validator("analyser")
    @classmethod
    def _known_analyser(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in {"rules", "parsed"}:
            raise ValueError("must be rules or parsed")
        return value

    @field_validator(
        "openai_api_key", "openai_base_url", "telegram_bot_token", "webhook_url", "webhook_secret", mode="before"
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def database_path(self) -> str:
        """The SQLite file (for a PostgreSQL URL: the URL itself, which the store opens too)."""
        return self.database_url.removeprefix("sqlite:///")

    @property
    def postgres(self) -> bool:
        return self.database_url.startswith(("postgresql://", "postgres://"))

    @property
    def webhook_address(self) -> tuple[str, int]:
        """WEBHOOK_LISTEN as (host, port)."""
        host, _, port = self.webhook_listen.rpartition(":")
        return host.strip("[]"), int(port)

    @property
    def llm_enabled(self) -> bool:
        return bool(self.openai_api_key)


class Overrides(TypedDict, total=False):
    """Settings given in code (tests, benches) instead of the environment, by the same names.

    Values are whatever the environment could hold or already typed ones: pydantic validates
    them like the rest. Naming every setting keeps an override from reaching one of pydantic's
    own `_`-prefixed constructor options.
    """

    TELEGRAM_BOT_TOKEN: object
    TELEGRAM_API_BASE_URL: object
    DATABASE_URL: object
    CATALOGUE_FILE: object
    POLL_INTERVAL_SECONDS: object
    FETCH_ALLOW_PRIVATE_NETWORKS: object
    OPENAI_API_KEY: object
    OPENAI_BASE_URL: object
    OPENAI_MODEL: object
    LLM_DAILY_TOKEN_BUDGET: object
    ADMIN_USER_IDS: object
    LOG_LEVEL: object
    FETCH_TIMEOUT_SECONDS: object
    FEED_MAX_BYTES: object
    PAGE_MAX_BYTES: object
    FEED_MAX_ENTRIES: object
    ARTICLE_TEXT_MAX_BYTES: object
    FETCH_CONCURRENCY: object
    FETCH_PER_HOST: object
    SEND_INTERVAL_PER_CHAT_SECONDS: object
    SEND_GLOBAL_PER_SECOND: object
    SEND_GROUP_PER_MINUTE: object
    SEND_REPLIES_PER_SECOND: object
    DELIVERY_LEASE_SECONDS: object
    QUESTIONS_PER_MINUTE: object
    COMMANDS_PER_MINUTE: object
    MAX_FEEDS_PER_CHAT: object
    OPML_MAX_BYTES: object
    ANALYSER: object
    ANALYSIS_WORKERS: object
    WEBHOOK_URL: object
    WEBHOOK_LISTEN: object
    WEBHOOK_SECRET: object
    FEED_LEASE_SECONDS: object
    SENDER_LEASE_SECONDS: object
    WORKER_TICK_SECONDS: object


def load_settings(env_file: str | Path | None = ".env", **overrides: Unpack[Overrides]) -> Settings:
    """Build the settings, turning pydantic's report into one line per bad field."""
    try:
        return Settings(_env_file=env_file, **overrides)
    except ValidationError as error:
        first = error.errors()[0]
        name = _env_name(first.get("loc", ("?",))[0])
        raise SettingsError(f"setting {name} is invalid: {first.get('msg')}") from None
    except ValueError as error:  # pydantic-settings raises this for undecodable values
        raise SettingsError(f"settings could not be read: {error}") from None


def _env_name(loc: object) -> str:
    field = Settings.model_fields.get(str(loc))
    return (field.alias if field and field.alias else str(loc)).upper()
