"""Content-Encoding decoded by us, a bounded slice at a time.

A compression bomb is a small body that inflates to gigabytes. httpx decodes
each network chunk in one call, so a single 64 KB brotli chunk could inflate
far past any cap before our size check saw a byte. Here every decompressor
call is told how much output it may produce, so memory stays within the cap
whatever the ratio.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

import brotli

from bot.fetch.errors import BadResponse, TooLarge

ACCEPT_ENCODING = "gzip, deflate, br"


class CappedDecoder:
    """Decodes one response body; raises TooLarge once the decoded size passes `max_bytes`."""

    def __init__(self, content_encoding: str | None, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._decode = _decoder_for((content_encoding or "identity").strip().lower())

    def feed(self, chunk: bytes) -> bytes:
        """The decoded bytes for one raw chunk (possibly none yet)."""
        return self._count(self._decode(chunk, self.max_bytes - self.size + 1))

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.max_bytes:
            raise TooLarge(f"the response is larger than the limit of {self.max_bytes} bytes once decompressed")
        return data


Decode = Callable[[bytes, int], bytes]


def _decoder_for(encoding: str) -> Decode:
    if encoding in ("identity", ""):
        return lambda chunk, room: chunk
    if encoding in ("gzip", "x-gzip"):
        return _zlib(zlib.decompressobj(zlib.MAX_WBITS | 32))  # gzip or zlib header, told apart by zlib
    if encoding == "deflate":
        return _deflate()
    if encoding == "br":
        return _brotli()
    raise BadResponse(f"the server sent the body in an encoding we do not read ({encoding})")


def _zlib(inflater: zlib._Decompress) -> Decode:
    def decode(chunk: bytes, room: int) -> bytes:
        try:
            # Input left over (unconsumed_tail) means the output filled `room`: the body is refused anyway.
            return inflater.decompress(chunk, room)
        except zlib.error as error:
            raise BadResponse(f"the compressed body is damaged ({error})") from None

    return decode


def _deflate() -> Decode:
    """'deflate' is zlib-wrapped by the standard, raw in some servers: the first bytes tell."""
    chosen: list[Decode] = []

    def decode(chunk: bytes, room: int) -> bytes:
        if not chosen:
            wrapped = len(chunk) >= 2 and (chunk[0] * 256 + chunk[1]) % 31 == 0 and chunk[0] & 0x0F == 8
            chosen.append(_zlib(zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)))
        return chosen[0](chunk, room)

    return decode


def _brotli() -> Decode:
    inflater = brotli.Decompressor()

    def decode(chunk: bytes, room: int) -> bytes:
        try:
            out = inflater.process(chunk, output_buffer_limit=room)
            if len(out) < room and not inflater.can_accept_more_data():
                out += inflater.process(b"", output_buffer_limit=room - len(out))
            return out
        except brotli.error as error:
            raise BadResponse(f"the compressed body is damaged ({error})") from None

    return decode
