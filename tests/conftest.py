"""Shared fixtures: the loopback fakes (Bot API, feeds, OpenAI), the running bot and bot settings.

Fixtures reach test modules through `pytest_plugins`, never by importing them by name.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.settings import Settings, load_settings
from tests.fakes.bot_api import TEST_CHAT_INTERVAL

pytest_plugins = [
    "tests.databases",
    "tests.fakes.bot_api",
    "tests.fakes.feed_server",
    "tests.fakes.openai_server",
    "tests.fakes.pg_outage",
    "tests.telegram.harness",
]

TOKEN = "123456:TEST-token"


@pytest.fixture
def make_settings(tmp_path: Path, request: pytest.FixtureRequest):
    """Settings for a test: a database in tmp_path, no .env, overrides by env name.

    With TEST_BOT_DATABASE=postgresql the bots run on PostgreSQL instead (a fresh schema on
    TEST_DATABASE_URL's server per test), so every bot-level test checks that backend too.
    """
    database = f"sqlite:///{tmp_path / 'briefbot.db'}"
    if os.environ.get("TEST_BOT_DATABASE") == "postgresql":
        database = request.getfixturevalue("postgres_url")

    def build(**overrides: object) -> Settings:
        values = {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "DATABASE_URL": database,
            "FETCH_ALLOW_PRIVATE_NETWORKS": True,
            "LOG_LEVEL": "DEBUG",
            "SEND_INTERVAL_PER_CHAT_SECONDS": TEST_CHAT_INTERVAL,
            # parsing and analysis in threads: a bot per test stays light; tests/ingest/test_workers.py
            # and one end-to-end test run the worker processes
            "ANALYSIS_WORKERS": 0,
        }
        values.update(overrides)
        return load_settings(env_file=None, **values)

    return build
