"""Rules that must not fire: non-attributions and wrong speakers (invented sentences)."""

from __future__ import annotations

import pytest

from bot.quotes import analyse


def _indirect(text):
    return [q for q in analyse(text).quotes if q.kind == "indirect"]


@pytest.mark.parametrize("text", [
    "The council did not reply to the letter, and the mayor went ahead with the vote anyway.",
    "Contributing: Jane Example.\n\nThe vote is on Friday.",
    "Twitter: @someone_invented\n\nThe vote is on Friday.",
    "The Latest: Harbour strike ends after three long weeks\n\nThe vote is on Friday.",
])
def test_not_attributions(text):
    assert _indirect(text) == []


def test_said_then_when_clause_is_not_content():
    text = "“Certainly,” she said when asked by a reporter about the new harbour toll."
    assert all("when asked" not in q.text for q in analyse(text).quotes)


def test_title_dot_does_not_end_an_object():
    qs = _indirect("The union has endorsed Mr. Varga for the harbour board this spring.")
    assert all(q.text != "Mr" for q in qs)
