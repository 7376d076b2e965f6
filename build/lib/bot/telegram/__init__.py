"""Telegram: the application, chat commands, keyboards and the briefing sender."""
