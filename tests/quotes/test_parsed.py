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


def test_the_content_is_the_whole_complement_clause():
    text = "Harbour master Ana Ruiz said the ferry would run twice a day until the bridge is repaired."
    assert _reported(text) == [("the ferry would run twice a day until the bridge is repaired", "Ana Ruiz")]


def test_a_clause_joined_after_the_complement_stays_out():
    text = "Finance minister Jane Roe said taxes would fall next year, and markets rose."
    assert _reported(text) == [("taxes would fall next year", "Jane Roe")]


def test_a_phrase_that_still_belongs_to_the_clause_is_kept():
    text = "Ana Ruiz said the repairs would start in May, despite the storm damage to the harbour."
    assert _reported(text) == [("the repairs would start in May, despite the storm damage to the harbour", "Ana Ruiz")]


def test_a_relative_clause_after_the_content_is_the_outlets():
    text = "Ana Ruiz said she backed the plan, which the council rejected last year."
    assert [c for c, _ in _reported(text)] == [c for c, _ in _rules(text)]


def test_according_to_before_the_content():
    text = "According to the port authority, two cranes were damaged in the storm."
    contents = [q.text for q in analyse_parsed(text).quotes if q.kind == "indirect"]
    assert contents == ["two cranes were damaged in the storm"]


def test_according_to_after_the_content():
    text = "Two cranes were damaged in the storm, according to the port authority."
    contents = [q.text for q in analyse_parsed(text).quotes if q.kind == "indirect"]
    assert contents == ["Two cranes were damaged in the storm"]


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
    text = "Ana Ruiz said the repairs would start in May, despite the storm damage to the harbour."
    assert [q.text for q in without.analyse(text).quotes] == [q.text for q in analyse(text).quotes]
