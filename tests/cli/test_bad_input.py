"""`briefbot brief` and `briefbot analyze` answer bad input with one line naming it, exit 1, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main

PAGES = Path(__file__).resolve().parents[1] / "articles" / "html"


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """Run `briefbot ARGS` in-process in tmp_path (no .env), return (status, stdout, stderr)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    for name in ("OPENAI_API_KEY", "FETCH_ALLOW_PRIVATE_NETWORKS"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        status = main(list(args))
        out = capsys.readouterr()
        return status, out.out, out.err

    return run


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[str, str]]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_text("  \n\t\n", encoding="utf-8")
    (tmp_path / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said the rent was too high.".encode("latin-1"))
    return {
        "missing": (str(tmp_path / "absent.html"), "no such file"),
        "empty-txt": (str(tmp_path / "empty.txt"), "empty"),
        "blank-html": (str(tmp_path / "blank.html"), "empty"),
        "binary-image": (str(tmp_path / "photo.html"), "binary"),
        "binary-txt": (str(tmp_path / "noise.txt"), "binary"),
        "pdf": (str(tmp_path / "report.pdf"), "binary"),
        "not-utf8": (str(tmp_path / "latin1.txt"), "UTF-8"),
        "no-article-text": (str(PAGES / "no_text.html"), "no article text"),
        "directory-as-file": (str(tmp_path), "not a file"),
        "refused-url": ("http://127.0.0.1:9/article", "not allowed"),
        "refused-address": ("http://127.0.0.1/article", "loopback"),
    }


CASES = [
    "missing",
    "empty-txt",
    "blank-html",
    "binary-image",
    "binary-txt",
    "pdf",
    "not-utf8",
    "no-article-text",
    "refused-url",
    "refused-address",
]


@pytest.mark.parametrize("command", ["brief", "analyze"])
@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_line_naming_it(cli, tmp_path, command, case):
    target, problem = _bad_inputs(tmp_path)[case]
    status, out, err = cli(command, target)
    lines = err.strip().splitlines()
    assert status == 1 and out == ""
    assert len(lines) == 1, err
    assert lines[0].startswith("briefbot: ") and target in lines[0] and problem in lines[0]


def test_brief_of_a_directory_is_one_line(cli, tmp_path):
    status, _, err = cli("brief", str(tmp_path))
    assert status == 1 and err.strip() == f"briefbot: {tmp_path}: not a file"


def test_analyze_reports_each_bad_input_and_still_prints_the_good_one(cli, tmp_path):
    inputs = _bad_inputs(tmp_path)
    status, out, err = cli("analyze", inputs["empty-txt"][0], str(PAGES / "dropcap.html"), inputs["pdf"][0])
    assert status == 1
    assert out.startswith("# Grain corridor reopens after two-week pause\n")
    assert len(err.strip().splitlines()) == 2


def test_a_good_page_still_briefs(cli):
    status, out, err = cli("brief", str(PAGES / "links_spans.html"))
    assert status == 0, err
    assert out.startswith("Ferry fares rise again on the island routes\n")
    assert "especially high for families travelling with cars" in out
