"""HTTPS to a pinned address: TLS must still name and verify the real host."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.fetch import ConnectFailed, Fetcher, URLGuard
from tests.fakes.feed_server import FeedServer, fake_resolver

RSS = b"<rss version='2.0'><channel><title>Secure news</title></channel></rss>"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for feeds.example only."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl command not available to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=feeds.example",
            "-addext",
            "subjectAltName=DNS:feeds.example",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[FeedServer]:
    cert, key = certificate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    server = FeedServer(ssl_context=context).start()
    server.sni_names = names  # type: ignore[attr-defined]
    server.route("/rss", body=RSS)
    try:
        yield server
    finally:
        server.stop()


def fetcher_for(certificate: tuple[Path, Path]) -> Fetcher:
    guard = URLGuard(
        allow_private=False,
        allowed_addresses=frozenset({"127.0.0.1"}),
        resolver=fake_resolver({"feeds.example": ["127.0.0.1"], "other.example": ["127.0.0.1"]}),
    )
    return Fetcher(guard=guard, timeout_seconds=5, verify=ssl.create_default_context(cafile=str(certificate[0])))


async def test_https_to_pinned_address_sends_and_verifies_the_real_name(
    tls_server: FeedServer, certificate: tuple[Path, Path]
) -> None:
    async with fetcher_for(certificate) as fetcher:
        result = await fetcher.fetch(tls_server.url("/rss", host="feeds.example"), max_bytes=4096)
    assert result.body == RSS
    assert tls_server.sni_names == ["feeds.example"]  # type: ignore[attr-defined]
    assert tls_server.requests[0].headers["Host"] == f"feeds.example:{tls_server.port}"


async def test_https_certificate_for_another_name_is_refused(
    tls_server: FeedServer, certificate: tuple[Path, Path]
) -> None:
    async with fetcher_for(certificate) as fetcher:
        with pytest.raises(ConnectFailed, match="other.example.*certificate"):
            await fetcher.fetch(tls_server.url("/rss", host="other.example"), max_bytes=4096)
    assert tls_server.requests == []


async def test_https_by_bare_ip_is_checked_against_the_ip(
    tls_server: FeedServer, certificate: tuple[Path, Path]
) -> None:
    async with fetcher_for(certificate) as fetcher:
        with pytest.raises(ConnectFailed, match="certificate"):
            await fetcher.fetch(tls_server.url("/rss"), max_bytes=4096)
