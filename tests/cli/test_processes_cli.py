"""`briefbot run --webhook`, `worker` and `status` from the command line, as an operator runs them."""

from __future__ import annotations

import socket

import pytest

from tests.cli.test_cli import briefbot
from tests.fakes.bot_api import TEST_TOKEN

TOKEN = {"TELEGRAM_BOT_TOKEN": "1:x"}
HOOK = {"WEBHOOK_URL": "https://bot.example.org/t", "WEBHOOK_SECRET": "s"}


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"WEBHOOK_SECRET": "s3cret"}, "WEBHOOK_URL"),
        ({"WEBHOOK_URL": "https://bot.example.org/telegram"}, "WEBHOOK_SECRET"),
        ({"WEBHOOK_URL": "bot.example.org/telegram", "WEBHOOK_SECRET": "s3cret"}, "WEBHOOK_URL"),
        ({"WEBHOOK_URL": "https://bot.example.org/t", "WEBHOOK_SECRET": "no spaces!"}, "WEBHOOK_SECRET"),
        (
            {"WEBHOOK_URL": "https://bot.example.org/t", "WEBHOOK_SECRET": "s", "WEBHOOK_LISTEN": "8443"},
            "WEBHOOK_LISTEN",
        ),
    ],
    ids=["no-url", "no-secret", "url-without-scheme", "secret-with-spaces", "listen-without-host"],
)
def test_a_webhook_refuses_to_start_naming_the_setting(tmp_path, env, named):
    result = briefbot(tmp_path, "run", "--webhook", **TOKEN, **env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and lines[0].startswith("briefbot:")


def test_a_worker_needs_the_token_too(tmp_path):
    result = briefbot(tmp_path, "worker")
    assert result.returncode == 2 and "TELEGRAM_BOT_TOKEN" in result.stderr


def test_status_on_a_new_installation_shows_no_process_and_its_feeds_due(tmp_path):
    catalogue = tmp_path / "catalogue.toml"
    catalogue.write_text(
        '[[feeds]]\nid = "ledger"\nname = "Coastal Ledger"\nurl = "https://ledger.example/rss"\n', encoding="utf-8"
    )
    result = briefbot(tmp_path, "status", CATALOGUE_FILE=str(catalogue))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "processes: 0",
        "queue: 0 deliveries waiting, 1 feeds due; sender: none",  # a new feed is checked at once
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_webhook_on_a_busy_port_is_one_line(tmp_path, bot_api):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = briefbot(
            tmp_path,
            "run",
            "--webhook",
            TELEGRAM_BOT_TOKEN=TEST_TOKEN,
            TELEGRAM_API_BASE_URL=bot_api.base_url,
            WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
            WEBHOOK_LISTEN=f"127.0.0.1:{port}",
            WEBHOOK_SECRET="s3cret",
        )
    assert result.returncode == 2
    (line,) = [line for line in result.stderr.strip().splitlines() if line.startswith("briefbot:")]
    assert f"cannot listen on WEBHOOK_LISTEN 127.0.0.1:{port}" in line
    assert "Traceback" not in result.stderr


def test_a_webhook_address_telegram_refuses_is_one_line(tmp_path, bot_api):
    result = briefbot(
        tmp_path,
        "run",
        "--webhook",
        TELEGRAM_BOT_TOKEN=TEST_TOKEN,
        TELEGRAM_API_BASE_URL=bot_api.base_url,
        WEBHOOK_URL="http://bot.example.org/hook",  # only sent to the fake, as setWebhook's parameter
        WEBHOOK_LISTEN=f"127.0.0.1:{free_port()}",
        WEBHOOK_SECRET="s3cret",
    )
    assert result.returncode == 2
    (line,) = [line for line in result.stderr.strip().splitlines() if line.startswith("briefbot:")]
    assert "Telegram refused WEBHOOK_URL http://bot.example.org/hook" in line
    assert "Traceback" not in result.stderr
