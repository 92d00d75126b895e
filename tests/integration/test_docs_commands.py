"""Every command the README and the teacher guide print works as printed, from a fresh clone (issue 26).

The commands are read out of the docs (fenced code blocks and inline code): cheap ones are run for real with this
machine's own Python and nothing installed (``--help``, ``plan``, ``links``, ``check``); the others (``lab``, ``test``,
``build``, ``publish``, ``lite``, ``bench``, ...) are resolved: ``run.py`` knows the subcommand and its flags parse
with the parser that will read them. The README also stays short enough for a teacher: at most 200 lines.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from drivers import load

from summitkit import cli

DOCS = ("README.md", "docs/teacher_guide.md")
run_py = load("run_py", ROOT / "run.py")
#: Placeholders the docs use, and what a teacher would type for them.
FILL = {
    "<your repository>": "https://github.com/school/summit-course",
    "<address>": "https://github.com/school/summit-course",
    "<your hub>": "https://hub.school.edu",
    "<your z2jh hub>": "hub.school.edu",
    "<you>": "school",
    "FOLDER": "solutions/class-exports",
}
#: Run for real, with nothing installed: (subcommand, what the output must say).
CHEAP = {"--help": "python3 run.py lab", "plan": "In class: ", "links": "git-pull?repo=", "check": "[ OK ] stakes.csv"}


def _code(text: str) -> list[str]:
    """The text of every fenced code block line and every inline code span."""
    blocks = re.findall(r"^\s*```[a-z]*\n(.*?)^\s*```", text, re.S | re.M)
    lines = [line for block in blocks for line in block.splitlines()]
    without = re.sub(r"^\s*```[a-z]*\n.*?^\s*```", "", text, flags=re.S | re.M)
    return lines + re.findall(r"`([^`\n]+)`", without)


def commands() -> list[str]:
    """Every ``python3 run.py ...`` and ``python3 -m summitkit ...`` command the docs print, comments cut off."""
    found = []
    for doc in DOCS:
        for code in _code((ROOT / doc).read_text(encoding="utf-8")):
            for match in re.finditer(r"python3 (?:run\.py|-m summitkit(?:\.cli)?)\b[^#\n]*", code):
                command = match.group(0).split(" && ")[0].strip().rstrip(")")
                if "[" not in command and "..." not in command:  # a synopsis, not a command to type
                    found.append(command)
    return sorted(set(found))


def _args(command: str) -> list[str]:
    for placeholder, value in FILL.items():
        command = command.replace(placeholder, value)
    words = shlex.split(command)
    return words[2:] if words[1] == "run.py" else words[3:]


def test_the_readme_is_for_teachers_and_learners():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines: move developer material to docs/"


def test_the_docs_print_the_commands_a_teacher_needs():
    found = {(_args(c) or ["help"])[0] for c in commands()}
    assert {"lab", "test", "build", "publish", "links", "check", "plan", "grade", "clean", "release", "bench", "lite"} <= found


def _declares(source: str, flag: str) -> bool:
    """Whether ``source`` declares the option ``flag`` with argparse, however the call is laid out."""
    return re.search(rf'add_argument\(\s*"{re.escape(flag)}"', source) is not None


def _resolve(args: list[str]) -> None:
    """The subcommand is run.py's and its flags parse (nothing is run)."""
    sub, rest = (args or ["--help"])[0], (args or ["--help"])[1:]
    if sub in ("--help", "-h", "help"):
        return
    assert sub in run_py.COMMANDS, f"run.py does not know {sub!r}"
    if sub in ("lab", "test"):  # passed on to JupyterLab / pytest: the paths they name exist
        assert not [a for a in rest if not a.startswith("-") and not (ROOT / a.split("::")[0]).exists()]
    elif sub == "lite":
        source = (ROOT / "tools" / "lite_site.py").read_text(encoding="utf-8")
        assert all(_declares(source, a) for a in rest if a.startswith("--")), rest
    elif sub == "bench":
        source = (ROOT / "bench" / "__main__.py").read_text(encoding="utf-8")
        if "--only" in rest:
            assert f'"{rest[rest.index("--only") + 1]}"' in source
        timings = (ROOT / "bench" / "timings.py").read_text(encoding="utf-8")
        assert all(_declares(source + timings, a) for a in rest if a.startswith("--") and a != "--only"), rest
    else:
        try:
            cli._parser().parse_args([sub, *rest])
        except SystemExit as exc:
            pytest.fail(f"python3 run.py {' '.join(args)}: its arguments do not parse ({exc})")


@pytest.mark.parametrize("command", commands())
def test_each_printed_command_resolves(command):
    _resolve(_args(command))


@pytest.mark.parametrize("sub", sorted(CHEAP))
def test_the_cheap_commands_run_as_printed_with_nothing_installed(sub, tmp_path):
    """Run from a fresh clone, with the system's Python (no venv, no course package installed)."""
    printed = [c for c in commands() if (_args(c) or ["--help"])[0] == sub]
    assert printed, f"the docs print no 'python3 run.py {sub}' command"
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    for relpath in ("run.py", "src", "data", "notebooks", "solutions", "exercises"):  # this checkout's, committed or not
        source, target = ROOT / relpath, clone / relpath
        if source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target)
    python = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else shutil.which("python3")
    for command in printed:
        done = subprocess.run(
            [python, "run.py", *_args(command)],
            cwd=clone,
            capture_output=True,
            text=True,
            timeout=120,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )
        assert done.returncode == 0, f"{command}: {done.stderr[-800:]}"
        assert CHEAP[sub] in done.stdout, f"{command}: {done.stdout[-800:]}"
        assert not (clone / ".venv").exists(), f"{command} installed something"
