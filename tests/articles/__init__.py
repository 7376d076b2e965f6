"""Test articles written for this project in the style of a small news site.

Invented events and people; each page has a reader-comment section whose text
must never reach an article, an attribution or a briefing.
"""
