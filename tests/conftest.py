"""Shared fixtures: the loopback fakes (Bot API, feeds, OpenAI), the running bot and bot settings.

Fixtures reach test modules through `pytest_plugins`, never by importing them by name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, load_settings
from tests.fakes.bot_api import TEST_CHAT_INTERVAL

pytest_plugins = [
    "tests.databases",
    "tests.fakes.bot_api",
    "tests.fakes.feed_server",
    "tests.fakes.openai_server",
    "tests.telegram.harness",
]

TOKEN = "123456:TEST-token"


@pytest.fixture
def make_settings(tmp_path: Path):
    """Settings for a test: a database in tmp_path, no .env, overrides by env name."""

    def build(**overrides: object) -> Settings:
        values = {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'briefbot.db'}",
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
