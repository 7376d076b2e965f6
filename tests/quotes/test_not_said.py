"""Cue words read where nothing was said: no reported-speech record (invented sentences)."""

from __future__ import annotations

import pytest

from bot.quotes import analyse
from bot.quotes.analyser import RulesAnalyser


def _indirect(text, analyser=None):
    analysis = analyser.analyse(text) if analyser else analyse(text)
    return [q for q in analysis.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "aside"),
    [
        (
            "The harbour plan was endorsed by the fishermen's union, the largest in the county.",
            "the largest in the county",
        ),
        (
            "Her remarks were quickly mocked by rival councillors, including the deputy mayor of Eastport.",
            "including the deputy mayor",
        ),
        (
            "The toll has been widely criticized by shop owners, who lose trade on market days.",
            "who lose trade",
        ),
    ],
)
def test_a_passive_agent_and_its_aside_are_not_what_was_said(text, aside):
    assert all(aside not in q.text for q in _indirect(text))


def test_a_passive_with_that_still_reports():
    qs = _indirect("The mayor was told by harbour officials that the pier would close in May.")
    assert [q.text for q in qs] == ["the pier would close in May"]


def test_an_active_agent_phrase_still_leads_to_the_content():
    qs = _indirect("Dana Reyes said by phone on Monday that the pier would close in May.")
    assert [(q.speaker, q.text) for q in qs] == [("Dana Reyes", "the pier would close in May")]


@pytest.mark.parametrize(
    "text",
    [
        '"I don\'t believe in miracles," Marta Lind said. "We have a strong fleet, but that is not enough."',
        '“I fundamentally disagree," said retired Admiral Tomas Berg, who served in the fleet for years.',
        "Boats will need solid backing by the harbour board, analysts say.",
        "With that issue unresolved, the port has not been using weather reports, harbour officials said.",
        "The old ferry, which the council once supported (and which the union opposes), sank.",
    ],
)
def test_an_attribution_or_a_bracket_is_never_the_content(text):
    # the only reported record allowed is a real one, whose words are not "X said"
    for q in _indirect(text):
        words = q.text.lower().strip(' .,“”"').split()
        assert words and words[-1] not in ("said", "say") and words[0] not in ("said", "say")
        assert any(c.isalnum() for c in q.text)


def test_the_tail_attribution_itself_is_kept():
    text = "Boats will need solid backing by the harbour board, analysts say."
    assert [(q.speaker, q.text) for q in _indirect(text)] == [
        ("analysts", "Boats will need solid backing by the harbour board")
    ]


def test_the_guard_is_a_pass_that_can_be_left_out():
    text = '“I fundamentally disagree," said retired Admiral Tomas Berg, who served in the fleet for years.'
    without = _indirect(text, RulesAnalyser().without("not-said"))
    assert any("said retired Admiral" in q.text for q in without)
    assert not any("said retired Admiral" in q.text for q in _indirect(text))


def test_founding_is_not_finding():
    text = "Ever since Dana Reyes helped found the harbour trust in 2009, the pier has stayed open."
    assert _indirect(text) == []


def test_found_is_still_a_finding():
    qs = _indirect("The harbour audit found that the pier needs new pilings before winter.")
    assert [q.text for q in qs] == ["the pier needs new pilings before winter"]


@pytest.mark.parametrize(
    "text",
    [
        "The ferry is one of the town's most promising links to the mainland.",
        "A pension with more guaranteed income would help the older fishermen.",
        "She is the councillor most identified with the new pier, and the vote is on Friday.",
    ],
)
def test_a_graded_participle_is_a_description(text):
    assert _indirect(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Here are the harbour stories that will be talked about today:",
        "It is a toll the union has pushed for months, and the vote is on Friday.",
    ],
)
def test_a_content_that_is_only_a_time_is_not_what_was_said(text):
    assert _indirect(text) == []


def test_a_content_about_a_time_is_still_reported():
    qs = _indirect("The harbour master said the ferry would run late today.")
    assert [q.text for q in qs] == ["the ferry would run late today"]
