"""The article's own headline, from the markup the outlet wrote for it.

`<title>` is often the site's or the CMS's name ("Home - The Northern
Observer", "NewsPress CMS"); the headline proper is in `og:title`, in JSON-LD
`headline` or in the article's `h1`, in that order of trust. A headline that
only repeats the site name is no headline.
"""

from __future__ import annotations

import json
import logging
import re

from lxml.html import HtmlElement

log = logging.getLogger(__name__)
_SEPARATOR = re.compile(r"\s+[|–—·:-]\s+")
_MAX_JSON_LD_BYTES = 200_000  # a script bigger than this is app state, not article metadata


def page_headline(root: HtmlElement) -> str | None:
    """The best headline found in the page's markup, or None."""
    site = _site_name(root)
    for candidate in (_meta(root, "og:title"), _json_ld_headline(root), _h1(root), _meta(root, "twitter:title")):
        headline = _without_site(_clean(candidate), site)
        if headline and not _is_site_name(headline, site):
            return headline
    return None


def _site_name(root: HtmlElement) -> str | None:
    return _clean(_meta(root, "og:site_name") or _meta(root, "application-name"))


def _meta(root: HtmlElement, name: str) -> str | None:
    for meta in root.iter("meta"):
        if name in (meta.get("property"), meta.get("name")):
            return meta.get("content")
    return None


def _json_ld_headline(root: HtmlElement) -> str | None:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        source = script.text or ""
        if len(source) > _MAX_JSON_LD_BYTES:
            continue
        try:
            data = json.loads(source)
        except ValueError:
            log.debug("unreadable JSON-LD block skipped")
            continue
        if headline := _find_headline(data):
            return headline
    return None


def _find_headline(data: object, depth: int = 0) -> str | None:
    """The first string `headline` in a JSON-LD document (objects, lists, @graph)."""
    if depth > 4:
        return None
    if isinstance(data, dict):
        if isinstance(data.get("headline"), str):
            return data["headline"]
        children = list(data.get("@graph", [])) + [v for v in data.values() if isinstance(v, dict)]
        data = children
    if isinstance(data, list):
        for item in data:
            if found := _find_headline(item, depth + 1):
                return found
    return None


def _h1(root: HtmlElement) -> str | None:
    """The first h1 of the article (or of the page when there is no article element)."""
    for scope in (*root.iter("article"), *root.iter("main"), root):
        for h1 in scope.iter("h1"):
            return h1.text_content()
    return None


def _without_site(headline: str | None, site: str | None) -> str | None:
    """'Ferry fares rise | Harbour Gazette' -> 'Ferry fares rise'."""
    if not headline or not site:
        return headline
    separators = list(_SEPARATOR.finditer(headline))
    if separators and _is_site_name(headline[separators[-1].end() :], site):
        return _clean(headline[: separators[-1].start()])
    return headline


def _is_site_name(text: str, site: str | None) -> bool:
    if not site:
        return False
    return text.casefold().strip() == site.casefold().strip()


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
