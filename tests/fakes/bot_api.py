"""A fake Telegram Bot API server on loopback for tests.

PTB reaches it through real HTTP (``ApplicationBuilder().base_url(server.base_url)``),
so tests exercise the same request encoding, error mapping and polling that run in
production. The server is stricter than Telegram where the Bot API docs are stricter
than Telegram's implementation (a bare ``&`` or ``>`` is rejected), so a test failure
here means the bot relied on undocumented leniency.
"""

from __future__ import annotations

import asyncio
import email.parser
import http.client
import itertools
import json
import math
import re
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.fakes.telegram_html import ApiError, bad_request, utf16_len, validate_reply_markup, validate_text

TEST_TOKEN = "123456789:TEST-briefbot-token"
MAX_POLL_HOLD = 1.0  # seconds; real Telegram holds up to `timeout`, tests want speed

# Form fields PTB sends JSON-encoded (it sends every non-string value as json.dumps).
_JSON_FIELDS = {
    "reply_markup",
    "commands",
    "allowed_updates",
    "entities",
    "reply_parameters",
    "link_preview_options",
    "scope",
}
_INT_FIELDS = {
    "chat_id",
    "message_id",
    "offset",
    "limit",
    "timeout",
    "reply_to_message_id",
    "user_id",
    "cache_time",
    "message_thread_id",
}
_BOOL_FIELDS = {
    "drop_pending_updates",
    "show_alert",
    "disable_notification",
    "allow_sending_without_reply",
    "protect_content",
}


@dataclass(frozen=True)
class FloodLimits:
    """Telegram's flood limits, enforced on arrival: any excess is answered 429 with retry_after.

    No burst allowance anywhere, so a bot that relies on Telegram's leniency fails here.
    Tests scale `chat_interval` down (with the bot's SEND_INTERVAL_PER_CHAT_SECONDS) to stay fast.
    """

    per_second: int = 30  # every chat together, in any sliding one-second window
    chat_interval: float = 1.0  # least time between two messages to one chat
    group_per_minute: int = 20  # to one group, supergroup or channel (negative id) in any 60 s


def posts_into_chat(method: str) -> bool:
    """The calls Telegram counts against the flood limits: messages sent, copied, forwarded or edited."""
    name = method.lower()
    return name != "sendchataction" and name.startswith(("send", "edit", "copy", "forward"))


class FloodControl:
    """The arrival times of accepted messages, and the verdict on the next one (under the server's lock)."""

    def __init__(self, limits: FloodLimits) -> None:
        self.limits = limits
        self.recent: deque[float] = deque()  # arrivals in the last second, every chat
        self.last_to_chat: dict[int | str, float] = {}
        self.group_recent: dict[int | str, deque[float]] = defaultdict(deque)
        self.refused: list[tuple[str, int | str]] = []  # (scope, chat id): "global", "chat" or "group"

    def check(self, chat_id: int | str, now: float) -> tuple[str, int] | None:
        """The (scope, retry_after) of a 429 for a message arriving now, or None when it may go."""
        limits = self.limits
        while self.recent and self.recent[0] <= now - 1.0:
            self.recent.popleft()
        if len(self.recent) >= limits.per_second:
            return "global", _seconds(self.recent[0] + 1.0 - now)
        last = self.last_to_chat.get(chat_id)
        if last is not None and now - last < limits.chat_interval:
            return "chat", _seconds(last + limits.chat_interval - now)
        if _is_group(chat_id):
            window = self.group_recent[chat_id]
            while window and window[0] <= now - 60.0:
                window.popleft()
            if len(window) >= limits.group_per_minute:
                return "group", _seconds(window[0] + 60.0 - now)
        return None

    def accept(self, chat_id: int | str, now: float) -> None:
        self.recent.append(now)
        self.last_to_chat[chat_id] = now
        if _is_group(chat_id):
            self.group_recent[chat_id].append(now)


