"""Reading the caching hints servers send: Retry-After and Cache-Control."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP-date).

    Returns None when absent or unreadable; a date in the past gives 0.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def parse_max_age(value: str | None) -> float | None:
    """Freshness lifetime from Cache-Control, in seconds.

    `s-maxage` wins over `max-age` (we behave like a shared cache);
    `no-store` / `no-cache` give 0; None when the header says nothing.
    """
    if not value:
        return None
    directives: dict[str, str | None] = {}
    for part in value.split(","):
        name, _, argument = part.strip().partition("=")
        if name:
            directives[name.strip().lower()] = argument.strip().strip('"') or None
    if "no-store" in directives or "no-cache" in directives:
        return 0.0
    for name in ("s-maxage", "max-age"):
        seconds = directives.get(name)
        if seconds is not None and seconds.isdigit():
            return float(seconds)
    return None
