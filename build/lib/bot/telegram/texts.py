"""What the bot says, in one place, so wording stays consistent."""

from __future__ import annotations

COMMANDS: list[tuple[str, str]] = [
    ("start", "Start and see the topics"),
    ("topics", "Subscribe or unsubscribe with a tap"),
    ("subscribe", "Subscribe to a topic: /subscribe ukraine"),
    ("unsubscribe", "Unsubscribe: /unsubscribe ukraine"),
    ("follow", 'Follow your own keywords: /follow "peace talks" OR ceasefire'),
    ("list", "Your topics and delivery settings"),
    ("addfeed", "Add a feed of your own: /addfeed https://example.com/feed.xml"),
    ("feeds", "Your own feeds and how their last checks went"),
    ("removefeed", "Remove one of your feeds: /removefeed 2"),
    ("filter", "Narrow a topic or feed: /filter talks -football, /filter talks off"),
    ("export", "Your feeds as an OPML file (send one back to import)"),
    ("mode", "instant or digest: /mode digest"),
    ("digest", "Daily digest time: /digest 08:00 Europe/Kyiv"),
    ("quiet", "Hold instant briefings at night: /quiet 22:00-07:00 or /quiet off"),
    ("now", "Send what's new on your topics now"),
    ("ask", "Ask about people quoted: /ask What did Putin say about Kyiv?"),
    ("who", "Who is someone quoted: /who Podoliak"),
    ("channel", "Set up a channel you administer: /channel add @name"),
    ("stop", "Unsubscribe and delete this chat's data"),
    ("help", "How this bot works"),
]

WELCOME = (
    "<b>Hello! I send short, sourced news briefings.</b>\n\n"
    "Each briefing keeps apart what the outlet reports, what people said word for word "
    "(with who said it, their role and any source it came through), and what the outlet "
    "only paraphrases.\n\n"
    "Pick topics below, or use /follow with your own keywords. Then ask about anyone "
    "quoted with /ask or /who, or reply to a briefing with a question."
)


def help_text() -> str:
    lines = [f"/{name} — {about}" for name, about in COMMANDS]
    return (
        "<b>Commands</b>\n"
        + "\n".join(_escape(line) for line in lines)
        + '\n\n<b>Keywords</b> for /follow: words, "exact phrases", OR between alternatives, '
        "-word to exclude. /filter uses the same words on one topic or feed; a filter may be only -words.\n"
        "<b>Your own feeds</b>: /addfeed a feed or a site that links to one; send an OPML file to import many.\n"
        "<b>Delivery</b>: instant (as articles arrive) or a daily digest "
        "at your local time. You never get the same article twice."
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
