"""Reported contents that would run too long: where the writer's own words take over
after what was said (invented sentences)."""

from __future__ import annotations

import pytest

from bot.quotes import analyse


def _contents(text):
    return [q.text for q in analyse(text).quotes if q.kind == "indirect"]


ENDS = [
    (
        "according_to_after_a_clause_then_the_writers_tally",
        "The ferry carried more cars in July than in any month on record, according to the harbour board, "
        "the most since the bridge closed.",
        "The ferry carried more cars in July than in any month on record",
    ),
    (
        "according_to_after_a_clause_then_but",
        "The ferry carried more cars in July than in any month on record, according to the harbour board, "
        "but its fares barely covered the fuel.",
        "The ferry carried more cars in July than in any month on record",
    ),
    (
        "according_to_after_a_clause_then_a_participle",
        "The ferry carried more cars in July than in any month on record, according to the harbour board, "
        "putting the service back in profit.",
        "The ferry carried more cars in July than in any month on record",
    ),
    (
        "according_to_after_a_short_phrase_reads_on",
        "Behind the delay, according to the harbour board, was a broken crane on the north pier.",
        "Behind the delay, according to the harbour board, was a broken crane on the north pier",
    ),
    (
        "colon_then_a_quote_with_its_own_attribution",
        "Ana Ruiz said the north pier was no longer safe: “The whole deck shakes when a truck drives on,” "
        "she told the council.",
        "the north pier was no longer safe",
    ),
    (
        "colon_then_a_quoted_phrase_inside_the_content",
        "Ana Ruiz said the crews had kept one rule: “safety first” in every storm of the winter.",
        "the crews had kept one rule: “safety first” in every storm of the winter",
    ),
    (
        "object_then_the_day_it_was_announced",
        "Ana Ruiz announced her candidacy for harbour master on Monday.",
        "her candidacy for harbour master",
    ),
    (
        "object_then_the_month_it_was_echoed",
        "The harbour board echoed the mayor's promise in March.",
        "the mayor's promise",
    ),
    (
        "a_clause_keeps_its_own_day",
        "Ana Ruiz said the ferry would sail again on Monday.",
        "the ferry would sail again on Monday",
    ),
    (
        "a_past_tense_clause_keeps_its_own_month",
        "Ana Ruiz announced that the north pier reopened in June.",
        "the north pier reopened in June",
    ),
    (
        "a_dotted_abbreviation_then_a_pronoun_ends_the_sentence",
        "Ana Ruiz says the ferry line should stay in the U.S. She says the crews agree with her.",
        "the ferry line should stay in the U.S",
    ),
    (
        "the_next_sentence_has_its_own_report",
        "Ana Ruiz says the ferry line should stay in the U.S. She says the crews agree with her.",
        "the crews agree with her",
    ),
    (
        "a_dotted_abbreviation_inside_a_name_goes_on",
        "Ana Ruiz says the U.S. Senate should pay for the new ferry.",
        "the U.S. Senate should pay for the new ferry",
    ),
    (
        "object_then_the_writers_description_of_it",
        "The dockers' union railed against the harbour levy, the tax the council passed last spring.",
        "the harbour levy",
    ),
    (
        "a_clause_keeps_its_description",
        "Ana Ruiz said the levy would hurt the port, the busiest in the region.",
        "the levy would hurt the port, the busiest in the region",
    ),
    (
        "a_lone_dash_then_the_writers_description",
        "Ana Ruiz said the ferry would be sold in May – the third sale of a harbour boat in a decade.",
        "the ferry would be sold in May",
    ),
    (
        "a_lone_dash_then_what_happened_next",
        "Ana Ruiz said the ferry would be sold by the spring — then the mayor overruled her.",
        "the ferry would be sold by the spring",
    ),
    (
        "a_pair_of_dashes_is_an_aside_inside_the_content",
        "Ana Ruiz said the ferry – the oldest in the fleet – would be sold in May.",
        "the ferry – the oldest in the fleet – would be sold in May",
    ),
]


@pytest.mark.parametrize("text,content", [c[1:] for c in ENDS], ids=[c[0] for c in ENDS])
def test_content_ends_where_the_writer_takes_over(text, content):
    assert content in _contents(text)
