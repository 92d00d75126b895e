#!/usr/bin/env python3
"""The series' two commands, with nothing but Python 3.11+ and pip on the machine.

    python3 run.py lab     set everything up (first time only) and open JupyterLab on the course, at 00_start_here
    python3 run.py test    set up the test tools and run the whole test suite (--quick: the unit tier only, in minutes)

Also: ``python3 run.py build`` regenerates exercises/, the question banks, the figures, the handout, the
worksheet, the answer key and the teacher guide's plans from solutions/ and data/;
``python3 run.py release`` builds the student release (no solutions) as a zip; ``python3 run.py publish
[--branch student] [--remote origin] [--push]`` commits it as a branch for learners' links;
``python3 run.py lite`` builds it as a JupyterLite site in dist/lite/ (``--teacher``: with solutions and the
dashboard, in dist/lite-teacher/; see the README);
``python3 run.py links --repo URL [--hub URL] [--branch student]`` prints the Binder and JupyterHub links for
your copy of the course; ``python3 run.py clean`` strips outputs and widget state from every notebook;
``python3 run.py grade FOLDER`` re-checks a folder of learners' exports and writes FOLDER/grades.csv;
``python3 run.py feedback FOLDER`` writes one feedback page per learner into FOLDER/feedback/;
``python3 run.py plan --sessions N --minutes L`` prints a lesson plan; ``python3 run.py check`` checks every data file; ``python3 run.py export --name "..."``
exports a learner's answers without a browser; ``python3 run.py bench`` runs the benchmarks. Everything is
installed into ``.venv/`` inside this folder (``links``, ``clean``, ``check``, ``plan`` and ``export`` need nothing installed).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
# The course's JupyterLab settings (no news pop-up over the widgets, no update check); Binder's postBuild uses them too.
OVERRIDES = ROOT / "binder" / "overrides.json"
START = "notebooks/00_start_here.ipynb"


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
    enough = [stamp] if extra else [stamp, VENV / ".installed-test"]  # the test tools include everything lab needs
    if any(s.exists() and s.read_text() == digest for s in enough):
        return
    say(f"installing the course{f' and its {extra} tools' if extra else ''} (first time: about a minute) ...")
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "-e", wanted], cwd=ROOT, check=True)
    stamp.write_text(digest)


def lab_settings() -> None:
    """Put the course's JupyterLab settings (binder/overrides.json) into the environment's own settings folder."""
    target = VENV / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    try:
        settings = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    except ValueError:
        settings = {}
    for plugin, values in json.loads(OVERRIDES.read_text(encoding="utf-8")).items():
        settings.setdefault(plugin, {}).update(values)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")


def lab(args: list[str]) -> int:
    ensure_env()
    lab_settings()
    # The whole course in the file browser (notebooks/, exercises/, data/), opening at the first lesson.
    cmd = [str(BIN / "jupyter"), "lab", f"--ServerApp.root_dir={ROOT}", f"--LabApp.default_url=/lab/tree/{START}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        say("running as root (a container or a cloud machine?): starting JupyterLab with --allow-root.")
        cmd.append("--allow-root")
    say("starting JupyterLab on the course folder; stop it with Ctrl+C in this window.")
    return subprocess.call([*cmd, *args], cwd=ROOT)


#: The unit tier (``--quick``): the package's doctests and tests/unit/, no kernel, browser, hub or fork (docs/developing.md, "Tests").
QUICK = ["tests/unit", "src"]


def test(args: list[str]) -> int:
    """The whole suite, or with ``--quick`` the unit tier only, its time said at the end."""
    ensure_env("test")
    if "--quick" not in args:
        return subprocess.call([str(PY), "-m", "pytest", *args], cwd=ROOT)
    rest = [a for a in args if a != "--quick"]
    start = time.monotonic()
    code = subprocess.call([str(PY), "-m", "pytest", *rest, *QUICK], cwd=ROOT)
    minutes, seconds = divmod(round(time.monotonic() - start), 60)
    say(f"quick tier (unit tests and doctests) took {minutes} min {seconds:02d} s")
    return code


def tool(module: str, args: list[str], extra: str = "") -> int:
    ensure_env(extra)
    return subprocess.call([str(PY), "-m", module, *args], cwd=ROOT)


def light(command: str, args: list[str], cwd: Path = ROOT) -> int:
    """A command that needs only this Python: the package is read from src/, nothing is installed."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    return subprocess.call([sys.executable, "-m", "summitkit.cli", command, *args], cwd=cwd, env=env)


#: Every subcommand main() runs (the docs' commands are checked against it: tests/integration/test_docs_commands.py).
COMMANDS = (
    "lab",
    "test",
    "build",
    "release",
    "publish",
    "clean",
    "plan",
    "check",
    "links",
    "export",
    "grade",
    "feedback",
    "lite",
    "bench",
)


def main() -> int:
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("help", [])
    if command not in COMMANDS:
        print(__doc__)
        return 0 if command in ("help", "-h", "--help") else 2
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
    if command in ("clean", "plan", "check", "links"):
        return light(command, args)
    if command == "export":  # a learner in a terminal: the file goes where they are
        return light(command, args, cwd=Path.cwd())
    if command in ("grade", "feedback"):
        return tool("summitkit.cli", [command, *(str(Path(a).resolve()) if not a.startswith("-") else a for a in args)])
    if command == "lite":
        ensure_env("lite")
        return subprocess.call([str(PY), str(ROOT / "tools" / "lite_site.py"), *args], cwd=ROOT)
    if command == "bench":
        return tool("bench", args, extra="test")
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main())
