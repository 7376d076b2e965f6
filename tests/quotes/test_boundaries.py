"""Where a reported (indirect) content starts and ends (invented sentences)."""

from __future__ import annotations

import pytest

from bot.quotes import analyse


def _contents(text):
    return [q.text for q in analyse(text).quotes if q.kind == "indirect"]


BOUNDARIES = [
    ("including_is_not_a_participle",
     "Ana Ruiz said the port needs new equipment, including two cranes and a tug.",
     "the port needs new equipment, including two cranes and a tug"),
    ("participle_still_ends_content",
     "Ana Ruiz said the port needs new equipment, pointing to the broken cranes.",
     "the port needs new equipment"),
]


@pytest.mark.parametrize("text,content", [c[1:] for c in BOUNDARIES], ids=[c[0] for c in BOUNDARIES])
def test_reported_boundaries(text, content):
    assert content in _contents(text), _contents(text)
