"""The Dockerfile copies every file the package build needs.

No Docker engine here: the Dockerfile is read as text. `pip install .` inside the image
fails when a file pyproject.toml names (the readme, the licence files) was not copied in,
so each one must sit in a COPY line or under a copied folder.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def copied_paths() -> set[str]:
    paths: set[str] = set()
    for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines():
        words = line.split()
        if words[:1] == ["COPY"]:
            paths.update(word.rstrip("/") for word in words[1:-1] if not word.startswith("--"))
    return paths


def named_by_the_build() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [project["readme"], *project.get("license-files", [])]


def test_every_file_the_build_names_exists_and_is_copied_into_the_image():
    copied = copied_paths()
    for name in named_by_the_build():
        assert (ROOT / name).is_file(), f"pyproject.toml names {name}, which is not in the repository"
        covered = name in copied or any(name.startswith(folder + "/") for folder in copied)
        assert covered, f"pyproject.toml names {name}, which the Dockerfile never copies"


def test_the_licence_files_are_named():
    assert {"LICENSE", "bot/syntax/model/LICENSE-UD-EWT.txt"} <= set(named_by_the_build())
