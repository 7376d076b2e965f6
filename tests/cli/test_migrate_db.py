"""`briefbot migrate-db`, run as an operator would, from a SQLite installation into another database."""

from __future__ import annotations

from bot.store import Store
from tests.cli.test_cli import briefbot
from tests.store.installation import dump, fill


async def test_an_installation_moves_to_postgresql_and_a_second_run_changes_nothing(tmp_path, postgres_url):
    old = f"sqlite:///{tmp_path / 'old.db'}"
    async with await Store.open(old) as source:
        await fill(source)
        before = await dump(source)
    first = briefbot(tmp_path, "migrate-db", "--from", old, "--to", postgres_url)
    assert first.returncode == 0, first.stderr
    assert "articles: 1 rows" in first.stdout and "quotes: 5 rows" in first.stdout
    assert first.stdout.splitlines()[-1].startswith(f"copied {sum(map(len, before.values()))} rows from {old} to ")
    second = briefbot(tmp_path, "migrate-db", "--from", old, "--to", postgres_url)
    assert (second.returncode, second.stdout) == (0, first.stdout)
    async with await Store.open(postgres_url) as target:
        assert await dump(target) == before
        assert [hit.text for hit in await target.speakers.quotes(match='"marvel city"')][:1] == [
            "Our troops have left the centre of Calderia, from Marvel City. "
            "The authorities in Marvel City refused the Lakeport accords."
        ]


def test_bad_addresses_get_one_line_and_nothing_is_created(tmp_path):
    cases = [
        (("--from", "mysql://x/y", "--to", f"sqlite:///{tmp_path / 'new.db'}"), "is not a database URL"),
        (("--from", f"sqlite:///{tmp_path / 'none.db'}", "--to", f"sqlite:///{tmp_path / 'new.db'}"), "no database"),
        (("--from", f"sqlite:///{tmp_path / 'a.db'}", "--to", f"sqlite:///{tmp_path / 'a.db'}"), "the same database"),
    ]
    for args, message in cases:
        result = briefbot(tmp_path, "migrate-db", *args)
        assert result.returncode == 2 and message in result.stderr and len(result.stderr.splitlines()) == 1
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "new.db").exists() and not (tmp_path / "none.db").exists()
