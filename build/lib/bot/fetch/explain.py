"""What went wrong with a fetch, in plain words for a chat and the log.

The same line is logged for the operator and stored as the feed's
`last_error`, which `/feeds` shows to the chat that added the feed.
"""

from __future__ import annotations

from http import HTTPStatus

from bot.fetch.client import FetchResult
from bot.fetch.errors import FetchError


def plain_reason(outcome: FetchResult | FetchError) -> str:
    """One line: the error's own words, or the HTTP status with its name and any Retry-After."""
    if isinstance(outcome, FetchError):
        return str(outcome) or type(outcome).__name__
    try:
        name = HTTPStatus(outcome.status).phrase
    except ValueError:
        name = "unknown status"
    line = f"the server answered HTTP {outcome.status} ({name})"
    if outcome.retry_after_seconds is not None:
        line += f" and asked us to retry after {outcome.retry_after_seconds:.0f} s"
    return line
