"""Parts of one quote that the article splits with its attribution.

The engine gives the parts of one statement the same `attribution` number.

"“A,” said X, a lawyer for the union. “B.”" is two direct quotes in the
analysis (each verbatim, without the words between). A reader wants one quote
under one name, so briefings show the parts together, joined by an ellipsis
that stands for the attribution left out.
"""

from __future__ import annotations

from bot.models import Quote

# characters of attribution between two parts of one quote ("," said X, a
# lawyer for the union, who …"); further apart they are separate quotes
MAX_GAP = 200


def group_parts(quotes: list[Quote]) -> list[list[Quote]]:
    """Consecutive direct quotes of one speaker, close together, as one group."""
    groups: list[list[Quote]] = []
    for quote in quotes:
        last = groups[-1][-1] if groups else None
        if last is not None and _continues(last, quote):
            groups[-1].append(quote)
        else:
            groups.append([quote])
    return groups


def _continues(before: Quote, after: Quote) -> bool:
    if before.attribution is not None and after.attribution is not None:
        # the engine numbers the parts of one statement alike
        return before.kind == after.kind == "direct" and before.attribution == after.attribution
    # without numbers (quotes built by hand): a part cut by its attribution ends on the
    # comma that leads into it ("“A,” said X"); one ending on a full stop is complete
    return (
        before.kind == after.kind == "direct"
        and before.speaker is not None
        and before.speaker == after.speaker
        and before.text.rstrip().endswith(",")
        and 0 <= after.start - before.end <= MAX_GAP
    )
