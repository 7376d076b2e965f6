"""docker-compose.yml stays true: every command it runs and every setting it names exists.

No Docker engine here, so the file is read as data: the bot's services are parsed by the
real `briefbot` argument parser, and their environment checked against the Settings fields.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from bot.cli import _parser
from bot.settings import Settings, SettingsError, load_settings

COMPOSE = Path(__file__).resolve().parents[1] / "docker-compose.yml"
SETTING_NAMES = {field.alias for field in Settings.model_fields.values()}
REFERENCE = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)(?::?[-?][^}]*)?\}")


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]


def bot_services(services: dict) -> dict[str, dict]:
    return {name: s for name, s in services.items() if s.get("command", [None])[0] == "briefbot"}


def test_postgresql_one_webhook_instance_and_two_workers(services):
    assert services["db"]["image"].startswith("postgres:")
    commands = {name: _parser().parse_args(s["command"][1:]) for name, s in bot_services(services).items()}
    webhooks = [name for name, args in commands.items() if args.command == "run" and args.webhook]
    workers = [name for name, args in commands.items() if args.command == "worker"]
    assert len(webhooks) == 1 and services[webhooks[0]].get("deploy", {}).get("replicas", 1) == 1
    assert sum(services[name].get("deploy", {}).get("replicas", 1) for name in workers) == 2


def test_every_bot_command_parses(services):
    for name, service in bot_services(services).items():
        try:
            _parser().parse_args(service["command"][1:])
        except SystemExit:
            pytest.fail(f"{name}: `{' '.join(service['command'])}` is not a briefbot command")


def test_every_variable_a_bot_service_sets_is_a_setting(services):
    for name, service in bot_services(services).items():
        unknown = set(service["environment"]) - SETTING_NAMES
        assert not unknown, f"{name} sets {sorted(unknown)}, which no setting reads"
        assert {"TELEGRAM_BOT_TOKEN", "DATABASE_URL"} <= set(service["environment"])


def test_the_bots_reach_the_database_service_and_the_webhook_port_is_published(services):
    db = services["db"]["environment"]
    for service in bot_services(services).values():
        url = urlsplit(REFERENCE.sub(lambda m: "pw", service["environment"]["DATABASE_URL"]))
        assert url.scheme == "postgresql" and url.hostname == "db" and url.port == 5432
        assert (url.username, url.path.lstrip("/")) == (db["POSTGRES_USER"], db["POSTGRES_DB"])
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
    (webhook,) = [s for s in bot_services(services).values() if "--webhook" in s["command"]]
    listen_port = webhook["environment"]["WEBHOOK_LISTEN"].rpartition(":")[2]
    assert f"{listen_port}:{listen_port}" in webhook["ports"]
    assert f"{listen_port}/healthz" in " ".join(webhook["healthcheck"]["test"])


def test_variables_taken_from_the_shell_are_settings_or_the_databases(services):
    referenced = set(REFERENCE.findall(COMPOSE.read_text(encoding="utf-8")))
    assert referenced - SETTING_NAMES <= {"POSTGRES_PASSWORD"}


SAMPLES = {  # what an operator puts in .env for the variables compose requires (`${NAME:?...}`)
    "TELEGRAM_BOT_TOKEN": "123456:operator-token",
    "WEBHOOK_URL": "https://bot.example.org/telegram",
    "WEBHOOK_SECRET": "operator_secret-1",
}


def interpolated(value: str) -> str:
    """Compose's `${NAME:-default}` as its default, `${NAME:?message}` as an operator's sample value."""

    def one(match: re.Match) -> str:
        default = re.search(r":-([^}]*)\}$", match.group(0))
        return default.group(1) if default else SAMPLES[match.group(1)]

    return REFERENCE.sub(one, str(value))


def test_every_bot_services_settings_load(services):
    for name, service in bot_services(services).items():
        env = {key: interpolated(value) for key, value in service["environment"].items()}
        try:
            load_settings(env_file=None, **env)
        except SettingsError as error:
            pytest.fail(f"{name}: {error}")
