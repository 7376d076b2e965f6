"""What a PostgreSQL outage costs a running process: failed statements and time to recover.

Run: python -m bench.db_outage --database-url postgresql://postgres@127.0.0.1:5432/test
     [--outages 1 5 20] [--every 0.05]

In a scratch schema (dropped afterwards), a store issues one small write every `--every`
seconds, as a busy bot would. First its own backend is ended with pg_terminate_backend (what a
server restart does to each backend); then, for each outage length, the store reaches the
server through a loopback relay that refuses connections for that long
(tests/fakes/pg_outage.py). Prints, per case, the statements that failed and how long after
the server was back the first one succeeded; the reconnect backoff caps the latter at 5 s.
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid
from urllib.parse import quote

import psycopg

from bot.store import Store
from tests.fakes.pg_outage import PostgresRelay, end_backend


async def _write_until_it_works(store: Store, every: float, back_at: list[float], outage: float) -> int:
    """Write every `every` s until a write succeeds; the relay comes back after `outage` s."""
    failures, away_since = 0, time.monotonic()
    while True:
        if not back_at and time.monotonic() - away_since >= outage:
            back_at.append(time.monotonic())
        try:
            await store.chats.ensure(1)
            return failures
        except psycopg.OperationalError:
            failures += 1
        await asyncio.sleep(every)


async def terminated_backend(url: str, admin_url: str) -> str:
    async with await Store.open(url) as store:
        await store.chats.ensure(1)
        await end_backend(store, admin_url)
        started = time.perf_counter()
        failures = 0
        try:
            await store.chats.ensure(1)
        except psycopg.OperationalError:
            failures += 1
        return f"backend ended: {failures} statements failed, next write took {time.perf_counter() - started:.3f} s"


async def relay_outage(url: str, outage: float, every: float) -> str:
    relay = PostgresRelay(url)
    try:
        async with await Store.open(relay.url) as store:
            await store.chats.ensure(1)
            relay.go_away()
            back_at: list[float] = []
            task = asyncio.create_task(_write_until_it_works(store, every, back_at, outage))
            while not back_at:
                await asyncio.sleep(0.01)
            relay.come_back()
            failures = await task
            recovered = time.monotonic() - back_at[0]
    finally:
        relay.close()
    return f"server away {outage:g} s: {failures} statements failed, first success {recovered:.2f} s after it was back"


async def run(base: str, outages: list[float], every: float) -> None:
    schema = f"bench_outage_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    url = f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={schema}')}"
    try:
        print(await terminated_backend(url, base))
        for outage in outages:
            print(await relay_outage(url, outage, every))
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL server's database (a schema is made)")
    parser.add_argument("--outages", type=float, nargs="+", default=[1.0, 5.0, 20.0])
    parser.add_argument("--every", type=float, default=0.05, help="seconds between writes")
    args = parser.parse_args()
    asyncio.run(run(args.database_url, args.outages, args.every))


if __name__ == "__main__":
    main()
