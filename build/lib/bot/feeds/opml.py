"""OPML feed lists: written for /export, read (untrusted) from a document a user sends.

Reading goes through defusedxml with DTDs forbidden, so entity expansion
("billion laughs") and external entities are refused before anything is
expanded or fetched; nesting depth and the number of outlines are bounded
while parsing, so a hostile file costs little before it is refused.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET  # writing only: what we write is our own
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse

MAX_DEPTH = 32  # real OPML files nest folders two or three levels deep
MAX_OUTLINES = 1000


class OpmlRefused(ValueError):
    """The file cannot be read as a feed list; str() says why, for the user."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str


def read_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds (outlines with an xmlUrl) of an OPML document, in order, each URL once."""
    feeds: dict[str, OpmlFeed] = {}
    depth = outlines = 0
    try:
        for event, element in iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=True):
            if event == "end":
                depth -= 1
                element.clear()  # keep memory flat however long the list is
                continue
            depth += 1
            if depth == 1 and _name(element.tag) != "opml":
                raise OpmlRefused(f"it is XML but not OPML (it starts with <{_name(element.tag)[:40]}>)")
            if depth > MAX_DEPTH:
                raise OpmlRefused(f"it nests deeper than {MAX_DEPTH} levels")
            if _name(element.tag) != "outline":
                continue
            outlines += 1
            if outlines > MAX_OUTLINES:
                raise OpmlRefused(f"it has more than {MAX_OUTLINES} entries")
            feed = _feed(element.attrib)
            if feed is not None:
                feeds.setdefault(feed.url, feed)
    except DefusedXmlException:
        raise OpmlRefused("it declares a DTD or entities, which I don't read in uploaded files") from None
    except ParseError as error:
        raise OpmlRefused(f"it is not well-formed XML ({_first_line(error)})") from None
    return list(feeds.values())


def write_opml(title: str, feeds: list[OpmlFeed]) -> bytes:
    """An OPML 2.0 document listing `feeds`."""
    root = ET.Element("opml", version="2.0")
    ET.SubElement(ET.SubElement(root, "head"), "title").text = title
    body = ET.SubElement(root, "body")
    for feed in feeds:
        ET.SubElement(body, "outline", type="rss", text=feed.title, title=feed.title, xmlUrl=feed.url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _feed(attrib: dict[str, str]) -> OpmlFeed | None:
    # Attribute names are case-sensitive in XML, but exporters disagree on "xmlUrl".
    values = {key.lower(): value for key, value in attrib.items()}
    url = " ".join((values.get("xmlurl") or "").split())
    if not url:
        return None
    title = values.get("title") or values.get("text") or ""
    return OpmlFeed(url, " ".join(title.split())[:100])


def _name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0][:120] if str(error) else type(error).__name__
