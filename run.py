#!/usr/bin/env python3
"""The series' two commands, with nothing but Python 3.11+ and pip on the machine.

    python3 run.py lab     set everything up (first time only) and open JupyterLab at 00_start_here
    python3 run.py test    set up the test tools and run the whole test suite

Also: ``python3 run.py build`` regenerates exercises/ and the question banks from solutions/,
``python3 run.py release`` builds the student release (no solutions), ``python3 run.py lite`` builds it as a
JupyterLite site in dist/lite/ (``--teacher``: with solutions and the dashboard, in dist/lite-teacher/; see the
README), ``python3 run.py bench`` runs the benchmarks. Everything is installed into ``.venv/`` inside this folder.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"[run.py] {message}", flush=True)


def ensure_env(extra: str = "") -> None:
    """Create .venv and install the course (and the test tools) unless already done."""
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py must explain itself on an old Python
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PY.exists():
        say(f"creating a virtual environment in {VENV.name}/ ...")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as exc:  # e.g. Debian without python3-venv
            sys.exit(f"Could not create a virtual environment ({exc}). On Debian/Ubuntu: sudo apt install python3-venv")
    wanted = f".[{extra}]" if extra else "."
    stamp = VENV / f".installed-{extra or 'lab'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"installing the course{f' and its {extra} tools' if extra else ''} (first time: about a minute) ...")
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "-e", wanted], cwd=ROOT, check=True)
    stamp.write_text(digest)


def lab(args: list[str]) -> int:
    ensure_env()
    say("starting JupyterLab; stop it with Ctrl+C in this window.")
    cmd = [str(BIN / "jupyter"), "lab", "notebooks/00_start_here.ipynb", *args]
    return subprocess.call(cmd, cwd=ROOT)


def test(args: list[str]) -> int:
    ensure_env("test")
    return subprocess.call([str(PY), "-m", "pytest", *args], cwd=ROOT)


def tool(module: str, args: list[str], extra: str = "") -> int:
    ensure_env(extra)
    return subprocess.call([str(PY), "-m", module, *args], cwd=ROOT)


def main() -> int:
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("help", [])
    if command == "lab":
        return lab(args)
    if command == "test":
        return test(args)
    if command == "build":
        return tool("summitkit.cli", ["build", *args])
    if command == "release":
        return tool("summitkit.cli", ["release", *args])
    if command == "lite":
        ensure_env("lite")
        return subprocess.call([str(PY), str(ROOT / "tools" / "lite_site.py"), *args], cwd=ROOT)
    if command == "bench":
        return tool("bench", args, extra="test")
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main())
