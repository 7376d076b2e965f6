"""A name given in quotation marks: "called the plan “a joke” and left".

After a naming cue ("called", "described … as", "dubbed") the quoted words are the
label the speaker gave, and the label is where what they said ends: the words after
the closing mark are the outlet's again ("… and left the room"). The reported clause
read by the forward rule runs to the end of the sentence; this cuts it at the
label's closing mark when the label comes soon after the cue and a comma closes it
("called the deal “a disaster,” a word …"); a label the sentence goes on to describe
("called him a “liar” who …", "… “a step” toward …") is still part of the content.
"""

from __future__ import annotations

import bisect

from bot.quotes.lexicon import LABEL_CUES
from bot.quotes.marks import QuoteSpan
from bot.quotes.raw import Raw

# The object between the cue and the label is short: "called the minister “…”",
# "described herself as “…”"; a label further on belongs to another clause.
_MAX_OBJECT_WORDS = 8


def end_at_label(text: str, quotes: list[QuoteSpan], records: list[Raw]) -> list[Raw]:
    opens = [q.open for q in quotes]
    return [_cut(text, quotes, opens, r) if _naming(r) else r for r in records]


def _naming(r: Raw) -> bool:
    return r.kind == "indirect" and (r.cue or "").lower() in LABEL_CUES


def _cut(text: str, quotes: list[QuoteSpan], opens: list[int], r: Raw) -> Raw:
    k = bisect.bisect_left(opens, r.start)
    if k == len(quotes):
        return r
    q = quotes[k]
    if q.close >= r.end or len(text[r.start : q.open].split()) > _MAX_OBJECT_WORDS:
        return r
    if text[q.end - 1 : q.end] != "," and text[q.close : q.close + 1] != ",":
        return r  # "called him a “liar” who …": the words after the label still describe it
    return r._replace(end=q.close)
