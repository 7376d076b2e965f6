"""Start-up failures as one line naming what to fix, instead of a traceback.

Each check turns one kind of failure the operator can act on (the database
file or its directory, the Telegram token, the way to Telegram) into a
`StartupError`; the CLI prints its message and exits with status 2.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram.error import InvalidToken, NetworkError


class StartupError(Exception):
    """The bot cannot start; the message is one line saying what to fix."""


def database_failure(path: str, error: Exception) -> StartupError:
    """Why the database at `path` could not be opened, and what to do about it."""
    if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError):
        return StartupError(
            f"the database file {path} is damaged or is not a SQLite database ({error}): "
            "move it aside or restore a backup, or point DATABASE_URL at another file"
        )
    reason = getattr(error, "strerror", None) or str(error)
    if type(error).__module__.startswith("psycopg"):
        return StartupError(
            f"the database {path} cannot be used ({reason.strip().splitlines()[0] if reason.strip() else error!r}): "
            "check DATABASE_URL and that the PostgreSQL server is running and accepts this user"
        )
    return StartupError(
        f"the database {path} cannot be created or written ({reason}): "
        "make its directory writable, or point DATABASE_URL at a writable place"
    )


@asynccontextmanager
async def telegram_reachable(base_url: str) -> AsyncIterator[None]:
    """Failures while connecting to Telegram at start-up, as one line each."""
    try:
        yield
    except InvalidToken:
        raise StartupError(
            "Telegram refused the bot token: check TELEGRAM_BOT_TOKEN (copy it again from @BotFather)"
        ) from None
    except NetworkError as error:
        raise StartupError(
            f"could not reach Telegram at {base_url} ({error.message}): check the network connection, "
            "a firewall or proxy, or TELEGRAM_API_BASE_URL"
        ) from None
