"""The code is ruff-clean (package, tests, notebooks)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_ruff_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff") or "ruff"
    result = subprocess.run([ruff, "check", "src", "tests", "tools", "notebooks", "exercises", "solutions", "run.py"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_import_is_light():
    """Importing the package must not pull in widgets or matplotlib (lessons load them when needed)."""
    code = "import sys, summitkit; print(sorted(m for m in ('ipywidgets', 'matplotlib', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
