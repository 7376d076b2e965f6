"""Stories the Telegram tests publish on the local feed server: (title, page path, paragraphs)."""

from __future__ import annotations

TALKS = (
    "Harbour talks resume",
    "talks.html",
    ["Harbour talks resumed in Geneva on Monday after a week of delay, officials said."],
)
MORE_TALKS = (
    "Second round of talks",
    "talks-2.html",
    ["A second round of talks on the fisheries annex opened in Oslo on Tuesday."],
)
