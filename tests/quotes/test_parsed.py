"""The parsed analyser (ANALYSER=parsed): reported speech bounded by the parse.

Invented sentences in the style of the seed article.
"""

from __future__ import annotations

import pytest

from bot.quotes import analyse
from bot.quotes.analyser import analyser_named
from bot.quotes.parsed import ParsedAnalyser


def analyse_parsed(text):
    return ParsedAnalyser().analyse(text)


def _reported(text):
    return [(q.text, q.speaker) for q in analyse_parsed(text).quotes if q.kind == "indirect"]


def _rules(text):
    return [(q.text, q.speaker) for q in analyse(text).quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    "text",
    [
        "Harbour master Ana Ruiz said the ferry would run twice a day until the bridge is repaired.",
        "Ana Ruiz said the repairs would start in May, despite the storm damage to the harbour.",
        "Ana Ruiz said she backed the plan, which the council rejected last year.",
        "According to the port authority, two cranes were damaged in the storm.",
        "Two cranes were damaged in the storm, according to the port authority.",
    ],
)
def test_the_rules_draw_the_edges_of_reported_speech(text):
    # the parse's clause lost to the rules' span on every edge measured (module docstring)
    assert _reported(text) == _rules(text)
    assert _reported(text)


def test_a_reporting_verb_the_rules_miss_is_read_from_the_parse():
    text = "Tom Baker is telling guests at the harbour gala how he saved the old ferry terminal."
    assert _rules(text) == []
    assert _reported(text) == [("how he saved the old ferry terminal", "Tom Baker")]


def test_a_passive_speech_verb_has_no_speaker_to_add():
    text = "It was announced on Monday that the ferry to the islands would stop running in winter."
    assert _reported(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ana Ruiz has never said she would close the harbour to the fishing fleet.",
        "The port authority would not say whether the damaged cranes had been insured.",
    ],
)
def test_a_negated_speech_verb_reports_nothing(text):
    assert _reported(text) == []


def test_a_quote_nested_in_reported_speech_stays_a_partial_of_the_same_speaker():
    text = "Ana Ruiz said the repairs were “long overdue” and would start in May."
    quotes = analyse_parsed(text).quotes
    partial = [q for q in quotes if q.kind == "partial"]
    assert [(q.text, q.speaker) for q in partial] == [("long overdue", "Ana Ruiz")]
    indirect = [q for q in quotes if q.kind == "indirect"]
    assert [q.speaker for q in indirect] == ["Ana Ruiz"]
    assert indirect[0].start <= partial[0].start and partial[0].end <= indirect[0].end


def test_direct_quotes_are_left_as_the_rules_find_them():
    text = "“We will reopen on Monday,” said harbour master Ana Ruiz."
    assert [(q.kind, q.text, q.speaker) for q in analyse_parsed(text).quotes] == [
        (q.kind, q.text, q.speaker) for q in analyse(text).quotes
    ]


def test_the_setting_names_the_analyser():
    assert analyser_named("parsed").name == "parsed"
    assert "parsed-clauses" in [p.name for p in analyser_named("parsed").passes]
    assert "parsed-clauses" not in [p.name for p in analyser_named("rules").passes]
    with pytest.raises(ValueError, match="not available"):
        analyser_named("neural")


def test_the_parsed_pass_can_be_left_out_by_name():
    without = ParsedAnalyser().without("parsed-clauses")
    text = "Tom Baker is telling guests at the harbour gala how he saved the old ferry terminal."
    assert [q.text for q in without.analyse(text).quotes] == [q.text for q in analyse(text).quotes] == []