def _is_group(chat_id: int | str) -> bool:
    return isinstance(chat_id, str) or chat_id < 0  # "@channel" or a negative id


def _seconds(wait: float) -> int:
    return max(1, math.ceil(wait))


_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_post_messages",
    "can_edit_messages",
)


@dataclass
class SentMessage:
    """One message the bot sent, as the user would see it (``plain``) and as sent (``text``)."""

    chat_id: int
    message_id: int
    text: str
    plain: str
    parse_mode: str | None
    reply_markup: dict | None
    reply_to_message_id: int | None
    entities: list[dict] = field(default_factory=list)
    params: dict = field(default_factory=dict)
    history: list[str] = field(default_factory=list)  # earlier texts, oldest first
    at: float = field(default_factory=time.monotonic)  # when the server posted it
    document: dict | None = None  # sendDocument: {"file_name", "mime_type", "data"}; text/plain are the caption

    @property
    def buttons(self) -> list[dict]:
        """The inline keyboard flattened to a list of button dicts."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [b for row in rows for b in row]


# ---------------------------------------------------------------- the fake API


class FakeBotApi:
    """Thread-safe state behind the HTTP handler; tests call the public methods."""

    def __init__(
        self,
        token: str = TEST_TOKEN,
        bot_username: str = "briefbot_test_bot",
        limits: FloodLimits | None = FloodLimits(),
    ):
        """`limits=None` turns flood control off (for tests of the fake itself)."""
        self.token = token
        self.flood = FloodControl(limits) if limits is not None else None
        self.strict_token = False  # True: a wrong token gets 401 Unauthorized (most tests use several tokens)
        self.bot_user = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "BriefBot",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.sent: list[SentMessage] = []
        self.requests: list[tuple[str, dict]] = []  # every call: (method, decoded params)
        self.commands: dict[str, str] = {}
        self.callback_answers: list[dict] = []
        self.chat_actions: list[tuple[int, str]] = []
        self.edits: list[tuple[int, int, str]] = []
        self.deleted: list[tuple[int, int]] = []
        self._cond = threading.Condition()
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._open_callbacks: set[str] = set()
        self._chats: dict[int, dict] = {}
        self._next_message_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], dict] = {}
        self._blocked: dict[int, str] = {}
        self._migrated: dict[int, int] = {}
        self._failures: list[tuple[str, ApiError]] = []
        self._answers_free = threading.Event()  # cleared by hold_answers
        self._answers_free.set()
        self._files: dict[str, dict] = {}  # file_id -> {"data", "file_size", "file_path", ...}
        self.downloads: list[str] = []  # file paths the bot downloaded
        self._members: dict[tuple[int, int], dict] = {}  # (chat, user) -> ChatMember fields
        self._usernames: dict[str, int] = {}  # "@name" (lower case) -> chat id
        self._stopping = False
        # setWebhook: where updates go instead of getUpdates, and what each push was answered.
        self.webhook: dict | None = None
        self.webhook_answers: list[tuple[int, int]] = []  # (update_id, HTTP status)
        self._pusher: threading.Thread | None = None
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------ lifecycle
    def start(self) -> FakeBotApi:
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="fake-bot-api", kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._answers_free.set()
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ------------------------------------------------ scripting (tests)
    def block_chat(self, chat_id: int, description: str | None = None) -> None:
        with self._cond:
            kind = self._chat(chat_id)["type"]
        default = {"private": "bot was blocked by the user", "channel": "bot is not a member of the channel chat"}.get(
            kind, f"bot was kicked from the {kind} chat"
        )
        self._blocked[int(chat_id)] = f"Forbidden: {description or default}"

    def unblock_chat(self, chat_id: int) -> None:
        """The user unblocked the bot (or re-added it): sends reach the chat again."""
        self._blocked.pop(int(chat_id), None)

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        self._migrated[int(old_id)] = int(new_id)

    def hold_answers(self) -> None:
        """From now on sendMessage posts the message but keeps its answer back until `release_answers`
        (a slow network): the bot does not know yet that the message went."""
        self._answers_free.clear()

    def release_answers(self) -> None:
        self._answers_free.set()

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int | None = None,
        description: str | None = None,
        times: int = 1,
    ) -> None:
        """The next `times` calls of `method` ("*" for any) fail with `status`."""
        if status == 429:
            retry_after = 1 if retry_after is None else retry_after
            description = description or f"Too Many Requests: retry after {retry_after}"
        params = {"retry_after": retry_after} if retry_after is not None else None
        error = ApiError(
            status,
            description
            or {400: "Bad Request", 403: "Forbidden", 502: "Bad Gateway"}.get(status, "Internal Server Error"),
            params,
        )
        with self._cond:
            self._failures.extend([(method.lower(), error)] * times)

    def set_member(self, chat_id: int, user_id: int, status: str = "administrator", **rights: bool) -> None:
        """What getChatMember answers for (chat, user): "creator", "administrator", "member", "left"...

        An administrator has every right unless `rights` says otherwise (e.g. can_post_messages=False).
        """
        with self._cond:
            self._members[(int(chat_id), int(user_id))] = {"status": status, **rights}

    def add_channel(self, chat_id: int, username: str, title: str | None = None) -> dict:
        """A channel reachable as @username (getChat, getChatMember, sendMessage)."""
        with self._cond:
            chat = self._chat(chat_id, "channel", title=title)
            chat["username"] = username.lstrip("@")
            self._usernames["@" + username.lstrip("@").lower()] = int(chat_id)
            return chat

    def make_forum(self, chat_id: int, title: str | None = None) -> dict:
        """A supergroup with topics: messages sent with a message_thread_id belong to one."""
        with self._cond:
            chat = self._chat(chat_id, "supergroup", title=title)
            chat["is_forum"] = True
            return chat

    def queue_message(
        self,
        chat_id: int,
        text: str,
        user_id: int | None = None,
        chat_type: str = "private",
        reply_to_message_id: int | None = None,
        first_name: str = "Tester",
        username: str | None = "tester",
        title: str | None = None,
        message_thread_id: int | None = None,
        sender_chat: dict | None = None,
    ) -> dict:
        """Queues an incoming text message; returns the Message dict (with its message_id).

        `message_thread_id` puts it in a forum topic; `sender_chat` sends it on behalf of
        a chat (an anonymous group administrator writes as the group itself).
        """
        with self._cond:
            chat = self._chat(chat_id, chat_type, title=title, first_name=first_name, username=username)
            message = {
                "message_id": self._new_message_id(chat["id"]),
                "date": int(time.time()),
                "chat": chat,
                "text": text,
            }
            if message_thread_id is not None:
                message["message_thread_id"] = message_thread_id
                message["is_topic_message"] = True
            if sender_chat is not None:
                message["sender_chat"] = sender_chat
            if chat_type == "channel":
                message["sender_chat"] = chat
            else:
                uid = user_id if user_id is not None else (chat["id"] if chat_type == "private" else 1001)
                message["from"] = {
                    "id": uid,
                    "is_bot": False,
                    "first_name": first_name,
                    **({"username": username} if username else {}),
                }
            if text.startswith("/"):
                command = text.split(maxsplit=1)[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]
            if reply_to_message_id is not None:
                replied = self._messages.get((chat["id"], reply_to_message_id))
                if replied is None:
                    raise ValueError(f"no message {reply_to_message_id} in chat {chat_id}")
                message["reply_to_message"] = dict(replied)  # a snapshot, as Telegram sends
            self._messages[(chat["id"], message["message_id"])] = message
            self._push_update("channel_post" if chat_type == "channel" else "message", message)
        return message

    def queue_document(
        self,
        chat_id: int,
        file_name: str,
        data: bytes,
        mime_type: str | None = "text/x-opml",
        *,
        file_size: int | None = None,
        declare_size: bool = True,
        caption: str | None = None,
        user_id: int | None = None,
        chat_type: str = "private",
    ) -> dict:
        """Queues an incoming document; `file_size` overrides the declared size (Telegram's field)."""
        with self._cond:
            chat = self._chat(chat_id, chat_type)
            file_id = f"doc{len(self._files) + 1}"
            self._files[file_id] = {"data": data, "file_path": f"documents/{file_id}_{len(data)}"}
            document = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name}
            if mime_type:
                document["mime_type"] = mime_type
            if declare_size:
                document["file_size"] = len(data) if file_size is None else file_size
            uid = user_id if user_id is not None else (chat["id"] if chat_type == "private" else 1001)
            message = {
                "message_id": self._new_message_id(chat["id"]),
                "date": int(time.time()),
                "chat": chat,
                "from": {"id": uid, "is_bot": False, "first_name": "Tester"},
                "document": document,
            }
            if caption:
                message["caption"] = caption
            self._messages[(chat["id"], message["message_id"])] = message
            self._push_update("message", message)
        return message

    def file_bytes(self, file_path: str) -> bytes | None:
        """What GET {base_file_url}{token}/{file_path} serves (None: no such file)."""
        with self._cond:
            self.downloads.append(file_path)
            found = next((f for f in self._files.values() if f["file_path"] == file_path), None)
            return found["data"] if found else None

    def queue_callback(self, chat_id: int, user_id: int, data: str, message_id: int | None = None) -> str:
        """Queues a button press on a message the bot sent; returns the callback query id."""
        with self._cond:
            if message_id is None:
                message_id = self.messages_to(chat_id)[-1].message_id
            message = self._messages.get((int(chat_id), message_id))
            if message is None or message.get("from", {}).get("id") != self.bot_user["id"]:
                raise ValueError(f"the bot sent no message {message_id} to chat {chat_id}")
            query_id = str(next(self._callback_ids))
            self._open_callbacks.add(query_id)
            user = {"id": user_id, "is_bot": False, "first_name": "Tester"}
            self._push_update(
                "callback_query",
                {"id": query_id, "from": user, "message": dict(message), "chat_instance": str(chat_id), "data": data},
            )
        return query_id

    # ------------------------------------------------ assertions (tests)
    def messages_to(self, chat_id: int) -> list[SentMessage]:
        return [m for m in self.sent if m.chat_id == int(chat_id)]

    def wait_for_messages_sync(self, n: int, chat_id: int | None = None, timeout: float = 5) -> list[SentMessage]:
        def matching() -> list[SentMessage]:
            return self.sent if chat_id is None else self.messages_to(chat_id)

        with self._cond:
            if not self._cond.wait_for(lambda: len(matching()) >= n, timeout=timeout):
                raise AssertionError(
                    f"expected {n} messages to {chat_id or 'any chat'} within "
                    f"{timeout}s, got {[m.plain for m in matching()]}"
                )
            return list(matching())

    async def wait_for_messages(self, n: int, chat_id: int | None = None, timeout: float = 5) -> list[SentMessage]:
        deadline = time.monotonic() + timeout
        while True:
            found = self.sent if chat_id is None else self.messages_to(chat_id)
            if len(found) >= n:
                return list(found)
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"expected {n} messages to {chat_id or 'any chat'} within "
                    f"{timeout}s, got {[m.plain for m in found]}"
                )
            await asyncio.sleep(0.01)

    # ------------------------------------------------ internals
    def _chat(self, chat_id: int, chat_type: str | None = None, **names: Any) -> dict:
        chat_id = int(chat_id)
        if chat_id in self._chats and (chat_type is None or self._chats[chat_id]["type"] == chat_type):
            return self._chats[chat_id]
        if chat_type is None:
            chat_type = "private" if chat_id > 0 else ("supergroup" if str(chat_id).startswith("-100") else "group")
        chat = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = names.get("first_name") or "Tester"
            if names.get("username"):
                chat["username"] = names["username"]
        else:
            chat["title"] = names.get("title") or f"Test {chat_type} {chat_id}"
        self._chats[chat_id] = chat
        return chat

    def _new_message_id(self, chat_id: int) -> int:
        self._next_message_id[chat_id] = self._next_message_id.get(chat_id, 0) + 1
        return self._next_message_id[chat_id]

    def _push_update(self, kind: str, payload: dict) -> None:
        self._updates.append({"update_id": next(self._update_ids), kind: payload})
        self._cond.notify_all()

    def handle(self, method: str, params: dict) -> tuple[int, dict]:
        """Runs one API call; returns (HTTP status, response body)."""
        name = method.lower()
        try:
            with self._cond:
                self.requests.append((method, params))
                failure = next((f for f in self._failures if f[0] in (name, "*")), None)
                if failure:
                    self._failures.remove(failure)
                    raise failure[1]
                handler = getattr(self, f"_api_{name}", None)
                if handler is None:
                    raise ApiError(404, "Not Found")
                self._check_chat(params)
                flooded = self._flood_check(name, params)
                result = handler(params)
                if flooded is not None:
                    self.flood.accept(*flooded)
            if name == "sendmessage":
                self._answers_free.wait(timeout=30)
            return 200, {"ok": True, "result": result}
        except ApiError as error:
            body = {"ok": False, "error_code": error.code, "description": error.description}
            if error.parameters:
                body["parameters"] = error.parameters
            return error.code, body

    def _check_chat(self, params: dict) -> None:
        if "chat_id" not in params:
            return
        chat_id = params["chat_id"]
        if isinstance(chat_id, str) and chat_id.lower() in self._usernames:
            chat_id = params["chat_id"] = self._usernames[chat_id.lower()]
        if not isinstance(chat_id, int):
            raise bad_request("chat not found")
        if chat_id in self._migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        if chat_id in self._blocked:
            raise ApiError(403, self._blocked[chat_id])

    def _flood_check(self, method: str, params: dict) -> tuple[int | str, float] | None:
        """Raise 429 when this message would break a limit; else (chat, arrival) to record once it is posted."""
        if self.flood is None or not posts_into_chat(method) or "chat_id" not in params:
            return None
        chat_id, now = params["chat_id"], time.monotonic()
        verdict = self.flood.check(chat_id, now)
        if verdict is None:
            return chat_id, now
        scope, retry_after = verdict
        self.flood.refused.append((scope, chat_id))
        raise ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})

    def flood_refusals(self) -> dict[str, int]:
        """How many 429s the flood limits gave, by scope ("global", "chat", "group")."""
        counts = {"global": 0, "chat": 0, "group": 0}
        for scope, _ in self.flood.refused if self.flood else []:
            counts[scope] += 1
        return counts

    # ------------------------------------------------ API methods (called with the lock held)
    def _api_getme(self, params: dict) -> dict:
        return self.bot_user

    def _api_deletewebhook(self, params: dict) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = None
        return True

    def _api_setwebhook(self, params: dict) -> bool:
        """Updates are pushed to `url` from now on, each with the secret token as Telegram sends it."""
        url = params.get("url") or ""
        if not url:
            return self._api_deletewebhook(params)
        if not url.startswith(("https://", "http://127.0.0.1")):  # Telegram takes https only; tests use loopback
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = {"url": url, "secret_token": params.get("secret_token")}
        if self._pusher is None:
            self._pusher = threading.Thread(target=self._push_to_webhook, name="fake-webhook-push", daemon=True)
            self._pusher.start()
        self._cond.notify_all()
        return True

    def _api_getwebhookinfo(self, params: dict) -> dict:
        return {"url": (self.webhook or {}).get("url", ""), "pending_update_count": len(self._updates)}

    def _push_to_webhook(self) -> None:
        """Telegram's side of a webhook: post each update in turn; one not answered 2xx is posted again."""
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._stopping or (self.webhook and self._updates))
                if self._stopping:
                    return
                assert self.webhook is not None
                update, hook = self._updates[0], dict(self.webhook)
            status = _post_update(hook["url"], update, hook["secret_token"])
            with self._cond:
                self.webhook_answers.append((update["update_id"], status))
                if 200 <= status < 300 and self._updates and self._updates[0] is update:
                    self._updates.pop(0)
                self._cond.notify_all()
            if not 200 <= status < 300:
                time.sleep(0.2)

    def _api_getupdates(self, params: dict) -> list[dict]:
        if self.webhook is not None:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = params.get("offset") or 0
        if offset > 0:  # confirmed updates are gone for good
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        hold = min(float(params.get("timeout") or 0), MAX_POLL_HOLD)
        self._cond.wait_for(lambda: self._updates or self._stopping, timeout=hold)
        updates = self._updates[offset:] if offset < 0 else self._updates
        return updates[: params.get("limit") or 100]

    def _api_setmycommands(self, params: dict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("can't parse commands JSON object")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands = {c["command"]: c["description"] for c in commands}
        return True

    def _api_getmycommands(self, params: dict) -> list[dict]:
        return [{"command": c, "description": d} for c, d in self.commands.items()]

    def _api_deletemycommands(self, params: dict) -> bool:
        self.commands = {}
        return True

    def _api_sendmessage(self, params: dict) -> dict:
        chat = self._chat(params["chat_id"])
        plain, entities = validate_text(params.get("text"), params.get("parse_mode"))
        markup = validate_reply_markup(params.get("reply_markup"))
        reply_to = (params.get("reply_parameters") or {}).get("message_id", params.get("reply_to_message_id"))
        message = {
            "message_id": self._new_message_id(chat["id"]),
            "from": self.bot_user,
            "chat": chat,
            "date": int(time.time()),
            "text": plain,
        }
        if reply_to is not None:
            replied = self._messages.get((chat["id"], reply_to))
            if replied is None:
                raise bad_request("message to be replied not found")
            message["reply_to_message"] = dict(replied)  # a snapshot, as Telegram sends
        if entities:
            message["entities"] = entities
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        if params.get("message_thread_id"):
            if not chat.get("is_forum"):
                raise bad_request("message thread not found")
            message["message_thread_id"] = params["message_thread_id"]
            message["is_topic_message"] = True
        self._messages[(chat["id"], message["message_id"])] = message
        self.sent.append(
            SentMessage(
                chat["id"],
                message["message_id"],
                params["text"],
                plain,
                params.get("parse_mode"),
                markup,
                reply_to,
                entities,
                params,
            )
        )
        self._cond.notify_all()
        return message

    def _api_senddocument(self, params: dict) -> dict:
        chat = self._chat(params["chat_id"])
        upload = params.get("document")
        if not isinstance(upload, dict) or not upload.get("data"):
            raise bad_request("file must be non-empty")
        caption = params.get("caption") or ""
        plain, entities = validate_text(caption, params.get("parse_mode")) if caption else ("", [])
        file_id = f"sent{len(self._files) + 1}"
        self._files[file_id] = {"data": upload["data"], "file_path": f"documents/{file_id}"}
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": upload.get("filename") or "document",
            "mime_type": upload.get("content_type") or "application/octet-stream",
            "file_size": len(upload["data"]),
        }
        message = {
            "message_id": self._new_message_id(chat["id"]),
            "from": self.bot_user,
            "chat": chat,
            "date": int(time.time()),
            "document": document,
        }
        if caption:
            message["caption"] = plain
        self._messages[(chat["id"], message["message_id"])] = message
        self.sent.append(
            SentMessage(
                chat["id"],
                message["message_id"],
                caption,
                plain,
                params.get("parse_mode"),
                None,
                None,
                entities,
                {k: v for k, v in params.items() if k != "document"},
                document={
                    "file_name": document["file_name"],
                    "mime_type": document["mime_type"],
                    "data": upload["data"],
                },
            )
        )
        self._cond.notify_all()
        return message

    def _api_getfile(self, params: dict) -> dict:
        found = self._files.get(str(params.get("file_id")))
        if found is None:
            raise bad_request("invalid file_id")
        file_id = str(params["file_id"])
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(found["data"]),
            "file_path": found["file_path"],
        }

    def _edited(self, params: dict) -> tuple[dict, SentMessage]:
        key = (params.get("chat_id"), params.get("message_id"))
        record = next((m for m in self.sent if (m.chat_id, m.message_id) == key), None)
        if record is None:
            raise bad_request("message to edit not found")
        return self._messages[key], record

    def _api_editmessagetext(self, params: dict) -> dict:
        message, record = self._edited(params)
        plain, entities = validate_text(params.get("text"), params.get("parse_mode"))
        markup = validate_reply_markup(params.get("reply_markup"))
        if (
            plain == message["text"]
            and entities == message.get("entities", [])
            and markup == message.get("reply_markup")
        ):
            raise bad_request(
                "message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup "
                "of the message"
            )
        record.history.append(record.text)
        record.text, record.plain, record.entities = params["text"], plain, entities
        record.parse_mode, record.reply_markup = params.get("parse_mode"), markup
        message.update(text=plain, edit_date=int(time.time()))
        message.pop("entities", None)
        message.pop("reply_markup", None)
        if entities:
            message["entities"] = entities
        if markup:
            message["reply_markup"] = markup
        self.edits.append((record.chat_id, record.message_id, params["text"]))
        self._cond.notify_all()
        return message

    def _api_editmessagereplymarkup(self, params: dict) -> dict:
        message, record = self._edited(params)
        markup = validate_reply_markup(params.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise bad_request(
                "message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup "
                "of the message"
            )
        record.reply_markup = markup
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        return message

    def _api_deletemessage(self, params: dict) -> bool:
        key = (params.get("chat_id"), params.get("message_id"))
        if self._messages.pop(key, None) is None:
            raise bad_request("message to delete not found")
        self.deleted.append(key)
        return True

    def _api_answercallbackquery(self, params: dict) -> bool:
        query_id = str(params.get("callback_query_id"))
        if query_id not in self._open_callbacks:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        self._open_callbacks.discard(query_id)
        self.callback_answers.append(params)
        return True

    def _api_sendchataction(self, params: dict) -> bool:
        action = params.get("action")
        if action not in {
            "typing",
            "upload_photo",
            "record_video",
            "upload_video",
            "record_voice",
            "upload_voice",
            "upload_document",
            "choose_sticker",
            "find_location",
            "record_video_note",
            "upload_video_note",
        }:
            raise bad_request("wrong parameter action in request")
        self.chat_actions.append((params["chat_id"], action))
        return True

    def _api_getchat(self, params: dict) -> dict:
        if params["chat_id"] not in self._chats:
            raise bad_request("chat not found")
        return {**self._chat(params["chat_id"]), "accent_color_id": 0, "max_reaction_count": 11}

    def _api_getchatmember(self, params: dict) -> dict:
        chat_id, user_id = params["chat_id"], params.get("user_id")
        if chat_id not in self._chats:
            raise bad_request("chat not found")
        if not isinstance(user_id, int):
            raise bad_request("invalid user_id specified")
        fields = self._members.get((chat_id, user_id), {"status": "member" if chat_id < 0 else "left"})
        user = self.bot_user if user_id == self.bot_user["id"] else {"id": user_id, "is_bot": False, "first_name": "U"}
        member = {"user": user, "status": fields["status"]}
        if fields["status"] == "creator":
            member["is_anonymous"] = False
        elif fields["status"] == "administrator":
            rights = {right: fields.get(right, True) for right in _ADMIN_RIGHTS}
            member.update(rights, can_be_edited=False, is_anonymous=False)
        return member

    def _api_close(self, params: dict) -> bool:
        return True

    def _api_logout(self, params: dict) -> bool:
        return True


# ---------------------------------------------------------------- HTTP plumbing


def _post_update(url: str, update: dict, secret: str | None) -> int:
    """POST one update as Telegram does; the HTTP status, or 0 when nothing answered."""
    parts = urlsplit(url)
    headers = {"Content-Type": "application/json"}
    if secret:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port or 80, timeout=5)
    try:
        connection.request("POST", parts.path or "/", json.dumps(update).encode("utf-8"), headers)
        return connection.getresponse().status
    except OSError:
        return 0
    finally:
        connection.close()


