"""`briefbot run --webhook`, `worker` and `status` from the command line, as an operator runs them."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import briefbot

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
