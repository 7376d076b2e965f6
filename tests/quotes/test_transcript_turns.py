"""A transcript whose turns each open with the quotation mark that runs over paragraphs
("“HOST: …", "“REYES: …"): the capitalised label names who speaks in that turn, even when
the turn holds cue words of its own. Invented transcript."""

from __future__ import annotations

from bot.quotes import analyse

_TRANSCRIPT = (
    "The mayor spoke to Radio Lund on Sunday. Partial transcript as follows:\n\n"
    '"HOST: Let us start with the ferry strike. Will the boats run on Monday?\n\n'
    '"REYES: The boats will run on Monday, and the crews will be paid in full.\n\n'
    '"HOST: And the night ferry?\n\n'
    '"REYES: Well, you know, the night ferry will wait until spring, as I said to the board.'
)


def _said() -> dict[str, str | None]:
    return {q.text: q.speaker for q in analyse(_TRANSCRIPT).quotes}


def test_each_turn_is_said_by_its_label():
    got = _said()
    assert got["The boats will run on Monday, and the crews will be paid in full"] == "REYES"
    assert got["Let us start with the ferry strike. Will the boats run on Monday?"] == "HOST"


def test_a_turn_with_cue_words_inside_is_still_the_speakers_turn():
    got = _said()
    assert got["Well, you know, the night ferry will wait until spring, as I said to the board"] == "REYES"


def test_a_quotation_opening_with_a_word_and_a_colon_is_no_turn():
    text = "The mayor was proud of the port.\n“Lund: a town of ferries and of people who work on them,” she said."
    assert "Lund" not in {q.speaker for q in analyse(text).quotes}
