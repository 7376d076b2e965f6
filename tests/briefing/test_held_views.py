"""A belief, a perception, a stance or an intention is never shown as something said,
and neither are words denied or never said.

"Reyes believes …" is the outlet's report of a view, not Reyes's words: the briefing
may show that sentence whole, cue and all, as what the outlet reports, but never as
a line of reported speech under Reyes's name. The same goes for "Varga plans to close
the bridge" and for "Brandt denied that the beams were “rusting”". Invented articles,
real engine.
"""

from __future__ import annotations

from bot.briefing.extractive import extractive_briefing
from bot.briefing.render import render_briefing
from bot.models import Analysis, Article, Quote
from bot.quotes import analyse
from bot.runtime import html_to_text
from tests.quotes.articles import BRIDGE_DEEDS, BRIDGE_NOT_SAID, FERRY_VIEWS

TEXT = FERRY_VIEWS
REPORTED = "🗣 Reported, not quoted"
ON_RECORD = "💬 On the record"
HELD_WORDS = (
    "the ferry company will raise its prices again",
    "the old ferry ran aground",
    "traffic will recover by the autumn",
)


def _briefing(analysis: Analysis, text: str = TEXT) -> str:
    article = Article(url="https://ledger.example.net/a", text=text, title=text.split("\n")[0], outlet="Coastal Ledger")
    article.analysis = analysis
    return html_to_text(render_briefing(extractive_briefing(article)))


def _reported_section(briefing: str) -> str:
    return _section(briefing, REPORTED)


def _section(briefing: str, heading: str) -> str:
    return briefing.split(heading, 1)[1].split("\n\n", 1)[0] if heading in briefing else ""


def test_only_words_said_are_listed_as_reported_speech():
    briefing = _briefing(analyse(TEXT))
    reported = _reported_section(briefing)
    assert "Dana Reyes, Harbour master, said the new toll would pay for dredging the northern channel" in reported
    for words in HELD_WORDS:
        assert words not in reported, briefing


def test_a_belief_appears_only_as_the_outlet_s_sentence_with_its_own_cue():
    briefing = _briefing(analyse(TEXT))
    for line in briefing.splitlines():
        if "the ferry company will raise its prices again" in line:
            assert "Reyes believes the ferry company" in line, line


def test_a_record_marked_held_is_left_out_whatever_its_cue_word():
    # a cue no word list knows ("holds"), marked by the engine as cognition
    words = "the ferry company will raise its prices again before the summer"
    start = TEXT.index(words)
    held = Quote("indirect", words, start, start + len(words), "Dana Reyes", cue="holds", cue_kind="cognition")
    said = Quote("indirect", words, start, start + len(words), "Dana Reyes", cue="holds", cue_kind="verb")
    assert words not in _reported_section(_briefing(Analysis((held,))))
    # the same record marked as said would be listed: the kind decides
    assert words in _reported_section(_briefing(Analysis((said,))))


def test_aims_decisions_and_words_denied_appear_only_in_the_outlet_s_sentences():
    briefing = _briefing(analyse(BRIDGE_DEEDS), BRIDGE_DEEDS)
    assert "Ilse Varga, Mayor, said the bridge would reopen before the summer" in _reported_section(briefing)
    sentences = BRIDGE_DEEDS.splitlines()
    for line in briefing.splitlines():
        if any(words in line for words in BRIDGE_NOT_SAID):
            # "• Varga plans to close the bridge …": the outlet's own sentence, cue and all
            assert line.removeprefix("• ") in sentences, briefing
    # the quoted words Brandt denied are not his on the record
    assert "rusting through" not in _section(briefing, ON_RECORD), briefing
