"""Words denied or never said are found, marked, and never taken for what was said.

"Brandt denied that the beams were rusting" and "Brandt never claimed the bridge was
unsafe" are attributions to the corpus, so `analyze --json` keeps them with their kind;
but their content is the opposite of what Brandt said, so `Quote.said` is False.
"""

from __future__ import annotations

import pytest

from bot.quotes import analyse
from tests.quotes.articles import BRIDGE_DEEDS, BRIDGE_NOT_SAID, BRIDGE_SAID


def _records(sentence: str) -> list[tuple[str, str | None, str | None, bool]]:
    return [(q.text, q.speaker, q.cue_kind, q.said) for q in analyse(sentence).quotes]


@pytest.mark.parametrize(
    "sentence",
    [
        "Paul Brandt never claimed the old bridge was unsafe.",
        "Paul Brandt did not claim that the old bridge was unsafe.",
        "Paul Brandt has never once claimed the old bridge was unsafe.",
        "Paul Brandt didn't suggest that the old bridge was unsafe.",
        "Paul Brandt failed to mention that the old bridge was unsafe.",
        "Paul Brandt has yet to confirm that the old bridge was unsafe.",
    ],
)
def test_a_claim_never_made_is_not_said(sentence):
    assert _records(sentence) in ([], [("the old bridge was unsafe", "Paul Brandt", "negated", False)])


def test_a_claim_never_made_after_its_words_is_not_said():
    text = "The old bridge was unsafe, Paul Brandt did not claim."
    assert _records(text) == [("The old bridge was unsafe", "Paul Brandt", "negated", False)]


def test_not_saying_leaves_nothing_said():
    for text in ("Paul Brandt did not say that the old bridge was unsafe.", "Brandt has never said it was unsafe."):
        assert all(not said for *_, said in _records(text)), text


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("Paul Brandt denied that the steel beams were rusting.", "the steel beams were rusting"),
        ("Paul Brandt rejected claims that the steel beams were rusting.", "claims that the steel beams were rusting"),
    ],
)
def test_words_denied_are_not_said(sentence, words):
    assert _records(sentence) == [(words, "Paul Brandt", "denial", False)]


def test_a_quoted_phrase_inside_a_denial_is_not_the_speaker_s_words():
    text = "Paul Brandt denied that the steel beams were “rusting through after forty winters.”"
    partial = [r for r in _records(text) if r[0] == "rusting through after forty winters"]
    assert partial == [("rusting through after forty winters", "Paul Brandt", "denial", False)]


def test_neither_confirmed_nor_denied_is_not_said():
    text = "Paul Brandt would neither confirm nor deny that the steel beams were rusting."
    assert not any(said for *_, said in _records(text))


def test_a_claim_made_yet_again_is_said():
    text = "Paul Brandt yet again claimed the old bridge was unsafe."
    assert _records(text) == [("the old bridge was unsafe", "Paul Brandt", "verb", True)]


def test_a_negation_in_another_clause_leaves_the_claim_said():
    for text in (
        "Paul Brandt, who did not attend the meeting, claimed the old bridge was unsafe.",
        "Paul Brandt, who failed to win a seat last year, claimed the old bridge was unsafe.",
    ):
        assert _records(text) == [("the old bridge was unsafe", "Paul Brandt", "verb", True)], text


def test_a_denial_in_the_speaker_s_own_quoted_words_is_said():
    text = "“We never let the beams rust,” Paul Brandt denied."
    assert _records(text) == [("We never let the beams rust,", "Paul Brandt", "verb", True)]


def test_a_belief_denied_stays_a_belief():
    assert _records("Paul Brandt does not believe the old bridge is safe.") == [
        ("the old bridge is safe", "Paul Brandt", "cognition", False)
    ]


def test_in_a_whole_article_only_words_said_are_said():
    quotes = analyse(BRIDGE_DEEDS).quotes
    said = [q.text for q in quotes if q.said]
    assert [w for w in BRIDGE_SAID if not any(w in s for s in said)] == []
    assert [w for w in BRIDGE_NOT_SAID if any(w in s for s in said)] == []
    # the corpus counts them all: every one is still found
    found = " | ".join(q.text for q in quotes)
    assert all(w in found for w in BRIDGE_SAID + BRIDGE_NOT_SAID)
