"""README's command and settings tables name every command and setting the code has, and nothing else.

A command missing from the table is one nobody finds; a setting in the table that no field reads is
one an operator sets for nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.settings import Settings
from bot.telegram.app import COMMAND_HANDLERS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| ")]


def test_every_command_is_in_the_command_table_and_every_row_names_one():
    rows = table_rows(section("Commands"))
    named = {name for row in rows for name in re.findall(r"`/(\w+)", row.split(" | ")[0])}
    commands = {name for name, _ in COMMAND_HANDLERS}
    assert commands - named == set(), "commands missing from README's table"
    assert named - commands == set(), "README's table names commands the bot does not have"


def test_every_setting_is_in_the_settings_table_and_every_row_names_one():
    rows = table_rows(section("Settings"))
    named = {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split(" | ")[0])}
    settings = {field.alias for field in Settings.model_fields.values()}
    assert settings - named == set(), "settings missing from README's table"
    assert named - settings == set(), "README's table names settings no field reads"
