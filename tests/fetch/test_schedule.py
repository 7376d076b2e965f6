"""When a feed is checked next, from what its last fetch produced."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.fetch import BlockedURLError, FetchResult, FetchTimeout, TooLarge, plan_next_check
from bot.fetch.errors import ConnectFailed
from bot.fetch.headers import parse_max_age, parse_retry_after

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
INTERVAL = 300
DAY = 86_400
URL = "https://feeds.example/rss"


def ok(**fields) -> FetchResult:
    return FetchResult(status=200, url=URL, body=b"<rss/>", **fields)


def wait_of(schedule) -> float:
    return (schedule.next_check_at - NOW).total_seconds()


SUCCESS_WAITS = {
    "plain success waits the interval": (ok(), INTERVAL),
    "max-age longer than interval": (ok(max_age_seconds=1800.0), 1800),
    "max-age shorter than interval": (ok(max_age_seconds=60.0), INTERVAL),
    "no-cache does not poll faster": (ok(max_age_seconds=0.0), INTERVAL),
    "retry-after on success honoured": (ok(retry_after_seconds=3600.0), 3600),
    "larger of max-age and retry-after": (ok(max_age_seconds=900.0, retry_after_seconds=600.0), 900),
    "max-age of a week clamped to a day": (ok(max_age_seconds=7 * DAY), DAY),
    "304 follows the same rules": (FetchResult(status=304, url=URL, not_modified=True, max_age_seconds=1200.0), 1200),
}


@pytest.mark.parametrize("outcome, wait", SUCCESS_WAITS.values(), ids=SUCCESS_WAITS.keys())
def test_success_waits_and_resets_errors(outcome: FetchResult, wait: float) -> None:
    schedule = plan_next_check(NOW, outcome, interval_seconds=INTERVAL, error_count=4)
    assert wait_of(schedule) == wait
    assert schedule.error_count == 0
    assert schedule.disabled_reason is None


FAILURES = {
    "timeout": FetchTimeout("no answer"),
    "network": ConnectFailed("refused"),
    "too large": TooLarge("too big"),
    "blocked": BlockedURLError("private"),
    "server error": FetchResult(status=500, url=URL),
    "not found": FetchResult(status=404, url=URL),
    "rate limited without retry-after": FetchResult(status=429, url=URL),
}


@pytest.mark.parametrize("outcome", FAILURES.values(), ids=FAILURES.keys())
def test_failures_back_off_doubling_up_to_a_day(outcome) -> None:
    waits, errors = [], 0
    for _ in range(12):
        schedule = plan_next_check(NOW, outcome, interval_seconds=INTERVAL, error_count=errors)
        errors = schedule.error_count
        waits.append(wait_of(schedule))
    assert errors == 12
    assert waits[:4] == [600, 1200, 2400, 4800]
    assert waits[-1] == DAY
    assert max(waits) == DAY


def test_backoff_survives_huge_error_counts() -> None:
    schedule = plan_next_check(NOW, FetchTimeout("x"), interval_seconds=INTERVAL, error_count=10_000)
    assert wait_of(schedule) == DAY


RETRY_AFTER = {
    "429 asks for longer than the backoff": (FetchResult(status=429, url=URL, retry_after_seconds=7200.0), 0, 7200),
    "503 asks for less than the backoff": (FetchResult(status=503, url=URL, retry_after_seconds=10.0), 2, 2400),
    "retry-after beyond a day is capped": (FetchResult(status=503, url=URL, retry_after_seconds=9 * DAY), 0, DAY),
}


@pytest.mark.parametrize("outcome, errors, wait", RETRY_AFTER.values(), ids=RETRY_AFTER.keys())
def test_retry_after_is_a_floor_on_errors(outcome: FetchResult, errors: int, wait: float) -> None:
    schedule = plan_next_check(NOW, outcome, interval_seconds=INTERVAL, error_count=errors)
    assert wait_of(schedule) == wait
    assert schedule.error_count == errors + 1


VALIDATORS = {
    "200 stores new validators": (ok(etag='"v2"', last_modified="B"), ('"v2"', "B")),
    "200 without validators clears them": (ok(), (None, None)),
    "304 keeps the stored validators": (FetchResult(status=304, url=URL, not_modified=True), ('"v1"', "A")),
    "304 with a fresh etag takes it": (FetchResult(status=304, url=URL, not_modified=True, etag='"v3"'), ('"v3"', "A")),
    "error keeps the stored validators": (FetchTimeout("x"), ('"v1"', "A")),
}


@pytest.mark.parametrize("outcome, expected", VALIDATORS.values(), ids=VALIDATORS.keys())
def test_validators_for_the_next_conditional_get(outcome, expected) -> None:
    schedule = plan_next_check(NOW, outcome, interval_seconds=INTERVAL, error_count=0, etag='"v1"', last_modified="A")
    assert (schedule.etag, schedule.last_modified) == expected


def test_permanent_redirect_gives_the_new_url() -> None:
    moved = ok(permanent_redirect_to="https://new.example/rss")
    assert plan_next_check(NOW, moved, interval_seconds=INTERVAL, error_count=0).new_url == "https://new.example/rss"
    assert plan_next_check(NOW, ok(), interval_seconds=INTERVAL, error_count=0).new_url is None


def test_gone_disables_the_feed() -> None:
    gone = FetchResult(status=410, url=URL, gone=True)
    schedule = plan_next_check(NOW, gone, interval_seconds=INTERVAL, error_count=1)
    assert schedule.disabled_reason == "gone (HTTP 410)"


RETRY_AFTER_VALUES = {
    "delta seconds": ("120", 120.0),
    "http date in the future": ("Wed, 25 Nov 2026 12:10:00 GMT", 600.0),
    "http date in the past": ("Wed, 25 Nov 2026 11:00:00 GMT", 0.0),
    "garbage": ("soon", None),
    "absent": (None, None),
}


@pytest.mark.parametrize("value, seconds", RETRY_AFTER_VALUES.values(), ids=RETRY_AFTER_VALUES.keys())
def test_retry_after_header(value, seconds) -> None:
    assert parse_retry_after(value, now=NOW) == seconds


CACHE_CONTROL = {
    "max-age": ("public, max-age=600", 600.0),
    "s-maxage wins": ("max-age=60, s-maxage=900", 900.0),
    "no-store": ("no-store", 0.0),
    "no-cache with max-age": ("no-cache, max-age=600", 0.0),
    "quoted and spaced": ('max-age="300" , public', 300.0),
    "nothing about age": ("public", None),
    "absent": (None, None),
}


@pytest.mark.parametrize("value, seconds", CACHE_CONTROL.values(), ids=CACHE_CONTROL.keys())
def test_cache_control_header(value, seconds) -> None:
    assert parse_max_age(value) == seconds


def test_next_check_is_in_the_future_and_timezone_aware() -> None:
    schedule = plan_next_check(NOW, ok(), interval_seconds=INTERVAL, error_count=0)
    assert schedule.next_check_at == NOW + timedelta(seconds=INTERVAL)
    assert schedule.next_check_at.tzinfo is not None
