"""Telegram HTML as plain text: links keep their address, tags go, entities are decoded."""

from __future__ import annotations

import re
from html import unescape


def html_to_text(html: str) -> str:
    text = re.sub(r"<a href=\"([^\"]*)\">([^<]*)</a>", lambda m: f"{m.group(2)} ({unescape(m.group(1))})", html)
    return unescape(re.sub(r"<[^>]+>", "", text))
