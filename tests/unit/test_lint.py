"""The code is ruff-clean (package, tests, notebooks)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff") or "ruff"


def test_ruff_clean():
    result = subprocess.run(
        [RUFF, "check", "src", "tests", "bench", "tools", "notebooks", "exercises", "solutions", "run.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_clean():
    """The code is laid out by ``ruff format`` (pyproject.toml's settings), so a diff shows only what changed."""
    result = subprocess.run(
        [RUFF, "format", "--check", "src", "tests", "bench", "tools", "run.py"], cwd=ROOT, capture_output=True, text=True
    )
    files = sorted({m.group(1) for m in re.finditer(r"^(?:Would reformat: |\s*--> )([^:\s]+)", result.stdout, re.M)})
    assert result.returncode == 0, (
        f"{len(files)} files are not formatted: run .venv/bin/ruff format src tests bench tools run.py\n"
        + "\n".join(files[:20])
        + result.stderr
    )


def test_package_import_is_light():
    """Importing the package must not pull in widgets or matplotlib (lessons load them when needed)."""
    code = "import sys, summitkit; print(sorted(m for m in ('ipywidgets', 'matplotlib', 'numpy', 'IPython') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_doctests_run_once():
    """pytest collects the package's docstring examples (testpaths includes src, --doctest-modules); no test runs them again."""
    calls = [p.name for p in (ROOT / "tests").rglob("*.py") if "doctest.test" + "mod(" in p.read_text(encoding="utf-8")]
    assert calls == []
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "src"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    items = [line for line in out.splitlines() if line.startswith("src/")]
    assert items and len(items) == len(set(items))


def test_test_files_do_not_import_each_other():
    """What two test files share lives in a helper module beside them (tests/fork.py, tests/kernel.py, ...): importing a
    test file from another collects its tests twice and ties the tiers together."""
    found = [
        f"{p.relative_to(ROOT)}: {line.strip()}"
        for p in (ROOT / "tests").rglob("*.py")
        for line in p.read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*(from|import) test_\w+", line)
    ]
    assert found == []


def test_every_test_file_is_in_a_tier_folder():
    """A test file sits in its tier's folder (docs/developing.md, "Tests"): tests/unit/ (python3 run.py test --quick),
    tests/integration/, or an end-to-end folder; tests/ itself holds only the helpers and conftest.py."""
    tiers = {"unit", "integration", "e2e", "browser", "hub", "lite"}
    misplaced = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "tests").rglob("test_*.py")
        if p.relative_to(ROOT / "tests").parts[0] not in tiers
    ]
    assert misplaced == [], "move each into tests/unit/, tests/integration/ or tests/e2e/ by the rule in docs/developing.md"
