#!/usr/bin/env python3
"""The series' two commands, with nothing but Python 3.11+ and pip on the machine.

    python3 run.py lab     set everything up (first time only) and open JupyterLab at 00_start_here
    python3 run.py test    set up the test tools and run the whole test suite

Also: ``python3 run.py build`` regenerates exercises/, the question banks, the figures, the handout, the
worksheet, the answer key and the teacher guide's plans from solutions/ and data/;
``python3 run.py release`` builds the student release (no solutions) as a zip; ``python3 run.py publish
[--branch student] [--remote origin] [--push]`` commits it as a branch for learners' links;
``python3 run.py clean`` strips outputs and widget state from every notebook; ``python3 run.py grade FOLDER``
re-checks a folder of learners' exports and writes FOLDER/grades.csv; ``python3 run.py plan --sessions N
--minutes L`` prints a lesson plan; ``python3 run.py export --name "..."`` exports a learner's answers without
a browser; ``python3 run.py bench`` runs the benchmarks. Everything is installed into ``.venv/`` inside this
folder (``clean``, ``plan`` and ``export`` need nothing installed).
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
    wanted = ".[test]" if extra == "test" else "."
    stamp = VENV / f".installed-{extra or 'lab'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"installing the course{' and its test tools' if extra else ''} (first time: about a minute) ...")
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


def light(command: str, args: list[str], cwd: Path = ROOT) -> int:
    """A command that needs only this Python: the package is read from src/, nothing is installed."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    return subprocess.call([sys.executable, "-m", "summitkit.cli", command, *args], cwd=cwd, env=env)


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
    if command == "publish":
        return tool("summitkit.cli", ["publish", *args])
    if command in ("clean", "plan"):
        return light(command, args)
    if command == "export":  # a learner in a terminal: the file goes where they are
        return light(command, args, cwd=Path.cwd())
    if command == "grade":
        return tool("summitkit.cli", ["grade", *(str(Path(a).resolve()) if not a.startswith("-") else a for a in args)])
    if command == "bench":
        return tool("bench", args, extra="test")
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main())
