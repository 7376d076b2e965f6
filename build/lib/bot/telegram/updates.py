"""Reading an Update in a handler whose filter already guarantees its parts."""

from __future__ import annotations

from telegram import Message, Update


def message_of(update: Update) -> Message:
    """The message of an update PTB routed to a message or command handler.

    PTB types it as optional (a callback query or a poll answer has none); those
    handlers only ever see updates that carry one.
    """
    message = update.effective_message
    if message is None:
        raise ValueError(f"update {update.update_id} has no message")
    return message
