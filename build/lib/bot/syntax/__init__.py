"""Syntax for the quote engine: a part-of-speech tagger and a dependency parser
trained on the UD English Web Treebank, shipped as bot/syntax/model/ewt.npz
(CC BY-SA 4.0, see the licence beside it) and loaded without any download.

    from bot.syntax import load
    sent = load().parse(text, start, end)
    sent.words[i], sent.tags[i], sent.heads[i], sent.labels[i]
"""

from __future__ import annotations

from bot.syntax.analysis import Sentence, Syntax, load

__all__ = ["Sentence", "Syntax", "load"]
