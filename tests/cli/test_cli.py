"""The `python -m bot` command line, run as an operator would: a subprocess with a clean environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.articles.pages import COMMENT_MARKERS, TALKS_COMMENTS, TALKS_PARAGRAPHS, TALKS_TITLE, article_page, rss
from tests.cli.process import ROOT, briefbot

RECORD_KEYS = {"id", "title", "outlet", "published", "text", "quotes", "framing"}
QUOTE_KEYS = {"cue_kind", "attribution", "kind", "text", "start", "end", "speaker", "speaker_role", "via", "cue"} | {
    "part",
    "parts",
    "whole",
}
DOCK = (
    "The port authority chief, Marta Olsen, said: “We will reopen the northern dock on Friday.” "
    "Officials later said the repairs had gone well.\n"
)
DOCK_QUOTE = "We will reopen the northern dock on Friday."


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "  "}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "1:x", "LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"TELEGRAM_BOT_TOKEN": "1:x", "POLL_INTERVAL_SECONDS": "abc"}, "POLL_INTERVAL_SECONDS"),
        ({"TELEGRAM_BOT_TOKEN": "1:x", "DATABASE_URL": "postgres://bot@db/briefbot"}, "DATABASE_URL"),
        ({"TELEGRAM_BOT_TOKEN": "1:x", "ADMIN_USER_IDS": "1,x"}, "ADMIN_USER_IDS"),
    ],
    ids=["no-token", "blank-token", "bad-log-level", "bad-interval", "postgres-url", "bad-admin-ids"],
)
def test_run_refuses_to_start_naming_the_setting(tmp_path, env, named):
    result = briefbot(tmp_path, "run", **env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and lines[0].startswith("briefbot:")
    assert "Traceback" not in result.stderr


def test_dotenv_in_working_directory_is_read(tmp_path):
    (tmp_path / ".env").write_text("LOG_LEVEL=LOUD\n", encoding="utf-8")
    result = briefbot(tmp_path, "run")
    assert result.returncode == 2 and "LOG_LEVEL" in result.stderr


@pytest.fixture
def articles(tmp_path):
    txt = tmp_path / "dock.txt"
    txt.write_text(DOCK, encoding="utf-8")
    page = tmp_path / "talks.html"
    page.write_text(article_page(TALKS_TITLE, TALKS_PARAGRAPHS, TALKS_COMMENTS), encoding="utf-8")
    return txt, page


@pytest.mark.parametrize("form", ["--json", "--jsonl"])
def test_analyze_prints_documented_keys(tmp_path, articles, form):
    txt, page = articles
    result = briefbot(tmp_path, "analyze", str(txt), str(page), form)
    assert result.returncode == 0, result.stderr
    if form == "--jsonl":
        lines = result.stdout.strip().splitlines()
        assert len(lines) == 2
        records = [json.loads(line) for line in lines]
    else:
        decoder, text, records = json.JSONDecoder(), result.stdout.strip(), []
        while text:
            record, end = decoder.raw_decode(text)
            records.append(record)
            text = text[end:].strip()
        assert "\n  " in result.stdout  # indented
    dock, talks = records
    for record in records:
        assert set(record) == RECORD_KEYS
        assert all(set(q) == QUOTE_KEYS for q in record["quotes"])
        assert all(set(f) == {"phrase", "start", "end", "kind"} for f in record["framing"])
    assert dock["id"] == "dock" and dock["text"] == DOCK
    assert any(q["text"] == DOCK_QUOTE and q["kind"] == "direct" for q in dock["quotes"])
    direct = next(q for q in dock["quotes"] if q["text"] == DOCK_QUOTE)
    assert DOCK[direct["start"] : direct["end"]] == DOCK_QUOTE
    assert talks["id"] == "talks" and talks["title"] == TALKS_TITLE
    assert talks["outlet"] == "Coastal Ledger" and talks["published"] == "2026-11-20"
    for marker in COMMENT_MARKERS:
        assert marker not in talks["text"]


FERRY = (
    "Harbour board approves winter timetable\n"
    "The new ferry, Dana Reyes said, is ready for the storm season.\n"
    "Reyes said the old ferry would be sold in the spring.\n"
)


def test_analyze_gives_each_part_of_a_split_content_the_content_whole(tmp_path):
    (tmp_path / "ferry.txt").write_text(FERRY, encoding="utf-8")
    result = briefbot(tmp_path, "analyze", str(tmp_path / "ferry.txt"), "--jsonl")
    assert result.returncode == 0, result.stderr
    head, tail, later = [q for q in json.loads(result.stdout)["quotes"] if q["kind"] == "indirect"]
    # The parts as before: offsets of the words said only, under one attribution number.
    assert [FERRY[q["start"] : q["end"]] for q in (head, tail)] == ["The new ferry", "is ready for the storm season"]
    assert [q["text"] for q in (head, tail)] == ["The new ferry", "is ready for the storm season"]
    assert head["attribution"] == tail["attribution"] != later["attribution"]
    # Shown one record at a time, each part tells what it is part of.
    assert [(q["part"], q["parts"]) for q in (head, tail, later)] == [(1, 2), (2, 2), (1, 1)]
    assert head["whole"] == tail["whole"] == "The new ferry … is ready for the storm season"
    assert later["whole"] == later["text"] == "the old ferry would be sold in the spring"


def test_analyze_missing_file_is_reported_and_others_still_printed(tmp_path, articles):
    txt, _ = articles
    result = briefbot(tmp_path, "analyze", str(tmp_path / "absent.txt"), str(txt), "--jsonl")
    assert result.returncode == 1
    assert "absent.txt" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["id"] == "dock"


def test_brief_prints_title_and_quote_without_comments(tmp_path, articles):
    _, page = articles
    result = briefbot(tmp_path, "brief", str(page))
    assert result.returncode == 0, result.stderr
    assert TALKS_TITLE in result.stdout
    assert "We came to Geneva with a complete draft." in result.stdout
    assert "<b>" not in result.stdout  # plain text unless --html
    assert "read the article (https://ledger.example.net/a)" in result.stdout  # the page's own address
    for comment in TALKS_COMMENTS + COMMENT_MARKERS:
        assert comment not in result.stdout


def test_brief_of_a_page_without_an_address_shows_no_empty_link(tmp_path):
    page = ROOT / "tests" / "articles" / "html" / "cms_title.html"
    result = briefbot(tmp_path, "brief", str(page))
    assert result.returncode == 0, result.stderr
    assert "Dockworkers end strike after pay deal" in result.stdout
    assert "read the article" not in result.stdout and "()" not in result.stdout


def test_brief_missing_file(tmp_path):
    result = briefbot(tmp_path, "brief", str(tmp_path / "absent.html"))
    assert result.returncode == 1 and "absent.html" in result.stderr


def test_poll_once_prints_counts(tmp_path, feed_server):
    feed_server.route(
        "/articles/talks.html",
        article_page(TALKS_TITLE, TALKS_PARAGRAPHS, TALKS_COMMENTS),
        content_type="text/html; charset=utf-8",
    )
    feed_server.route("/feed.xml", rss([(TALKS_TITLE, feed_server.url("/articles/talks.html"), "Talks stall.")]))
    catalogue = tmp_path / "catalogue.toml"
    catalogue.write_text(
        f'[[feeds]]\nid = "ledger"\nname = "Coastal Ledger"\nurl = "{feed_server.url("/feed.xml")}"\n', encoding="utf-8"
    )
    env = {"CATALOGUE_FILE": str(catalogue), "FETCH_ALLOW_PRIVATE_NETWORKS": "true", "LOG_LEVEL": "WARNING"}
    result = briefbot(tmp_path, "poll", "--once", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "feeds_checked=1 not_modified=0 failed=0 disabled=0 new_articles=1 duplicates=0 from_summary=0 matches=0"
    )
    again = briefbot(tmp_path, "poll", "--once", **env)
    assert again.stdout.strip().startswith("feeds_checked=0 ")  # not due again yet
    assert (tmp_path / "cli.db").exists()


def test_poll_once_refuses_loopback_by_default(tmp_path, feed_server):
    catalogue = tmp_path / "catalogue.toml"
    catalogue.write_text(
        f'[[feeds]]\nid = "ledger"\nname = "Coastal Ledger"\nurl = "{feed_server.url("/feed.xml")}"\n', encoding="utf-8"
    )
    result = briefbot(tmp_path, "poll", "--once", CATALOGUE_FILE=str(catalogue), LOG_LEVEL="ERROR")
    assert result.returncode == 0, result.stderr
    assert "feeds_checked=1 " in result.stdout and " failed=1 " in result.stdout
    assert feed_server.requests == []


def test_poll_once_with_broken_catalogue_exits_with_a_message(tmp_path):
    catalogue = tmp_path / "catalogue.toml"
    catalogue.write_text("[[feeds]\n", encoding="utf-8")
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "CATALOGUE_FILE": str(catalogue),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "poll", "--once"],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=15,
    )
    assert result.returncode != 0
    assert "catalogue.toml" in result.stderr and "Traceback" not in result.stderr
