"""How a compact digest reads: stories grouped by topic, most important first.

A story is one or more articles with nearly the same headline (several outlets
telling the same news); it ranks by how many outlets carry it, then by how
many direct quotes it has, then by recency. Each story is a numbered headline
linked to the article, its outlet(s), one line, and a button that opens the
full briefing. Pages are packed to Telegram's 4,096 characters; what does not
fit the digest is counted ("+N more") and offered with a button, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.store.chats import DigestItem

MESSAGE_LIMIT = 4096  # Telegram's cap on one message's text
MAX_STORIES = 20  # per digest; the rest is offered as "+N more"
LINE_CHARS = 160
BUTTONS_PER_ROW = 5
OPEN_PREFIX = "brief:"  # callback data: open one article's full briefing
MORE_DATA = "digest:more"  # callback data: the next page of what is pending
SAME_STORY = 0.75  # word overlap (Jaccard) of two headlines telling the same story
_WORD = re.compile(r"[^\W\d_]{3,}")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@dataclass(slots=True)
class Story:
    articles: list[DigestItem]

    @property
    def lead(self) -> DigestItem:
        return self.articles[0]

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(a.outlet for a in self.articles if a.outlet))

    @property
    def rank(self) -> tuple[int, int, float]:
        return (len(self.outlets), max(a.quotes for a in self.articles), max(a.fetched_at for a in self.articles))

    @property
    def article_ids(self) -> list[int]:
        return [a.article_id for a in self.articles]


@dataclass(slots=True)
class DigestPage:
    """One message of a digest, and the articles it carries."""

    html: str
    markup: InlineKeyboardMarkup | None
    article_ids: list[int] = field(default_factory=list)


def choose(items: Sequence[DigestItem], max_stories: int = MAX_STORIES) -> tuple[list[tuple[str, list[Story]]], int]:
    """The stories a digest shows, grouped by topic (best topic first), and how many articles are left over."""
    by_topic: dict[str, list[DigestItem]] = {}
    for item in items:
        by_topic.setdefault(item.topic_name, []).append(item)
    ranked = sorted(
        ((name, sorted(_stories(group), key=lambda s: s.rank, reverse=True)) for name, group in by_topic.items()),
        key=lambda pair: pair[1][0].rank,
        reverse=True,
    )
    # Take the best stories overall, then show them under their topics in that topic order.
    best = sorted((s for _, group in ranked for s in group), key=lambda s: s.rank, reverse=True)[:max_stories]
    kept = {id(s) for s in best}
    chosen = [(name, [s for s in group if id(s) in kept]) for name, group in ranked]
    chosen = [(name, group) for name, group in chosen if group]
    left = len(items) - sum(len(s.articles) for _, group in chosen for s in group)
    return chosen, left


def render_digest(header: str, chosen: list[tuple[str, list[Story]]], left: int) -> list[DigestPage]:
    """The digest as messages of at most MESSAGE_LIMIT characters, each with its stories' buttons."""
    pages: list[DigestPage] = []
    page = _Page(header)
    number = 0
    for topic, stories in chosen:
        heading = f"\n\n<b>▌{escape(topic)}</b>\n"
        for i, story in enumerate(stories):
            number += 1
            block = (heading if i == 0 else "\n\n") + _story_html(number, story)
            if not page.fits(block):
                pages.append(page.done())
                page = _Page(f"<b>▌{escape(topic)}</b> (continued)" if i else "")
            page.add(block, number, story)
    if left:
        note = f"\n\n<b>+{left} more</b> not shown here — tap below to see them."
        if not page.fits(note):
            pages.append(page.done())
            page = _Page("")
        page.text += note
        page.more = left
    pages.append(page.done())
    return pages


class _Page:
    def __init__(self, text: str) -> None:
        self.text = text
        self.buttons: list[InlineKeyboardButton] = []
        self.article_ids: list[int] = []
        self.more = 0

    def fits(self, html: str) -> bool:
        # The HTML is never shorter than the text the reader sees, so it is a safe measure.
        return len(self.text) + len(html) <= MESSAGE_LIMIT

    def add(self, html: str, number: int, story: Story) -> None:
        self.text = (self.text + html).lstrip("\n")
        self.buttons.append(InlineKeyboardButton(f"📄 {number}", callback_data=f"{OPEN_PREFIX}{story.lead.article_id}"))
        self.article_ids.extend(story.article_ids)

    def done(self) -> DigestPage:
        rows = [self.buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(self.buttons), BUTTONS_PER_ROW)]
        if self.more:
            rows.append([InlineKeyboardButton(f"Show {self.more} more", callback_data=MORE_DATA)])
        return DigestPage(self.text.strip("\n"), InlineKeyboardMarkup(rows) if rows else None, self.article_ids)


def _story_html(number: int, story: Story) -> str:
    lead = story.lead
    title = escape(_shorten(lead.title or lead.url, 200))
    source = f" — <i>{escape(lead.outlet)}</i>" if lead.outlet else ""
    others = [a for a in story.articles[1:] if a.outlet != lead.outlet] or story.articles[1:]
    if others:  # each other telling of the story keeps its own link, so none is hidden
        links = ", ".join(f'<a href="{escape(a.url, quote=True)}">{escape(a.outlet or "link")}</a>' for a in others)
        source += f" (also {links})"
    line = one_line(lead.text, lead.title)
    body = f"\n{escape(line)}" if line else ""
    return f'<b>{number}.</b> <a href="{escape(lead.url, quote=True)}">{title}</a>{source}{body}'


def one_line(text: str, title: str | None = None) -> str:
    """The article's first sentence that is not its headline, cut to LINE_CHARS at a word."""
    for sentence in _SENTENCE_END.split(text.strip()):
        sentence = " ".join(sentence.split())
        if sentence and sentence != (title or "").strip():
            return _shorten(sentence, LINE_CHARS)
    return ""


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _stories(items: list[DigestItem]) -> list[Story]:
    """Articles with nearly the same headline and the same names in it are one story.

    Headlines that differ only in a place or a person ("… in Oslo" / "… in Riga")
    are different news, so the capitalised words after the first must match too;
    the story's lead is its article with the most quotes.
    """
    stories: list[tuple[tuple[set[str], set[str]], Story]] = []
    for item in items:
        key = _headline_key(item.title or "")
        home = next((s for k, s in stories if _same_story(key, k)), None)
        if home is None:
            stories.append((key, Story([item])))
        else:
            home.articles.append(item)
    for _, story in stories:
        story.articles.sort(key=lambda a: (a.quotes, a.fetched_at), reverse=True)
    return [story for _, story in stories]


def _headline_key(title: str) -> tuple[set[str], set[str]]:
    words = _WORD.findall(title)
    return {w.lower() for w in words}, {w for w in words[1:] if w[0].isupper()}


def _same_story(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> bool:
    return bool(a[0]) and a[1] == b[1] and _overlap(a[0], b[0]) >= SAME_STORY


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0
