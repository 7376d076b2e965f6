"""Operator commands: /status for the user ids in ADMIN_USER_IDS."""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from bot.services import services_of

log = logging.getLogger(__name__)


async def status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Today's model usage, the briefing mode and rejection counts (admins only)."""
    services = services_of(context)
    user = update.effective_user
    if user is None or user.id not in services.settings.admin_user_ids:
        log.info("refused /status for user %s", user.id if user else None)
        await update.effective_message.reply_html("/status is for the bot's operators.")
        return
    report = await services.writer.status() if services.writer else {"mode": "extractive"}
    await update.effective_message.reply_html(status_text(report))


def status_text(report: dict) -> str:
    budget = report.get("budget")
    lines = [
        "<b>Status</b>",
        f"Briefing mode: <b>{escape(str(report.get('mode')))}</b>",
        f"Model: {escape(str(report.get('model') or '—'))}",
        f"Tokens today: {report.get('tokens_today', 0)}" + (f" of {budget}" if budget else " (no budget set)"),
    ]
    rejections = report.get("rejections") or {}
    if rejections:
        lines.append(
            "Rejected model output: "
            + ", ".join(f"{escape(str(reason))} ×{count}" for reason, count in sorted(rejections.items()))
        )
    return "\n".join(lines)
