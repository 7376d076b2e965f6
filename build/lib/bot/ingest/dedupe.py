"""De-duplication keys: a canonical URL and a hash of the normalised text.

The same story reaches us under tracking parameters, mobile hosts and
syndicated copies; either key being known means we have the article.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|at_\w+|ns_\w+|_ga|ref|src)$", re.I)
_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„«»‟"} | {c: "'" for c in "‘’‚‛"})


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, sorted query."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), host + port, path, urlencode(query), ""))


def text_hash(text: str) -> str:
    """Hash of the text with case, quote styles, punctuation spacing and whitespace folded."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).casefold()
    folded = " ".join(folded.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
