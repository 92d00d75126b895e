"""The student release: the lessons, exercises, data and package a learner needs, and nothing of the teacher's.

:func:`stage` writes it into a folder; :func:`build_release` zips that folder (``run.py release``) and
:mod:`summitkit.publish` commits it as a branch (``run.py publish``). What it holds:

- ``notebooks/``, ``exercises/``, ``data/`` (the texts, the question banks with answers sealed, the figures, the
  handout and the worksheet), ``src/summitkit``, ``binder/``, ``pyproject.toml``, ``environment.yml``, ``run.py``,
  ``Makefile``; every notebook stripped of outputs and widget state;
- a ``summitkit`` link in ``notebooks/`` and ``exercises/`` to ``../src/summitkit`` (the published branch), or a real
  copy of the package there (the folder and the zip of ``run.py release``, for computers that cannot unpack links),
  so a notebook imports the course's own package with nothing installed;
- ``README.md`` for learners, made from ``docs/student-readme.md`` (the lessons and their minutes filled in, and
  the texts' attribution from the teacher's README): how to start, where answers are saved, how to hand in.

Never: ``solutions/`` (with the answer key), ``docs/``, ``tests/``, the teacher's README, learners' exports.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from pathlib import Path

from summitkit import plan
from summitkit.nbfiles import dumps, strip, title

INCLUDE = ("notebooks", "exercises", "data", "src", "binder", "pyproject.toml", "environment.yml", "run.py", "Makefile")
#: Folders whose notebooks import the package through a ``summitkit`` link to ``../src/summitkit``.
LINKED = ("notebooks", "exercises")
PACKAGE_LINK = "../src/summitkit"
STUDENT_README = Path("docs") / "student-readme.md"
#: Where the lessons table goes in the student README's template.
LESSONS_MARK = "<!-- lessons -->"
ATTRIBUTION = "## The texts: attribution and rights"
_SKIP = shutil.ignore_patterns(
    "__pycache__",
    "*.pyc",
    ".ipynb_checkpoints",
    "*.egg-info",
    "class-exports",
    "summit-export-*.json",
    ".summit_course",
    "progress*.json",
)
#: Words that only the teacher's material uses: the student README must hold none of them.
TEACHER_WORDS = ("solutions/", "unscramble", "scrambled", "sealed", "run.py build", "run.py grade", "answer key")


class ReleaseError(ValueError):
    """The student release cannot be made (the message says why and what to do)."""


def _lessons_table(root: Path) -> str:
    times = plan.minutes(root)
    rows = ["| lesson | what it is about | minutes | then the exercises | minutes |", "|---|---|---|---|---|"]
    exercises = {Path(k).name[:2]: k for k in times if k.startswith("exercises/")}
    for path in plan.lessons(root):
        name = title(path)
        about = name.split(":", 1)[1].strip() if ":" in name else name
        exercise = exercises.get(path.name[:2])
        rows.append(
            f"| `notebooks/{path.name}` | {about} | {times['notebooks/' + path.name]} | "
            f"{f'`{exercise}`' if exercise else '—'} | {times[exercise] if exercise else '—'} |"
        )
    return "\n".join(rows)


def _section(markdown: str, heading: str) -> str:
    """A ``## `` section of a Markdown text, heading included ('' if it has none)."""
    start = markdown.find(heading + "\n")
    if start < 0:
        return ""
    end = markdown.find("\n## ", start + len(heading))
    return markdown[start : end if end > 0 else len(markdown)].strip()


def student_readme(root: Path) -> str:
    """The README learners get: ``docs/student-readme.md`` with the lessons filled in and the texts' attribution."""
    template = root / STUDENT_README
    if not template.is_file():
        raise ReleaseError(
            f"{STUDENT_README} is missing: it is the README learners get (restore it from the course's repository)"
        )
    text = template.read_text(encoding="utf-8").replace(LESSONS_MARK, _lessons_table(root))
    attribution = _section(
        (root / "README.md").read_text(encoding="utf-8") if (root / "README.md").is_file() else "", ATTRIBUTION
    )
    if attribution:
        text = text.rstrip() + "\n\n" + attribution + "\n"
    found = [word for word in TEACHER_WORDS if word in text]
    if found:
        raise ReleaseError(
            f"{STUDENT_README} mentions teacher's material ({', '.join(found)}): learners get this file, take it out"
        )
    return text


def stage(root: Path, folder: Path, package_links: bool = True) -> Path:
    """Write the student release of the course at ``root`` into ``folder`` (emptied first); return ``folder``.

    With ``package_links`` the notebook folders hold a ``summitkit`` link to ``../src/summitkit`` (what git stores);
    without, a real copy of the package (what a zip can carry anywhere).
    """
    readme = student_readme(root)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in INCLUDE:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=_SKIP, symlinks=package_links)
        elif source.is_file():
            shutil.copy2(source, folder / name)
    for path in sorted(folder.rglob("*.ipynb")):
        if path.is_file() and not path.is_symlink():
            path.write_text(dumps(strip(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
    for name in LINKED:
        link = folder / name / "summitkit"
        if not (folder / name).is_dir():
            continue
        if package_links and not link.is_symlink():
            if link.exists():
                shutil.rmtree(link)
            link.symlink_to(PACKAGE_LINK, target_is_directory=True)
        elif not package_links and not link.is_dir():
            shutil.copytree(folder / "src" / "summitkit", link, ignore=_SKIP)
    (folder / "README.md").write_text(readme, encoding="utf-8")
    problems = check(folder)
    if problems:
        shutil.rmtree(folder)
        raise ReleaseError("the student release would hold teacher's material, so nothing was made:\n- " + "\n- ".join(problems))
    return folder


def check(folder: Path) -> list[str]:
    """What must never be in a student release, found in ``folder`` (a last guard; the tests look for answers too)."""
    problems = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if relative == "solutions" or relative.startswith("solutions/") or path.name in ("answer-key.html", "teacher_guide.md"):
            problems.append(f"{relative} is teacher's material")
        elif re.match(r"summit-export-.*\.json$", path.name):
            problems.append(f"{relative} is a learner's export")
    readme = folder / "README.md"
    if readme.is_file() and any(word in readme.read_text(encoding="utf-8") for word in TEACHER_WORDS):
        problems.append("README.md is the teacher's README")
    return problems


def build_release(root: Path, out: Path) -> tuple[Path, Path]:
    """Stage the student release in ``out/summit-course`` and zip it; return both paths.

    Both hold a real copy of the package in each notebook folder, not a link (Windows cannot unpack links).
    """
    folder = stage(root, out / "summit-course", package_links=False)
    archive = out / "summit-course.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for current, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                path = Path(current) / name
                zf.write(path, path.relative_to(out))
    return folder, archive
