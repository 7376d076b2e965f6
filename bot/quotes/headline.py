"""Headline and label attributions: "Paul Ryan: FBI Decision Defies Explanation".

News headlines and interview transcripts put the speaker first and a colon
before their words. Only short lines whose label is a name-like run of
capitalised words count, so "Updated: 5 p.m." or a sentence with a colon in
the middle does not.
"""

from __future__ import annotations

import re

from bot.quotes.mentions import Mention
from bot.quotes.raw import Raw

# Label: 1-4 capitalised words (initials and hyphens allowed), then ": ".
# Bounded repetition and one pass per line keep it linear.
# A transcript paragraph may open with the quotation mark that runs over paragraphs
# ("“HOST: Let us start …"): the label follows it.
_LABEL = re.compile(r"[\"“]?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}): +(\S)")
_MAX_LINE = 300
# Labels that introduce metadata or a section, not a speaker.
_NOT_SPEAKERS = frozenset(
    """photo photos video image source sources updated update read watch
related editor's note correction note listen see also by credit caption posted published tags
advertisement share click contact email subscribe follow transcript q watch live breaking
contributing contributors twitter latest revealed so byline wow look boom bombshell leaked paid
busted exclusive""".split()
)


# Title-cased function words: "Stealth Over Health: …" is a headline's own
# phrase before its colon, not a speaker's name
_PHRASE_WORDS = frozenset("over of the to in for and on at with a an is are was from into".split())


def _is_speaker_label(label: str) -> bool:
    words = [w.strip(".'’") for w in label.lower().split()]
    if len(words) > 1 and any(w in _PHRASE_WORDS for w in words[1:]):
        return False
    return not any(w in _NOT_SPEAKERS for w in words) and not label.isdigit()


def transcript_label(label: str) -> bool:
    """ "HOST", "DANA REYES": a transcript names its speakers in capitals, and their
    turns run long; any other label stays on a short line."""
    return label.isupper() and sum(c.isalpha() for c in label) >= 3


def find_labelled(text: str) -> list[Raw]:
    """One Raw per "Label: words" line; the content runs to the line's end."""
    out: list[Raw] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if end > pos:
            m = _LABEL.match(text, pos, end)
            if m and _is_speaker_label(m.group(1)) and (end - pos <= _MAX_LINE or transcript_label(m.group(1))):
                a, b = m.start(2), end
                while b > a and (text[b - 1].isspace() or text[b - 1] in ".;"):
                    b -= 1
                if b - a >= 8:
                    who = Mention(m.group(1), m.start(1), m.end(1), None, "person")
                    out.append(Raw("indirect", a, b, who, ":", None, "label"))
        pos = end + 1
    return out
