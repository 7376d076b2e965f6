"""Beliefs, perceptions, stances and intentions: found like reported speech, marked as
what they are.

The corpus annotates "X believes …", "X saw …", "X wants …" and "X plans to …" as
attributions; the engine finds them, and gives each a cue kind that says it is a view
held or an aim, not words said, so the briefing and the answers can keep them apart.
"""

from __future__ import annotations

import pytest

from bot.models import HELD_KINDS, Quote
from bot.quotes import analyse
from bot.quotes.held import held_kind
from tests.quotes.articles import FERRY_VIEWS

TEXT = FERRY_VIEWS + "Council member Omar Lind voiced support for a lower toll on weekends.\n"


def _kinds() -> dict[str, str | None]:
    return {q.text: q.cue_kind for q in analyse(TEXT).quotes}


def test_each_view_held_gets_its_class_and_words_said_stay_verbs():
    kinds = _kinds()
    assert kinds["the new toll would pay for dredging the northern channel"] == "verb"
    assert kinds["the ferry company will raise its prices again before the summer"] == "cognition"
    assert kinds["the old ferry ran aground twice last winter"] == "perception"
    assert kinds["traffic will recover by the autumn"] == "stance"
    # support voiced is something said
    assert kinds["a lower toll on weekends"] == "verb"


def test_only_held_views_are_not_said():
    said = {q.text: q.said for q in analyse(TEXT).quotes}
    assert said["the new toll would pay for dredging the northern channel"]
    assert not said["the ferry company will raise its prices again before the summer"]
    assert not said["traffic will recover by the autumn"]
    assert not Quote("indirect", "x", 0, 1, cue="wants", cue_kind="stance").said
    for kind in ("intention", "denial", "negated"):
        assert not Quote("indirect", "x", 0, 1, cue="holds", cue_kind=kind).said


@pytest.mark.parametrize(
    "cue, kind",
    [
        ("thinks", "cognition"),
        ("figured", "cognition"),
        ("is aware", "cognition"),
        ("heard", "perception"),
        ("hopes", "stance"),
        ("has endorsed", "stance"),
        ("critical", "stance"),
        ("plans", "intention"),
        ("is seeking", "intention"),
        ("declined", "intention"),
        ("has refused", "intention"),
        ("decided", "intention"),
        ("ordered", "intention"),
        ("agreed", "stance"),
        ("said", None),
        ("vowed", None),
        ("promised", None),
        ("took aim at", None),
        ("expressed support", None),
        ("according to", None),
    ],
)
def test_the_cue_word_decides_the_class(cue, kind):
    assert held_kind(cue) == kind
    assert kind is None or kind in HELD_KINDS


@pytest.mark.parametrize(
    "sentence, outer",
    [
        (
            "Dana Reyes defended the toll, saying she had not asked for it because she believed "
            "the old pier could be repaired.",
            "she had not asked for it because she believed the old pier could be repaired",
        ),
        (
            "The harbour master says the board should act now and that she hopes the ferry company "
            "will lower its prices.",
            "the board should act now and that she hopes the ferry company will lower its prices",
        ),
    ],
)
def test_a_view_inside_words_said_is_part_of_them(sentence, outer):
    quotes = analyse(sentence).quotes
    assert outer in [q.text for q in quotes]
    assert all(q.said for q in quotes), [(q.cue, q.text) for q in quotes]


def test_a_view_inside_a_noun_s_run_on_content_stays():
    # "His promises to …" is no report of words that could hold the auditors' view
    text = "His promises to cut the toll notwithstanding, independent auditors agree the toll will stay until spring."
    views = [(q.speaker, q.text) for q in analyse(text).quotes if not q.said]
    assert views == [("independent auditors", "the toll will stay until spring")]


def _record(sentence: str, words: str) -> Quote:
    (record,) = [q for q in analyse(sentence).quotes if q.text == words]
    return record


@pytest.mark.parametrize(
    "cue, kind",
    [
        ("plans", "intention"),
        ("seeks", "intention"),
        ("is seeking", "intention"),
        ("declined", "intention"),
        ("refused", "intention"),
        ("decided", "intention"),
        # an agreement is a stance, whether to a deed or to a claim (below)
        ("agreed", "stance"),
    ],
)
def test_an_aim_or_a_decision_is_no_words_said(cue, kind):
    # "Mayor Ilse Varga: to close the bridge" would read as something she said
    record = _record(
        f"Mayor Ilse Varga {cue} to close the Kessel bridge next month.", "to close the Kessel bridge next month"
    )
    assert (record.speaker, record.cue_kind, record.said) == ("Ilse Varga", kind, False)


def test_an_order_is_a_deed():
    record = _record("Mayor Ilse Varga ordered a review of the ferry contract.", "a review of the ferry contract")
    assert (record.cue_kind, record.said) == ("intention", False)


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("Mayor Ilse Varga vowed to close the Kessel bridge next month.", "to close the Kessel bridge next month"),
        ("Mayor Ilse Varga promised to close the Kessel bridge next month.", "to close the Kessel bridge next month"),
        ("Mayor Ilse Varga pledged to close the Kessel bridge next month.", "to close the Kessel bridge next month"),
        ("Mayor Ilse Varga threatened to close the Kessel bridge next month.", "to close the Kessel bridge next month"),
        ("Mayor Ilse Varga warned that the Kessel bridge would close.", "the Kessel bridge would close"),
        (
            "Mayor Ilse Varga announced plans to close the Kessel bridge next month.",
            "plans to close the Kessel bridge next month",
        ),
    ],
)
def test_a_vow_a_promise_a_threat_and_an_announcement_are_said(sentence, words):
    record = _record(sentence, words)
    assert (record.speaker, record.cue_kind, record.said) == ("Ilse Varga", "verb", True)


def test_agreed_to_and_agreed_that_are_both_stances():
    to = _record("The harbour board agreed to pay for a temporary ferry.", "to pay for a temporary ferry")
    that = _record("The harbour board agreed that the ferry should run at night.", "the ferry should run at night")
    assert (to.cue_kind, to.said) == (that.cue_kind, that.said) == ("stance", False)
