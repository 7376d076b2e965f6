"""Loading one article named on the command line: a .txt file, an HTML file or a URL."""

from __future__ import annotations

from pathlib import Path

from bot.ingest.extract import extract_article
from bot.models import Article


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def doc_id(target: str) -> str:
    """The id `analyze` prints: the file's stem, or the URL itself."""
    return target if is_url(target) else Path(target).stem


def load_file(path: Path) -> Article:
    """A .txt file is analysed as it is; anything else is treated as HTML."""
    if path.suffix.lower() == ".txt":
        return Article(url=str(path.name), text=path.read_text(encoding="utf-8"))
    return extract_article(path.read_bytes(), url="")
