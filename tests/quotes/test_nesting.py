"""One attribution, one record: nested and interrupted quotes (invented sentences)."""

from __future__ import annotations

from bot.quotes import analyse


def _indirect(text):
    return [q for q in analyse(text).quotes if q.kind == "indirect"]


def test_speaker_framing_own_words_is_one_attribution():
    # "she believes" opens what Reyes told reporters: her framing, not a second report
    text = "Dana Reyes told reporters that she believes the toll will fall by half next spring."
    qs = _indirect(text)
    assert len(qs) == 1
    assert qs[0].speaker == "Dana Reyes" and "she believes the toll" in qs[0].text


def test_parenthetical_speaker_is_kept():
    # "…, the mayor said, that …": the aside is an attribution of its own
    text = "The harbour report shows, the mayor said, that the ferry line lost money for three years."
    qs = _indirect(text)
    assert any(q.speaker == "the mayor" and q.text == "the ferry line lost money for three years" for q in qs)
