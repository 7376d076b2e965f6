"""Fixtures for the Telegram tests: the bot running against the loopback fakes."""

from tests.telegram_harness import running_bot  # noqa: F401  (fixture)
