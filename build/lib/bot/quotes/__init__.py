"""Quote attribution: who said what in an article, by deterministic rules.

`analyse(text)` returns an `Analysis` with direct, partial and indirect
quotes, their resolved speakers, secondary sources (via) and the outlet's
own framing. Pure and thread-safe: no state outlives a call.
"""

from bot.quotes.engine import analyse

__all__ = ["analyse"]
