"""A TCP relay on 127.0.0.1 in front of the test PostgreSQL server, to stage its outages.

The server is shared, so tests never restart it; they reach it through this relay instead:

    relay.url                  # the test's schema, reached through the relay
    relay.go_away()            # cut every connection and refuse new ones: a server restarting
    relay.come_back()          # accept connections again: the server is up
    relay.cut()                # drop the live connections only: a network device's reset
    await end_backend(store)   # pg_terminate_backend on that store's own backend, and no other

Cutting a connection closes both ends, so the server ends that backend (rolling back its
transaction) exactly as when a client vanishes. The relay runs its own event loop in a thread,
so what the bot under test does to its loop cannot hold the relay up.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest


class PostgresRelay:
    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 5432)
        self._url = url
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._links: set[asyncio.StreamWriter] = set()
        self.port = 0
        self.connections = 0  # accepted so far, to see that a client came back
        self._thread.start()
        self._call(self._listen())

    @property
    def url(self) -> str:
        parts = urlsplit(self._url)
        user = f"{parts.username}@" if parts.username else ""
        return parts._replace(netloc=f"{user}127.0.0.1:{self.port}").geturl()

    def go_away(self) -> None:
        self._call(self._go_away())

    def come_back(self) -> None:
        self._call(self._listen())

    def cut(self) -> None:
        self._call(self._cut())

    def close(self) -> None:
        self._call(self._go_away())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _call(self, coroutine) -> None:
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(10)

    async def _listen(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
            self.port = self._server.sockets[0].getsockname()[1]

    async def _go_away(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        await self._cut()

    async def _cut(self) -> None:
        for writer in list(self._links):
            writer.transport.abort()
        self._links.clear()

    async def _relay(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.transport.abort()
            return
        self._links |= {client_writer, server_writer}
        await asyncio.gather(
            _pump(client_reader, server_writer), _pump(server_reader, client_writer), return_exceptions=True
        )
        for writer in (client_writer, server_writer):
            self._links.discard(writer)
            writer.transport.abort()


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.transport.abort()


async def end_backend(store, admin_url: str | None = None) -> int:
    """End the store's current server backend as an administrator would (a restart ends every
    backend this way), and wait until it has gone. Only that backend: the filter is its pid.
    `admin_url` is the connection to do it from (TEST_DATABASE_URL's by default). Returns the pid."""
    from tests.databases import server_url

    pid = store.db.conn.info.backend_pid
    await asyncio.to_thread(_terminate, admin_url or server_url(), pid)
    return pid


def _terminate(url: str, pid: int) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        (ended,) = admin.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,)).fetchone()
    assert ended, f"backend {pid} did not end"


@pytest.fixture
def postgres_relay(postgres_url: str) -> Iterator[PostgresRelay]:
    """A relay to the test's own fresh schema (skips without TEST_DATABASE_URL)."""
    relay = PostgresRelay(postgres_url)
    try:
        yield relay
    finally:
        relay.close()