def decode_params(raw: dict[str, Any]) -> dict:
    """Types form fields the way Telegram reads them (PTB sends non-strings as JSON text)."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, str) and key in _JSON_FIELDS:
            try:
                value = json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {key} JSON object") from None
        elif isinstance(value, str) and key in _INT_FIELDS and re.fullmatch(r"-?\d+", value):
            value = int(value)
        elif isinstance(value, str) and key in _BOOL_FIELDS:
            value = value.lower() in ("true", "1")
        params[key] = value
    return params


def _read_body(handler: BaseHTTPRequestHandler) -> dict[str, Any]:
    length = int(handler.headers.get("Content-Length") or 0)
    body = handler.rfile.read(length) if length else b""
    ctype = handler.headers.get("Content-Type", "")
    if not body:
        return {}
    if ctype.startswith("application/json"):
        return json.loads(body)
    if ctype.startswith("multipart/form-data"):
        parsed = email.parser.BytesParser().parsebytes(f"Content-Type: {ctype}\r\n\r\n".encode() + body)
        return {
            part.get_param("name", header="content-disposition"): _form_value(part) for part in parsed.get_payload()
        }
    return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # a bot at 30 messages/s opens many connections at once; 5 would reset some


def _form_value(part: Any) -> Any:
    """A form field as text; an uploaded file (a part with a filename) as its raw bytes and names."""
    data = part.get_payload(decode=True)
    filename = part.get_filename()
    if filename is None:
        return data.decode("utf-8", "replace")
    return {"filename": filename, "content_type": part.get_content_type(), "data": data}


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeTelegramBotAPI/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        url = urlsplit(self.path)
        if url.path.startswith("/file/bot"):
            self._serve_file(url.path)
            return
        route = re.fullmatch(r"/bot([^/]+)/([A-Za-z]+)", url.path)
        fake: FakeBotApi = self.server.fake  # type: ignore[attr-defined]
        try:
            raw = {**dict(parse_qsl(url.query)), **_read_body(self)}
            if route and fake.strict_token and route.group(1) != fake.token:  # as the real API does
                status, body = 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            elif route:
                status, body = fake.handle(route.group(2), decode_params(raw))
            else:
                status, body = 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        except ApiError as error:
            status, body = error.code, {"ok": False, "error_code": error.code, "description": error.description}
        payload = json.dumps(body).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on a long poll

    def _serve_file(self, path: str) -> None:
        """GET /file/bot<token>/<file_path>: a file's bytes, as Telegram serves downloads."""
        fake: FakeBotApi = self.server.fake  # type: ignore[attr-defined]
        route = re.fullmatch(r"/file/bot([^/]+)/(.+)", path)
        data = fake.file_bytes(route.group(2)) if route else None
        status, payload = (200, data) if data is not None else (404, b"Not Found")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass


# Tests keep Telegram's limits but a shorter per-chat interval, matching the bot's
# SEND_INTERVAL_PER_CHAT_SECONDS in tests/conftest.py, so conversations stay quick.
TEST_CHAT_INTERVAL = 0.05


@pytest.fixture
def bot_api():
    """A running fake Bot API (flood limits on); build the bot with base_url=bot_api.base_url."""
    server = FakeBotApi(limits=FloodLimits(chat_interval=TEST_CHAT_INTERVAL)).start()
    try:
        yield server
    finally:
        server.stop()
