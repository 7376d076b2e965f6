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
        # a share of a poll votes as people do
        (
            "Among harbour workers, 41 percent would vote for Dana Reyes.",
            "Dana Reyes",
            "41 percent",
        ),
        ("Three fishermen voted against the new toll.", "the new toll", "Three fishermen"),
        (
            "Councillor Omar Lind has raised doubts about the ferry contract.",
            "the ferry contract",
            "Omar Lind",
        ),
        # the time dates the act, it is not what was backed
        ("Mayor Dana Reyes endorsed Omar Lind last week.", "Omar Lind", "Dana Reyes"),
        ("Senator Ada Brown endorsed the harbour plan Tuesday.", "the harbour plan", "Ada Brown"),
        ("Tomas Berg voted for the bridge this year.", "the bridge", "Tomas Berg"),
    ],
    ids=["would_vote_for", "voted_against", "raised_doubts_about", "last_week", "bare_weekday", "this_year"],
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
    ],
)
def test_the_noun_vote_reports_nothing(text):
    assert _indirect(text) == []
