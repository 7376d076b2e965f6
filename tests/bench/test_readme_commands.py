"""README's bench commands run as written.

A bench that imports the test fakes (`tests.fakes...`) finds them only when the repository root is
on the import path: `python -m bench.NAME` from the root puts it there, `python bench/NAME.py`
does not unless the script adds it itself. README lists each bench in one of the two forms.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AS_FILE = re.compile(r"^- `(?:python )?bench/(\w+)\.py", re.MULTILINE)
AS_MODULE = re.compile(r"^- `python -m bench\.(\w+)", re.MULTILINE)


def needs_the_root_on_the_path(name: str) -> bool:
    source = (ROOT / "bench" / f"{name}.py").read_text(encoding="utf-8")
    return "from tests" in source and "sys.path.insert" not in source


def test_every_bench_readme_runs_as_a_file_can_run_as_a_file():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = AS_FILE.findall(readme)
    assert named, "README lists no bench as a file"
    broken = [name for name in named if needs_the_root_on_the_path(name)]
    assert not broken, f"README says bench/NAME.py for {broken}; they run only as python -m bench.NAME"


def test_every_bench_readme_names_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in AS_FILE.findall(readme) + AS_MODULE.findall(readme):
        assert (ROOT / "bench" / f"{name}.py").is_file(), f"README names bench {name}, which is not there"
