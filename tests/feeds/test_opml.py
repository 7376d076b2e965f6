"""OPML reading is hostile-input parsing: every refusal here happens before anything is expanded or fetched."""

from __future__ import annotations

import tracemalloc

import pytest

from bot.feeds.opml import MAX_DEPTH, OpmlFeed, OpmlRefused, read_opml, write_opml

LIST = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="World">
    <outline type="rss" text="Harbour Post" title="Harbour Post" xmlUrl="https://post.example/rss.xml"/>
    <outline type="rss" text="Ledger" xmlurl=" https://ledger.example/feed "/>
  </outline>
  <outline type="rss" text="Again" xmlUrl="https://post.example/rss.xml"/>
  <outline type="link" text="Just a link" url="https://example.org/"/>
</body></opml>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
  <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<opml version="2.0"><body><outline text="&h;" xmlUrl="https://x.example/&h;"/></body></opml>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&secret;" xmlUrl="https://x.example/"/></body></opml>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE opml SYSTEM "http://127.0.0.1:9/opml.dtd">
<opml version="2.0"><body/></opml>"""


def test_reads_feeds_in_order_once_each_whatever_the_attribute_case():
    assert read_opml(LIST) == [
        OpmlFeed("https://post.example/rss.xml", "Harbour Post"),
        OpmlFeed("https://ledger.example/feed", "Ledger"),
    ]


def test_what_it_writes_it_reads_back_with_markup_in_names_escaped():
    feeds = [OpmlFeed("https://a.example/rss?x=1&y=2", 'Tom & "Jerry" <news>'), OpmlFeed("http://b.example/", "B")]
    written = write_opml("briefbot feeds", feeds)
    assert written.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert b"&amp;" in written and b"<news>" not in written
    assert read_opml(written) == feeds


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"this is not xml at all", "it is not well-formed XML"),
        (b"", "it is not well-formed XML"),
        (b"\xff\xfe\x00<\x00o", "it is not well-formed XML"),
        (b"<opml><body><outline xmlUrl='https://a.example/'></body>", "it is not well-formed XML"),
        (b'<rss version="2.0"><channel/></rss>', "it is XML but not OPML (it starts with <rss>)"),
        (BILLION_LAUGHS, "it declares a DTD or entities"),
        (EXTERNAL_ENTITY, "it declares a DTD or entities"),
        (EXTERNAL_DTD, "it declares a DTD or entities"),
        (b"<opml>" + b"<outline>" * 5000 + b"</outline>" * 5000 + b"</opml>", f"deeper than {MAX_DEPTH} levels"),
        (b"<opml><body>" + b'<outline xmlUrl="https://a.example/"/>' * 1001 + b"</body></opml>", "more than 1000"),
    ],
    ids=[
        "text",
        "empty",
        "binary",
        "unclosed",
        "rss",
        "billion-laughs",
        "external-entity",
        "external-dtd",
        "deep",
        "many",
    ],
)
def test_hostile_or_wrong_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(OpmlRefused, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_opml(data)


def test_entity_expansion_is_refused_before_it_costs_anything():
    tracemalloc.start()
    with pytest.raises(OpmlRefused):
        read_opml(BILLION_LAUGHS)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Expanded, &h; is 10^9 characters; refused at the DTD, the parse holds next to nothing
    # (memory, unlike time, does not depend on how busy the machine is).
    assert peak < 5 * 1024 * 1024
