"""When to check a feed next, decided from what the last fetch produced.

Miniflux style: the state lives in the feed's columns (etag, last_modified,
next_check_at, error_count) and this pure function computes the new values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.fetch.client import FetchResult
from bot.fetch.errors import FetchError

DAY_SECONDS = 86_400.0
GONE_REASON = "gone (HTTP 410)"

FetchOutcome = FetchResult | FetchError


@dataclass(frozen=True, slots=True)
class FeedSchedule:
    """A feed's scheduling columns after one check."""

    next_check_at: datetime
    error_count: int
    disabled_reason: str | None = None
    new_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None


def plan_next_check(
    now: datetime,
    outcome: FetchOutcome,
    *,
    interval_seconds: float,
    error_count: int,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FeedSchedule:
    """Next state of a feed; `etag`/`last_modified` are the currently stored validators.

    Success (2xx, 304): wait max(interval, max-age, Retry-After) clamped to
    [interval, 1 day], reset errors, store the new validators (304 keeps the
    old ones unless it sends new). Failure (FetchError, 4xx, 5xx, stray 3xx):
    errors + 1, wait interval * 2**errors capped at a day, but at least
    Retry-After (also capped at a day). 410 disables the feed.
    """
    if isinstance(outcome, FetchResult) and outcome.gone:
        return FeedSchedule(
            next_check_at=now + timedelta(seconds=DAY_SECONDS),
            error_count=error_count,
            disabled_reason=GONE_REASON,
            etag=etag,
            last_modified=last_modified,
        )
    if isinstance(outcome, FetchResult) and outcome.ok:
        wait = max(interval_seconds, outcome.max_age_seconds or 0.0, outcome.retry_after_seconds or 0.0)
        wait = min(max(wait, interval_seconds), max(interval_seconds, DAY_SECONDS))
        return FeedSchedule(
            next_check_at=now + timedelta(seconds=wait),
            error_count=0,
            new_url=outcome.permanent_redirect_to,
            etag=outcome.etag or (etag if outcome.not_modified else None),
            last_modified=outcome.last_modified or (last_modified if outcome.not_modified else None),
        )
    errors = error_count + 1
    retry_after = outcome.retry_after_seconds if isinstance(outcome, FetchResult) else None
    backoff = interval_seconds * 2 ** min(errors, 32)  # exponent capped: 2**32 intervals is far past a day
    wait = min(max(backoff, retry_after or 0.0), DAY_SECONDS)
    return FeedSchedule(
        next_check_at=now + timedelta(seconds=wait),
        error_count=errors,
        etag=etag,
        last_modified=last_modified,
    )
