"""HTML pages and RSS feeds built from the test articles."""

from __future__ import annotations

from html import escape

TALKS_TITLE = "Harbour talks stall as Norvik accuses Talvera of delay"
TALKS_PARAGRAPHS = [
    "Norvik Foreign Minister Elena Varga has said that her delegation left the harbour talks "
    "“to give the mediators room to work” after a third day without progress.",
    "Source: Varga at a press conference in Geneva, quoted by the Baltic Wire agency",
    "Details: Varga also accused Talvera of allegedly stalling the fisheries annex, but she did "
    "not say which clauses specifically.",
    "Quote from Varga: “We came to Geneva with a complete draft. Talvera has asked for more time "
    "three times, and each time the ships wait in port. We will return when there is something to sign.”",
    "Tomas Reik, the head of the Talveran delegation, said that his team had answered every "
    "proposal within a day and that the so-called delay was a matter of translation.",
    "Anna Soderlund, a spokeswoman for the mediators, stated that the talks would resume on Monday.",
]
TALKS_COMMENTS = [
    "Typical Varga theatrics, the fish don't care about her press conferences.",
    "Liked by 7 people",
    "Reik is a puppet and everybody knows it.",
]
COMMENT_MARKERS = ["theatrics", "puppet", "Liked by", "Leave a Reply", "Akismet"]


def article_page(
    title: str,
    paragraphs: list[str],
    comments: list[str],
    *,
    outlet: str = "Coastal Ledger",
    url: str = "https://ledger.example.net/a",
    published: str = "2026-11-20T08:30:00+00:00",
) -> str:
    body = "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)
    thread = "\n".join(
        f'<li class="comment"><div class="comment-content"><p>{escape(c)}</p></div></li>' for c in comments
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} | {escape(outlet)}</title>
<meta property="og:title" content="{escape(title)}">
<meta property="og:site_name" content="{escape(outlet)}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{escape(url)}">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world/">World</a></li></ul></nav></header>
<main><article>
<h1 class="entry-title">{escape(title)}</h1>
<div class="entry-content">
{body}
</div>
<footer><div class="sharedaddy"><h3>Share this:</h3><a href="#">Facebook</a></div></footer>
</article>
<div id="comments" class="comments-area"><h2>{len(comments)} thoughts on “{escape(title)}”</h2>
<ol class="comment-list">{thread}</ol>
<div id="respond"><h3>Leave a Reply</h3><p>This site uses Akismet to reduce spam.</p></div>
</div></main>
<footer class="site-footer"><p>Powered by a blog host.</p></footer>
</body></html>"""


def rss(items: list[tuple[str, str, str]], title: str = "Coastal Ledger") -> str:
    """An RSS 2.0 feed of (title, link, summary) items."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<description>{escape(summary)}</description>"
        f"<pubDate>Fri, 20 Nov 2026 08:30:00 GMT</pubDate><guid>{escape(link)}</guid></item>"
        for t, link, summary in items
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://ledger.example.net/</link>"
        f"<description>News</description>{entries}</channel></rss>"
    )
