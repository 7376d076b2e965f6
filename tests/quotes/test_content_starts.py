"""Where a reported content starts when words stand between the cue and the clause
(invented sentences): an adjunct of the cue, the clause's own "that", a verb's particle,
the listener of "told" or "warned"."""

from __future__ import annotations

import pytest

from bot.quotes import analyse


def _spans(text):
    return [text[q.start : q.end] for q in analyse(text).quotes if q.kind == "indirect"]


def _texts(text):
    return [q.text for q in analyse(text).quotes if q.kind == "indirect"]


STARTS = [
    (
        "adverb_goes_with_the_cue",
        "The harbour master has said repeatedly that the ferry will run all winter.",
        "that the ferry will run all winter",
    ),
    (
        "time_phrase_goes_with_the_cue",
        "The port authority has said for months that the toll will stay until spring.",
        "that the toll will stay until spring",
    ),
    (
        "years_before_an_infinitive",
        "The harbour board has declined for years to publish the accounts of the port.",
        "to publish the accounts of the port",
    ),
    (
        "listener_and_day_go_with_the_cue",
        "Harbour master Dana Reyes warned the crews on Friday that the toll would rise again in March.",
        "that the toll would rise again in March",
    ),
    (
        "listener_of_a_participle",
        "The port authority sent out a notice reminding skippers that the channel closes at dusk.",
        "that the channel closes at dusk",
    ),
    (
        "listener_before_how",
        "Dana Reyes told local radio host Pedro Lind on Friday how the cranes had failed.",
        "how the cranes had failed",
    ),
    (
        "particle_goes_with_the_cue",
        "Union leader Pedro Lind called out the harbour board for the late wages.",
        "the harbour board for the late wages",
    ),
]


@pytest.mark.parametrize(("text", "content"), [c[1:] for c in STARTS], ids=[c[0] for c in STARTS])
def test_content_starts_at_the_clause(text, content):
    assert content in _spans(text)


def test_the_shown_words_lose_only_the_cue_s_adverb():
    text = "The harbour master has said repeatedly that the ferry will run all winter."
    assert _texts(text) == ["the ferry will run all winter"]


def test_a_that_before_the_clause_joins_the_span_not_the_shown_words():
    text = "The union said the toll was “a disgrace,” adding that the board had never asked the crews."
    analysis = analyse(text)
    q = [q for q in analysis.quotes if q.kind == "indirect"][-1]
    assert text[q.start : q.end] == "that the board had never asked the crews"
    assert q.text == "the board had never asked the crews"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # "only if" is the condition itself, not how it was said
        ("Ana Ruiz said only if the board pays will the crews return.", "only if the board pays"),
        # the day the clause is about, not the day it was said
        ("Ana Ruiz said the day that the ferry sank was the worst of her life.", "the day that the ferry sank"),
        # "now that" opens the clause
        ("Ana Ruiz said now that the port is open, ships will come back.", "now that the port is open"),
    ],
)
def test_words_of_the_content_itself_stay(text, content):
    assert any(s.startswith(content) for s in _spans(text))
