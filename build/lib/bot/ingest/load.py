"""Loading one article named on the command line: a .txt file, an HTML file or a URL.

Bad input is an `ArticleInputError` whose message is one line naming the file
and the problem (missing, empty, binary, no article text), so `brief` and
`analyze` can print it as it is.
"""

from __future__ import annotations

from pathlib import Path

from bot.ingest.extract import ARTICLE_TEXT_MAX_BYTES, ExtractionError, cap_text, extract_article
from bot.models import Article

# file signatures of formats people mistake for articles (PDF, images, archives)
_BINARY_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"7z\xbc\xaf")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class ArticleInputError(ValueError):
    """A file or page that holds no article to read; str() is one line for the user."""


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def doc_id(target: str) -> str:
    """The id `analyze` prints: the file's stem, or the URL itself."""
    return target if is_url(target) else Path(target).stem


def load_file(path: Path, *, max_text_bytes: int = ARTICLE_TEXT_MAX_BYTES) -> Article:
    """A .txt file is analysed as it is; anything else is treated as HTML."""
    data = _read(path)
    if path.suffix.lower() == ".txt":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ArticleInputError(f"{path}: not UTF-8 text") from None
        return Article(url=str(path.name), text=cap_text(text, max_text_bytes))
    return article_from_html(data, "", name=str(path), max_text_bytes=max_text_bytes)


def article_from_html(html: bytes, url: str, *, name: str, max_text_bytes: int) -> Article:
    """The page's article, or an ArticleInputError naming `name` (a path or URL)."""
    if _looks_binary(html):
        raise ArticleInputError(f"{name}: not an HTML page (binary data)")
    try:
        return extract_article(html, url, max_text_bytes=max_text_bytes)
    except ExtractionError:
        raise ArticleInputError(f"{name}: no article text found in the page") from None


def _read(path: Path) -> bytes:
    if not path.exists():
        raise ArticleInputError(f"{path}: no such file")
    if not path.is_file():
        raise ArticleInputError(f"{path}: not a file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleInputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if _looks_binary(data):
        raise ArticleInputError(f"{path}: not a text or HTML file (binary data)")
    if not data.strip():
        raise ArticleInputError(f"{path}: the file is empty")
    return data


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith(_UTF16_BOMS):
        return False
    return head.startswith(_BINARY_MAGIC) or b"\x00" in head
