"""Make a page's paragraphs plain before trafilatura reads them.

trafilatura drops whole elements by tag or class name, and it does so inside
paragraphs too: a `<span class="byline">` or `<time>` in the middle of a
sentence vanishes with its words ("especially high for ."). A reader sees those
words, so inside a paragraph we keep the text of inline elements and drop only
their markup. Links stay links: trafilatura keeps their text, and its
link-density test is what keeps "related stories" lists out of the article.

A drop cap set in its own element before the first paragraph ("T" then
"<p>urkey …") is put back at the start of its paragraph.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# where a sentence's words live; inline markup inside these is unwrapped
_TEXT_BLOCKS = ("p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "td", "th")
_INLINE = (
    "span", "em", "strong", "b", "i", "u", "s", "small", "big", "mark", "cite", "code", "time", "abbr",
    "sup", "sub", "ins", "del", "var", "kbd", "dfn", "samp", "bdi", "bdo", "data", "font", "tt", "label",
    "button", "nobr", "q",
)  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN_CLASS = re.compile(r"\b(?:sr-only|visually-hidden|screen-reader-text|hidden)\b", re.IGNORECASE)
_DROP_CAP = re.compile(r"drop[-_ ]?cap|first[-_]?letter|\binitial\b", re.IGNORECASE)
_PARAGRAPH_START = re.compile(r"\s*[a-z]")


def plain_paragraphs(root: HtmlElement) -> HtmlElement:
    """Unwrap inline markup inside text blocks and restore split drop caps, in place."""
    _restore_drop_caps(root)
    for block in list(root.iter(*_TEXT_BLOCKS)):
        for element in list(block.iter(*_INLINE)):
            if element is block or element.getparent() is None:
                continue
            if _hidden(element):
                element.drop_tree()  # keeps the element's tail, which is visible
                continue
            if element.tag == "q":  # browsers show <q> with quotation marks
                element.text = "“" + (element.text or "")
                element.tail = "”" + (element.tail or "")  # the tail is what follows </q>
            element.drop_tag()
    return root


def _hidden(element: HtmlElement) -> bool:
    return (
        element.get("hidden") is not None
        or bool(_HIDDEN_STYLE.search(element.get("style", "")))
        or bool(_HIDDEN_CLASS.search(element.get("class", "")))
    )


def _restore_drop_caps(root: HtmlElement) -> None:
    """'<span class="dropcap">T</span><p>urkey …' -> '<p>Turkey …'."""
    for element in list(root.iter("span", "div", "p", "strong", "b", "big", "font", "figure")):
        letters = (element.text_content() or "").strip()
        if not (1 <= len(letters) <= 2 and letters.isalpha() and letters[0].isupper()):
            continue
        if (element.tail or "").strip():
            continue  # the letter runs on into its own text: nothing was split off
        following = element.getnext()
        if following is None or following.tag != "p":
            continue
        starts_lower = bool(_PARAGRAPH_START.match(following.text or ""))
        if not starts_lower or not (_DROP_CAP.search(_names(element)) or _is_first_text(element)):
            continue
        following.text = letters + (following.text or "").lstrip()
        element.drop_tree()


def _names(element: HtmlElement) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


def _is_first_text(element: HtmlElement) -> bool:
    """A lone capital with no drop-cap class still counts when nothing but markup precedes it."""
    previous = element.getprevious()
    return previous is None or previous.tag in ("h1", "h2", "header", "figure", "img", "picture")
