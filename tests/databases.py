"""Fixtures for the two backends: a fresh SQLite file, or a fresh schema on a real PostgreSQL server.

PostgreSQL tests run when TEST_DATABASE_URL names a server's database
(e.g. postgresql://postgres@127.0.0.1:5432/test); each test gets a schema of its
own, dropped afterwards. Without the variable they are skipped, and the run's
header and summary say so.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from urllib.parse import quote

import pytest

SKIPPED = "PostgreSQL tests skipped: TEST_DATABASE_URL not set"


def server_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


def pytest_report_header(config: pytest.Config) -> str:
    from bot.store.db import redacted

    url = server_url()
    return f"PostgreSQL tests on {redacted(url)} (TEST_DATABASE_URL)" if url else SKIPPED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not server_url():
        terminalreporter.write_line(SKIPPED)


def in_schema(url: str, schema: str) -> str:
    """The URL with every connection's search_path set to `schema`."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose connections see a fresh, empty schema; skips without a server named."""
    url = server_url()
    if not url:
        pytest.skip(SKIPPED)
    import psycopg

    schema = f"briefbot_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield in_schema(url, schema)
    finally:
        # A connection a failed test left open may hold locks in the schema: don't wait for it forever.
        with psycopg.connect(url, autocommit=True, options="-c lock_timeout=10s") as admin:
            try:
                admin.execute(f"DROP SCHEMA {schema} CASCADE")
            except psycopg.errors.LockNotAvailable:
                warnings.warn(f"schema {schema} left behind: a connection still holds it", stacklevel=1)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A fresh database on each backend in turn (tests parametrised with it run twice)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("postgres_url"))
