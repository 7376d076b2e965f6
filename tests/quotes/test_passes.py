"""The engine as a list of named passes and a table of reported-speech rules:
leaving one out, adding one, and the cue's kind each record carries."""

from __future__ import annotations

import pytest

from bot.quotes import analyse
from bot.quotes.analyser import RulesAnalyser, analyser_named, part_names
from bot.quotes.engine import PASSES, Pass, with_pass
from bot.quotes.reported import RULES

TEXT = (
    "The port authority met on Tuesday.\n"
    "Harbour master Dana Reyes said that the new toll would stay until spring.\n"
    "“We have no other way to pay for the dredging,” Reyes told reporters.\n"
    "According to the dock workers' union, inspections took two days.\n"
    "The union criticised the toll, saying it would drive ships to Gdansk.\n"
    "Shipping agents are confident that traffic will recover by the summer."
)


def _kinds(analysis) -> dict[str, tuple[str, str | None]]:
    return {q.text: (q.kind, q.cue_kind) for q in analysis.quotes}


def test_every_pass_and_rule_has_its_own_name():
    names = part_names(RulesAnalyser())
    assert len(names) == len(set(names)) == len(PASSES) + len(RULES)


def test_the_rules_analyser_is_the_engine():
    assert RulesAnalyser().analyse(TEXT) == analyse(TEXT)


def test_each_record_carries_its_cue_kind():
    kinds = _kinds(analyse(TEXT))
    assert kinds["the new toll would stay until spring"] == ("indirect", "verb")
    assert kinds["We have no other way to pay for the dredging,"] == ("direct", "verb")
    assert kinds["inspections took two days"] == ("indirect", "according")
    assert kinds["it would drive ships to Gdansk"] == ("indirect", "participle")
    assert kinds["traffic will recover by the summer"] == ("indirect", "stance")  # a view held (bot.quotes.held)


def test_leaving_out_a_rule_loses_only_what_it_finds():
    full = _kinds(analyse(TEXT))
    without = _kinds(RulesAnalyser().without("according-to").analyse(TEXT))
    assert "inspections took two days" not in without
    assert {t: k for t, k in full.items() if t != "inspections took two days"} == without


def test_leaving_out_a_pass_changes_the_records():
    # without the quote pass nothing in quotation marks is attributed
    without = RulesAnalyser().without("quotes").analyse(TEXT)
    assert {q.kind for q in without.quotes} == {"indirect"}


def test_an_unknown_name_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="no pass or rule named 'guess'.*speech-verb"):
        RulesAnalyser().without("guess")


def test_a_pass_added_after_another_sees_its_records():
    seen: list[int] = []

    def count(page, records):
        seen.append(len(records))
        return records

    passes = with_pass(PASSES, Pass("count", count), after="reported")
    assert [p.name for p in passes].index("count") == 1
    RulesAnalyser(passes).analyse(TEXT)
    assert seen and seen[0] >= 4  # the reported-speech finds so far
    with pytest.raises(ValueError):
        with_pass(PASSES, Pass("count", count), after="no-such-pass")


def test_an_analyser_this_build_lacks_is_a_one_line_error():
    assert analyser_named("rules").name == "rules"
    with pytest.raises(ValueError, match="ANALYSER=nonsense is not available") as raised:
        analyser_named("nonsense")
    assert "\n" not in str(raised.value)


def test_a_partial_quote_goes_with_the_clause_it_took_its_speaker_from():
    text = "The port met.\nHarbour master Dana Reyes said the toll would stay “for as long as it takes” this year."

    def drop_clauses(page, records):
        return [r for r in records if r.kind != "indirect"]

    dropping = with_pass(PASSES, Pass("drop-clauses", drop_clauses), after="inside-quotes")
    kinds = [q.kind for q in RulesAnalyser(dropping).analyse(text).quotes]
    assert kinds == []  # the clause went, so its partial quote went too
    kinds = [q.kind for q in RulesAnalyser(dropping).without("orphan-partials").analyse(text).quotes]
    assert kinds == ["partial"]
    assert sorted(q.kind for q in analyse(text).quotes) == ["indirect", "partial"]
