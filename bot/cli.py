"""The `briefbot` command: run [--webhook], worker, status, poll --once, brief, analyze, migrate-db."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys

from bot.catalogue import CatalogueError
from bot.settings import Settings, SettingsError, load_settings
from bot.startup import StartupError

log = logging.getLogger("bot")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"briefbot: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # A tick still running when the next is due is skipped on purpose (max_instances=1), not worth a warning.
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its "discarding data" is our one-line error
    try:
        return args.func(settings, args)
    except (CatalogueError, StartupError) as error:
        print(f"briefbot: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbot", description="News briefings that keep quotes, paraphrase and framing apart."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the Telegram bot (long polling, or --webhook)")
    run.add_argument(
        "--webhook", action="store_true", help="take updates on WEBHOOK_LISTEN from WEBHOOK_URL (with WEBHOOK_SECRET)"
    )
    run.set_defaults(func=_run)
    commands.add_parser("worker", help="poll, analyse and send; no Telegram updates").set_defaults(func=_worker)
    commands.add_parser("status", help="each process's last tick, its leases, and the queue").set_defaults(func=_status)
    poll = commands.add_parser("poll", help="ingest due feeds")
    poll.add_argument("--once", action="store_true", required=True, help="one cycle, then exit")
    poll.set_defaults(func=_poll)
    brief = commands.add_parser("brief", help="print the briefing for one article")
    brief.add_argument("target", metavar="FILE_OR_URL")
    brief.add_argument("--html", action="store_true", help="print the Telegram HTML instead of plain text")
    brief.set_defaults(func=_brief)
    analyze = commands.add_parser("analyze", help="print extracted articles with their quotes and framing")
    analyze.add_argument("targets", metavar="FILE_OR_URL", nargs="+")
    form = analyze.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one indented JSON document per input")
    form.add_argument("--jsonl", action="store_true", help="one JSON object per line per input")
    analyze.set_defaults(func=_analyze)
    migrate_db = commands.add_parser("migrate-db", help="copy every table of one database into another")
    migrate_db.add_argument("--from", dest="source", required=True, metavar="URL", help="sqlite:///old.db, ...")
    migrate_db.add_argument("--to", dest="target", required=True, metavar="URL", help="postgresql://user@host/db")
    migrate_db.set_defaults(func=_migrate_db)
    return parser


def _migrate_db(settings: Settings, args: argparse.Namespace) -> int:
    from bot.runtime import migrate_database

    return asyncio.run(migrate_database(args.source, args.target))


def _run(settings: Settings, args: argparse.Namespace) -> int:
    missing = _missing_for_bot(settings, webhook=args.webhook)
    if missing:
        print(f"briefbot: {missing}", file=sys.stderr)
        return 2
    from bot.runtime import run_bot

    return run_bot(settings, webhook=args.webhook)


def _worker(settings: Settings, args: argparse.Namespace) -> int:
    missing = _missing_for_bot(settings, webhook=False)
    if missing:
        print(f"briefbot: {missing}", file=sys.stderr)
        return 2
    from bot.runtime import run_worker

    return run_worker(settings)


def _missing_for_bot(settings: Settings, *, webhook: bool) -> str | None:
    """The one line naming a setting the bot cannot start without, or None."""
    if not settings.telegram_bot_token:
        return "setting TELEGRAM_BOT_TOKEN is missing: get one from @BotFather and put it in the environment or .env"
    if webhook and not settings.webhook_url:
        return "setting WEBHOOK_URL is missing: the public https:// address Telegram posts updates to"
    if webhook and not settings.webhook_secret:
        return "setting WEBHOOK_SECRET is missing: 1-256 letters, digits, _ or -, known only to you and Telegram"
    return None


def _status(settings: Settings, args: argparse.Namespace) -> int:
    from bot.runtime import process_status

    print(asyncio.run(process_status(settings)))
    return 0


def _poll(settings: Settings, args: argparse.Namespace) -> int:
    from bot.runtime import poll_once

    report = asyncio.run(poll_once(settings))
    print(report.line())
    return 0


def _brief(settings: Settings, args: argparse.Namespace) -> int:
    from bot.ingest.load import ArticleInputError
    from bot.runtime import brief_one

    try:
        print(asyncio.run(brief_one(settings, args.target, html=args.html)))
    except ArticleInputError as error:
        print(f"briefbot: {error}", file=sys.stderr)
        return 1
    return 0


def _analyze(settings: Settings, args: argparse.Namespace) -> int:
    from bot.runtime import analyze_targets

    status = 0
    for record, error in analyze_targets(settings, args.targets):
        if record is None:
            print(f"briefbot: {error}", file=sys.stderr)
            status = 1
        elif args.jsonl:
            print(json.dumps(record, ensure_ascii=False))
        elif args.json:
            print(json.dumps(record, ensure_ascii=False, indent=2))
        else:
            print(_analysis_text(record))
    return status


def _analysis_text(record: dict) -> str:
    lines = [
        f"# {record['title'] or record['id']}",
        f"outlet: {record['outlet']}  published: {record['published']}",
        "",
    ]
    for q in record["quotes"]:
        who = q["speaker"] or "?"
        if q["speaker_role"]:
            who += f" ({q['speaker_role']})"
        if q["via"]:
            who += f" via {q['via']}"
        lines.append(f"[{q['kind']}] {who}: {q['text']}")
    for f in record["framing"]:
        lines.append(f"[framing:{f['kind']}] {f['phrase']}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
