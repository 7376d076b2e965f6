"""Stances with a noun-phrase object: a vote, a raised doubt, an endorsement.
What was backed is the object alone, without the time the act happened."""

from __future__ import annotations

import pytest

from bot.quotes import analyse


def _indirect(text):
    return [(q.text, q.speaker) for q in analyse(text).quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    "text,content,speaker",
    [
        (
            "Councillor Omar Lind has raised doubts about the ferry contract.",
            "the ferry contract",
            "Omar Lind",
        ),
        # the time dates the act, it is not what was backed
        ("Mayor Dana Reyes endorsed Omar Lind last week.", "Omar Lind", "Dana Reyes"),
        ("Senator Ada Brown endorsed the harbour plan Tuesday.", "the harbour plan", "Ada Brown"),
        ("Tomas Berg endorsed the bridge plan this year.", "the bridge plan", "Tomas Berg"),
    ],
    ids=["raised_doubts_about", "last_week", "bare_weekday", "this_year"],
)
def test_stance_object(text, content, speaker):
    found = _indirect(text)
    assert (content, speaker) in found, found


@pytest.mark.parametrize(
    "text",
    [
        # the noun: a vote is counted, nobody takes a stance here
        "The harbour master was the deciding vote for the new pier.",
        "Ystad cast twelve votes for its own mayor at the convention.",
        # the verb: a vote is a deed, not words a briefing could paraphrase
        "Among harbour workers, 41 percent would vote for Dana Reyes.",
        "Three fishermen voted against the new toll.",
        "Tomas Berg voted for the bridge this year.",
    ],
)
def test_a_vote_reports_nothing(text):
    assert _indirect(text) == []


@pytest.mark.parametrize(
    "text,content,speaker",
    [
        # "this" opens the content unless a time follows it
        (
            "Dana Reyes says this is only a rough patch for the port.",
            "this is only a rough patch for the port",
            "Dana Reyes",
        ),
        ("Dana Reyes said this morning the ferry would run again.", "the ferry would run again", "Dana Reyes"),
        ("Omar Lind said last week the strike was over.", "the strike was over", "Omar Lind"),
        # the listener is a plural noun a delegate count also uses
        ("Omar Lind told delegates that the harbour plan was dead.", "the harbour plan was dead", "Omar Lind"),
        # a phrase that names no venue belongs to what was said
        (
            "Dana Reyes said in fishing it takes years to earn trust.",
            "in fishing it takes years to earn trust",
            "Dana Reyes",
        ),
        # an accusation is still reported
        ("Omar Lind charged that the toll was illegal.", "the toll was illegal", "Omar Lind"),
        # a poll's group "is more likely to say": the group says it
        (
            "Young fishermen were slightly more likely to say the toll is unfair.",
            "the toll is unfair",
            "Young fishermen",
        ),
    ],
    ids=[
        "says_this",
        "said_this_morning",
        "said_last_week",
        "told_delegates",
        "said_in_x_it",
        "charged_that",
        "more_likely_to_say",
    ],
)
def test_where_the_clause_starts(text, content, speaker):
    found = _indirect(text)
    assert (content, speaker) in found, found


@pytest.mark.parametrize(
    "text",
    [
        # a criminal charge or a price: nothing was said
        "The fisherman was later charged with assault at the pier.",
        "The marina charged a fee of forty crowns for every night.",
        # a deed, not words
        "Dana Reyes won the harbour vote on Sunday, claiming victory in all three wards.",
        # the time is no content of a remark that has none
        "Omar Lind said last year was the worst for the fleet.",
    ],
)
def test_deeds_report_nothing(text):
    assert _indirect(text) == []
