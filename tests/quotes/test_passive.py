"""Cues in the passive voice: the subject of "was told", "were warned", "has been
criticized" is who was told or what was said, never the speaker; the agent after
"by" speaks. Invented sentences in the style of the seed article."""

from __future__ import annotations

from bot.quotes import analyse
from bot.quotes.passive import passive_gap


def _reported(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in analyse(text).quotes if q.kind == "indirect"}


def test_the_agent_after_by_speaks_not_the_subject_who_was_told():
    text = "The harbour board met on Monday.\nMayor Dana Lind was told by the auditor that the new toll was unlawful."
    assert _reported(text) == {"the new toll was unlawful": "the auditor"}


def test_a_warning_given_to_a_group_is_the_warners_not_the_groups():
    text = "The quay is old.\nThe skippers were warned by the harbour master that the north quay would close in March."
    assert _reported(text) == {"the north quay would close in March": "the harbour master"}


def test_without_an_agent_the_words_stand_and_nobody_is_named():
    text = "The quay is old.\nThe ferry owners were repeatedly reassured that the dredging would start in spring."
    assert _reported(text) == {"the dredging would start in spring": None}


def test_a_means_after_by_is_not_a_speaker():
    text = "The quay is old.\nOmar Reyes was told by phone that his licence would not be renewed."
    assert _reported(text) == {"his licence would not be renewed": None}


def test_quoted_as_saying_is_not_a_passive_that_takes_the_speaker_away():
    # "X was quoted as saying …": X is the one quoted, so X still speaks
    assert not passive_gap(" was ", "quoted")
    assert passive_gap(" was ", "told")
    assert passive_gap(" has since been ", "denied")
    assert not passive_gap(" has ", "told")  # "Lind has told reporters": active


def test_an_active_cue_after_has_keeps_its_subject():
    text = "The quay is old.\nOmar Reyes has warned that the ferries would stop running in winter."
    assert _reported(text) == {"the ferries would stop running in winter": "Omar Reyes"}


def test_a_passive_cue_in_a_relative_clause_does_not_make_its_noun_the_speaker():
    text = (
        "The quay is old.\n"
        "The skippers, who were told that the north quay would close, moved to the ferry pier.\n"
        "Omar Reyes, who was warned by the harbour master that his berth was unsafe, stayed put."
    )
    got = _reported(text)
    assert got["the north quay would close"] is None
    assert got["his berth was unsafe"] == "the harbour master"


def test_an_active_cue_in_a_relative_clause_keeps_its_noun_as_the_speaker():
    text = "The quay is old.\nThe harbour master, who has repeatedly said the quay is unsafe, left early."
    assert _reported(text) == {"the quay is unsafe": "The harbour master"}
