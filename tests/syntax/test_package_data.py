"""The model file and its licence ship with the package (pyproject package-data)."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import bot
from bot.syntax.analysis import MODEL_FILE

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(bot.__file__).resolve().parent


def _shipped_patterns() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["package-data"]["bot"]


def _declared(path: Path) -> bool:
    rel = path.relative_to(PACKAGE).as_posix()
    return any(fnmatch(rel, pattern) for pattern in _shipped_patterns())


def test_model_licence_and_attribution_are_package_data():
    model_dir = MODEL_FILE.parent
    for name in ("ewt.npz", "LICENSE-UD-EWT.txt", "README.md"):
        path = model_dir / name
        assert path.is_file(), name
        assert _declared(path), f"{name} is not in pyproject's package-data"


def test_the_licence_is_cc_by_sa_and_the_readme_names_the_treebank():
    licence = (MODEL_FILE.parent / "LICENSE-UD-EWT.txt").read_text(encoding="utf-8")
    readme = (MODEL_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert licence.startswith("Attribution-ShareAlike 4.0 International")
    assert "English Web Treebank" in readme and "CC BY-SA 4.0" in readme


def test_the_model_is_small():
    assert MODEL_FILE.stat().st_size < 20 * 1024 * 1024
