"""PostgreSQL connections carry TCP keepalives, so a server whose host vanished is noticed in a minute.

A host that vanishes sends no FIN or RST; only the kernel's keepalive probes find out. These
tests read the options off the connection's own socket (what the kernel will do), after
connecting and after a reconnection, and check that a DATABASE_URL's own values win.
Skipped without TEST_DATABASE_URL.
"""

from __future__ import annotations

import socket

from bot.store import Store
from bot.store.db import KEEPALIVES
from tests.fakes.pg_outage import end_backend


def socket_keepalives(store: Store) -> dict[str, int]:
    """What the kernel was told for the store's current connection."""
    fd = store.db.conn.pgconn.socket
    with socket.socket(fileno=socket.dup(fd)) as sock:
        return {
            "keepalives": int(sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) != 0),
            "keepalives_idle": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE),
            "keepalives_interval": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL),
            "keepalives_count": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT),
        }


async def test_a_connection_probes_a_silent_server_within_a_minute(postgres_url):
    async with await Store.open(postgres_url) as store:
        assert socket_keepalives(store) == KEEPALIVES
        parameters = store.db.conn.info.get_parameters()
        assert {name: int(parameters[name]) for name in KEEPALIVES} == KEEPALIVES
    silent_for = KEEPALIVES["keepalives_idle"] + KEEPALIVES["keepalives_interval"] * KEEPALIVES["keepalives_count"]
    assert silent_for <= 60


async def test_a_replacement_connection_carries_them_too(postgres_url):
    async with await Store.open(postgres_url) as store:
        ended = await end_backend(store)
        await store.chats.ensure(5)  # on a new connection
        assert store.db.conn.info.backend_pid != ended
        assert socket_keepalives(store) == KEEPALIVES


async def test_the_urls_own_values_win(postgres_url):
    url = f"{postgres_url}&keepalives_idle=77&keepalives_count=9"
    async with await Store.open(url) as store:
        assert socket_keepalives(store) == {**KEEPALIVES, "keepalives_idle": 77, "keepalives_count": 9}
