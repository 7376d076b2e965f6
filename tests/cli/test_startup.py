"""Start-up failures an operator can fix: one line on stderr naming what to fix, no traceback."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from tests.cli.process import briefbot as run_briefbot

TOKEN = "123456789:TEST-briefbot-token"  # the fake Bot API's own token


def briefbot(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """The data directory is a folder of its own, so a test can put a file or a damaged database there."""
    return run_briefbot(tmp_path, *args, database="data/bot.db", **env)


def one_line(result: subprocess.CompletedProcess) -> str:
    """The one error line. Log lines from before the failure may precede it: INFO (migrations) and
    WARNING (the flood gate retrying a network error a few times before giving up)."""
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if " INFO " not in line and " WARNING " not in line]
    assert result.returncode == 2 and len(errors) == 1, result.stderr
    assert errors[0].startswith("briefbot: ")
    return errors[0]


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_unreachable_telegram_is_one_line(tmp_path):
    base = f"http://127.0.0.1:{closed_port()}/bot"
    line = one_line(briefbot(tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=base))
    assert f"could not reach Telegram at {base}" in line and "TELEGRAM_API_BASE_URL" in line


def test_wrong_token_is_one_line(tmp_path, bot_api):
    bot_api.strict_token = True
    result = briefbot(tmp_path, "run", TELEGRAM_BOT_TOKEN="42:not-the-token", TELEGRAM_API_BASE_URL=bot_api.base_url)
    line = one_line(result)
    assert "Telegram refused the bot token" in line and "TELEGRAM_BOT_TOKEN" in line


def test_missing_catalogue_is_one_line(tmp_path):
    missing = tmp_path / "nowhere" / "catalogue.toml"
    line = one_line(briefbot(tmp_path, "poll", "--once", CATALOGUE_FILE=str(missing)))
    assert str(missing) in line and "CATALOGUE_FILE" in line


def test_unwritable_data_directory_is_one_line(tmp_path):
    (tmp_path / "data").write_text("a file where the data directory should be", encoding="utf-8")
    line = one_line(briefbot(tmp_path, "poll", "--once"))
    assert "cannot be created or written" in line and "DATABASE_URL" in line


def test_corrupted_database_is_one_line_and_left_alone(tmp_path):
    damaged = b"this is not a database at all " * 200
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "bot.db").write_bytes(damaged)
    line = one_line(briefbot(tmp_path, "poll", "--once"))
    assert "is damaged or is not a SQLite database" in line and "DATABASE_URL" in line
    assert (tmp_path / "data" / "bot.db").read_bytes() == damaged  # nothing overwritten


def test_unreachable_postgresql_is_one_line_without_the_password(tmp_path):
    url = f"postgresql://briefbot:s3cret@127.0.0.1:{closed_port()}/briefbot"
    line = one_line(briefbot(tmp_path, "poll", "--once", DATABASE_URL=url))
    assert "briefbot:***@127.0.0.1" in line and "cannot be used" in line and "DATABASE_URL" in line
    assert "s3cret" not in line


def test_a_missing_postgresql_database_is_one_line(tmp_path, postgres_url):
    url = urlsplit(postgres_url)._replace(path="/no_such_database", query="").geturl()
    line = one_line(briefbot(tmp_path, "poll", "--once", DATABASE_URL=url))
    assert "no_such_database" in line and "does not exist" in line
