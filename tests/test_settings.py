"""Settings: a bad value is reported in one line that names the environment variable."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, load_settings

TOKEN = "123456:TEST-token"


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No briefbot variable from the developer's shell, no .env in the working directory."""
    from bot.settings import Settings

    for field in Settings.model_fields.values():
        monkeypatch.delenv(field.alias, raising=False)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("POLL_INTERVAL_SECONDS", "abc"),
        ("POLL_INTERVAL_SECONDS", "5"),
        ("DATABASE_URL", "mysql://bot@db/briefbot"),
        ("LOG_LEVEL", "LOUD"),
        ("ADMIN_USER_IDS", "1,x"),
        ("FETCH_TIMEOUT_SECONDS", "0"),
        ("FEED_MAX_BYTES", "12"),
        ("FETCH_ALLOW_PRIVATE_NETWORKS", "perhaps"),
        ("FETCH_CONCURRENCY", "1000"),
        ("LLM_DAILY_TOKEN_BUDGET", "0"),
        ("ANALYSER", "guess"),
    ],
    ids=[
        "interval-not-a-number",
        "interval-too-short",
        "unknown-database-url",
        "unknown-log-level",
        "admin-id-not-a-number",
        "zero-timeout",
        "tiny-feed-cap",
        "bool-not-a-bool",
        "concurrency-too-high",
        "zero-token-budget",
        "unknown-analyser",
    ],
)
def test_bad_setting_is_one_line_naming_it(clean_env, name, value):
    clean_env.setenv(name, value)
    with pytest.raises(SettingsError) as raised:
        load_settings(env_file=None)
    message = str(raised.value)
    assert name in message
    assert "\n" not in message


def test_bad_setting_in_dotenv_is_named(clean_env, tmp_path):
    (tmp_path / ".env").write_text("LOG_LEVEL=LOUD\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="LOG_LEVEL"):
        load_settings()


@pytest.mark.parametrize(
    ("env", "attribute", "expected"),
    [
        ({}, "telegram_bot_token", None),
        ({"TELEGRAM_BOT_TOKEN": "   "}, "telegram_bot_token", None),
        ({"TELEGRAM_BOT_TOKEN": TOKEN}, "telegram_bot_token", TOKEN),
        ({"ADMIN_USER_IDS": "1, 2,3"}, "admin_user_ids", frozenset({1, 2, 3})),
        ({"ADMIN_USER_IDS": "9007199254740993"}, "admin_user_ids", frozenset({9007199254740993})),
        ({"LOG_LEVEL": "debug"}, "log_level", "DEBUG"),
        ({"DATABASE_URL": "sqlite:///var/bot.db"}, "database_path", "var/bot.db"),
        ({}, "fetch_allow_private_networks", False),
        ({}, "llm_enabled", False),
        ({"OPENAI_API_KEY": "sk-test"}, "llm_enabled", True),
        ({}, "analyser", "rules"),
        ({"ANALYSER": "Parsed"}, "analyser", "parsed"),
    ],
    ids=[
        "token-unset",
        "blank-token-is-unset",
        "token",
        "admin-ids",
        "admin-id-64-bit",
        "log-level-case",
        "sqlite-path",
        "private-networks-refused-by-default",
        "llm-off",
        "llm-on",
        "analyser-rules-by-default",
        "analyser-parsed",
    ],
)
def test_good_settings(clean_env, env, attribute, expected):
    for name, value in env.items():
        clean_env.setenv(name, value)
    assert getattr(load_settings(env_file=None), attribute) == expected


def test_every_setting_can_be_given_in_code_by_its_name(clean_env):
    """`Overrides` types load_settings' keywords: it names each setting, and nothing else."""
    from bot.settings import Overrides, Settings

    names = {field.alias for field in Settings.model_fields.values()}
    assert set(Overrides.__annotations__) == names, "a setting added to Settings needs its line in Overrides"
    settings = load_settings(env_file=None, FEED_MAX_BYTES="4096", ADMIN_USER_IDS="7, 8")
    assert (settings.feed_max_bytes, settings.admin_user_ids) == (4096, frozenset({7, 8}))
