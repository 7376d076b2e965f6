"""What the fake Bot API checks before it accepts a message: Telegram's HTML
entities, the text length after entity parsing, and inline keyboards.

Stricter than Telegram where the Bot API docs are stricter than Telegram's
implementation (a bare ``&`` or ``>`` is rejected).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MAX_TEXT_LENGTH = 4096


class ApiError(Exception):
    """A Telegram error reply: HTTP status, description and optional parameters."""

    def __init__(self, code: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


# ---------------------------------------------------------------- HTML entity parsing

_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_CHAR_REF = re.compile(r"&(?:(lt|gt|amp|quot);|#([0-9]{1,7});|#[xX]([0-9a-fA-F]{1,6});)")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_START_TAG = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_][\w:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*>"
)
_ATTR = re.compile(r"([a-zA-Z_][\w:-]*)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+)))?")
_END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _unescape(value: str) -> str:
    return _CHAR_REF.sub(lambda m: _decode_ref(m), value)


def _decode_ref(match: re.Match) -> str:
    named, dec, hexa = match.groups()
    if named:
        return _NAMED[named]
    code = int(dec) if dec else int(hexa, 16)
    return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"


@dataclass
class _OpenTag:
    name: str
    entity: dict | None
    start: int  # UTF-16 offset in the plain text


def parse_html(text: str) -> tuple[str, list[dict]]:
    """Plain text and MessageEntity dicts for Telegram HTML; raises ApiError like Telegram."""
    return _HtmlReader(text).read()


class _HtmlReader:
    """One pass over Telegram HTML: plain text out, an entity each time a tag closes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[str] = []
        self.pos16 = 0  # UTF-16 length of the plain text so far
        self.stack: list[_OpenTag] = []
        self.entities: list[dict] = []

    def read(self) -> tuple[str, list[dict]]:
        i = 0
        while i < len(self.text):
            i = self._step(i)
        if self.stack:
            raise self.fail(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def fail(self, detail: str) -> ApiError:
        return bad_request(f"can't parse entities: {detail}")

    def at(self, i: int) -> int:
        """Telegram reports positions as UTF-8 byte offsets."""
        return len(self.text[:i].encode("utf-8"))

    def _step(self, i: int) -> int:
        """Reads what starts at `i` (a character, a reference or a tag); returns where the next begins."""
        ch = self.text[i]
        if ch == "&":
            return self._char_ref(i)
        if ch == ">":
            raise self.fail(f'Character ">" at byte offset {self.at(i)} must be escaped as "&gt;"')
        if ch != "<":
            self._emit(ch)
            return i + 1
        if self.text.startswith("</", i):
            return self._end_tag(i)
        return self._start_tag(i)

    def _emit(self, piece: str) -> None:
        self.out.append(piece)
        self.pos16 += utf16_len(piece)

    def _char_ref(self, i: int) -> int:
        ref = _CHAR_REF.match(self.text, i)
        if not ref:
            raise self.fail(f'Character "&" at byte offset {self.at(i)} must be escaped as "&amp;"')
        self._emit(_decode_ref(ref))
        return ref.end()

    def _end_tag(self, i: int) -> int:
        end = _END_TAG.match(self.text, i)
        if not end:
            raise self.fail(f"Unclosed end tag at byte offset {self.at(i)}")
        name = end.group(1).lower()
        if not self.stack:
            raise self.fail(f"Unexpected end tag at byte offset {self.at(i)}")
        top = self.stack.pop()
        if top.name != name:
            raise self.fail(
                f'Unmatched end tag at byte offset {self.at(i)}, expected "</{top.name}>", found "</{name}>"'
            )
        if top.entity is not None and self.pos16 > top.start:
            self.entities.append({**top.entity, "offset": top.start, "length": self.pos16 - top.start})
        return end.end()

    def _start_tag(self, i: int) -> int:
        tag = _START_TAG.match(self.text, i)
        if not tag:
            raise self.fail(f"Unclosed start tag at byte offset {self.at(i)}")
        name = tag.group(1).lower()
        if name not in _TAG_ENTITY:
            raise self.fail(f'Unsupported start tag "{name}" at byte offset {self.at(i)}')
        attrs = {
            m.group(1).lower(): _unescape(next((g for g in m.groups()[1:] if g is not None), ""))
            for m in _ATTR.finditer(tag.group(2))
        }
        self.stack.append(_OpenTag(name, _entity_for(name, attrs, self.stack, self.fail), self.pos16))
        return tag.end()


def _entity_for(name: str, attrs: dict, stack: list[_OpenTag], fail) -> dict | None:
    kind = _TAG_ENTITY[name]
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise fail('Tag "span" must have class "tg-spoiler"')
    if name == "a":
        return {"type": "text_link", "url": attrs["href"]} if attrs.get("href") else None
    if name == "tg-emoji":
        if not attrs.get("emoji-id", "").isdigit():
            raise fail('Tag "tg-emoji" must have a numeric attribute "emoji-id"')
        return {"type": kind, "custom_emoji_id": attrs["emoji-id"]}
    if name == "blockquote":
        if any(t.name == "blockquote" for t in stack):
            raise fail("Blockquote entities can't be nested")
        return {"type": "expandable_blockquote" if "expandable" in attrs else "blockquote"}
    if name == "code" and stack and stack[-1].name == "pre" and stack[-1].entity is not None:
        language = attrs.get("class", "")
        if language.startswith("language-"):
            stack[-1].entity["language"] = language[len("language-") :]
            return None  # Telegram folds <pre><code class="language-x"> into one pre entity
    return {"type": kind}


def validate_text(text: Any, parse_mode: str | None) -> tuple[str, list[dict]]:
    """Checks text the way sendMessage/editMessageText do; returns plain text and entities."""
    if not isinstance(text, str) or not text.strip():
        raise bad_request("message text is empty")
    mode = (parse_mode or "").lower()
    if mode == "html":
        plain, entities = parse_html(text)
    elif mode in ("", "none"):
        plain, entities = text, []
    elif mode in ("markdown", "markdownv2"):
        plain, entities = text, []  # not parsed by this fake; lengths are approximate
    else:
        raise bad_request("unsupported parse_mode")
    if not plain.strip():
        raise bad_request("message text is empty")
    if len(plain.strip()) > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return plain, entities


def validate_reply_markup(markup: Any) -> dict | None:
    if markup is None:
        return None
    if not isinstance(markup, dict) or not markup.keys() & {
        "inline_keyboard",
        "keyboard",
        "remove_keyboard",
        "force_reply",
    }:
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad_request('can\'t parse inline keyboard: Field "inline_keyboard" must be of type Array')
    buttons = [b for row in rows for b in row]
    if len(buttons) > 100:
        raise bad_request("reply markup is too long")
    for button in buttons:
        _check_inline_button(button)
    return markup


def _check_inline_button(button: Any) -> None:
    """One inline keyboard button: non-empty text and an action Telegram accepts."""
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    if not button["text"]:
        raise bad_request("BUTTON_TEXT_INVALID")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    elif "url" in button:
        if not re.match(r"(https?|tg)://\S+$", str(button["url"])):
            raise bad_request("BUTTON_URL_INVALID")
    elif not button.keys() & {
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "login_url",
        "web_app",
        "pay",
        "callback_game",
        "copy_text",
    }:
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
