"""The command line as an operator runs it: `python -m bot ARGS` in a subprocess with a clean environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def briefbot(tmp_path: Path, *args: str, database: str = "cli.db", **env: str) -> subprocess.CompletedProcess:
    """`python -m bot ARGS` in tmp_path (so no .env is read), with only `env` set and the
    SQLite database at tmp_path / `database`."""
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / database}",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
