"""The outlet's own framing: distancing words, loaded words, comments.

Only words outside quotation marks count: inside the marks they are the
speaker's, not the outlet's.
"""

from __future__ import annotations

import re

from bot.models import Framing

_DISTANCING = (
    "allegedly",
    "alleged",
    "so-called",
    "so called",
    "purported",
    "purportedly",
    "supposedly",
    "supposed",
    "self-proclaimed",
    "self-styled",
    "dubious",
    "unverified",
    "unsubstantiated",
    "baseless",
    "claimed",
    "what he called",
    "what she called",
    "what they called",
)
_LOADED = (
    "regime",
    "junta",
    "puppet",
    "puppets",
    "propaganda",
    "mouthpiece",
    "henchmen",
    "cronies",
    "thugs",
    "invaders",
    "occupiers",
    "terrorist",
    "terrorists",
    "notorious",
    "infamous",
    "slammed",
    "blasted",
    "ranted",
    "raged",
    "boasted",
    "bragged",
    "lashed out",
    "scathing",
    "disgraceful",
    "extremist",
    "extremists",
    "fascist",
    "fascists",
    "nazi",
    "nazis",
)


def _words_re(words) -> re.Pattern[str]:
    alts = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s") for w in words), key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})\b", re.IGNORECASE)


_DIST_RE = _words_re(_DISTANCING)
_LOAD_RE = _words_re(_LOADED)
# ", but he did not say which ones" / "without providing evidence"
_COMMENT_RE = re.compile(
    r"\b(?:but|though|although|however)\s+(?:he|she|they|it|the\s+\w+|\w+)\s+"
    r"(?:did\s+not|didn['’]t|does\s+not|doesn['’]t|has\s+not|hasn['’]t|would\s+not|wouldn['’]t|declined\s+to|refused\s+to)\s+"
    r"(?:say|specify|explain|elaborate|provide|give|offer|name|clarify|cite|disclose|detail|present|show)\b[^.!?\n]{0,200}"
    r"|\bwithout\s+(?:providing|offering|giving|citing|presenting|showing)\s+(?:any\s+)?(?:evidence|details|proof|specifics)\b"
    r"|\b(?:provided|offered|gave|cited)\s+no\s+(?:evidence|details|proof)\b[^.!?\n]{0,100}",
    re.IGNORECASE,
)


def find_framing(text: str, inside_quote) -> list[Framing]:
    """Framing records outside quotes; inside_quote(pos) tells if pos is quoted."""
    out: list[Framing] = []
    for kind, rx in (("comment", _COMMENT_RE), ("distancing", _DIST_RE), ("loaded", _LOAD_RE)):
        for m in rx.finditer(text):
            if inside_quote(m.start()):
                continue
            start = m.start()
            if kind == "comment" and text[start : start + 4].lower() in ("but ", "thou", "alth", "howe"):
                start = start + text[start:].index(" ") + 1  # the comment is the clause after "but"
            out.append(Framing(text[start : m.end()], start, m.end(), kind))
    out.sort(key=lambda f: (f.start, f.end))
    return out
