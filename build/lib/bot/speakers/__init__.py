"""Who a speaker is across articles: name folding and identity linking."""

from bot.speakers.identity import link_speakers

__all__ = ["link_speakers"]
