"""briefbot: news feeds in, short sourced briefings out, on Telegram."""

__version__ = "0.1.0"
