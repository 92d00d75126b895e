"""Every file ``python3 run.py build`` writes, and which of them are out of date.

The build makes, from ``solutions/`` and ``data/``:

- ``exercises/<name>.ipynb`` and ``data/questions/<name>.json`` (:mod:`summitkit.quiz.build`);
- ``data/figures/`` (:mod:`summitkit.figures`; a figure is current while its fingerprint matches);
- ``data/handout.html`` (the texts with paragraph numbers) and ``data/worksheet.html`` (the questions on paper),
  which the student release carries (:mod:`summitkit.printables`);
- ``solutions/answer-key.html``, for the teacher only: the student release leaves ``solutions/`` out;
- from the timings benchmark's results (``bench/results/timings.json``, written by ``python3 run.py bench --only timings``):
  ``data/timings.csv``, the **Time:** line of each lesson and solution notebook and the map in ``00_start_here``
  (:func:`summitkit.plan.timed_texts`); they are written first, as the exercises, plans and README table read them;
- the lesson plans in ``docs/teacher_guide.md`` and the table of lessons in ``README.md`` (minutes and totals),
  between their markers (:mod:`summitkit.plan`).

:func:`stale` compares what the build would write now with what is on disk, so ``run.py publish`` and
``run.py release`` never hand out exercises made from an older version of the solutions.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from summitkit import plan, printables
from summitkit.figures import build_figures, load_all, prebuilt
from summitkit.nbfiles import title
from summitkit.paths import ENV_DATA, data_dir
from summitkit.quiz.build import declared_specs, exercise_notebooks, generate, solution_notebooks

HANDOUT = Path("data") / "handout.html"
WORKSHEET = Path("data") / "worksheet.html"
ANSWER_KEY = Path("solutions") / "answer-key.html"


@contextlib.contextmanager
def course_data(root: Path) -> Iterator[Path]:
    """Read the data of the course at ``root`` (not of whichever course the current folder is in) while inside."""
    wanted = (root / "data").resolve()
    if data_dir() == wanted:
        yield wanted
        return
    old = os.environ.get(ENV_DATA)
    os.environ[ENV_DATA] = str(wanted)
    try:
        yield wanted
    finally:
        if old is None:
            os.environ.pop(ENV_DATA, None)
        else:
            os.environ[ENV_DATA] = old


def lesson_titles(root: Path) -> dict[str, str]:
    """Each lesson's title by number ('01': '01 · The sources: ...'), from the lesson notebooks."""
    return {path.name[:2]: title(path) for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb"))}


def texts(root: Path) -> list[tuple[Path, str]]:
    """Every text file the build writes (all but the figures): (path relative to ``root``, text). BuildError if it cannot."""
    with course_data(root):
        if not solution_notebooks(root):  # a student's copy: nothing to build from, and no answer key to make
            return [(HANDOUT, printables.handout_html())]
        timed = plan.timed_texts(root)
        files = generate(root)
        bank: dict[str, dict] = {}
        for relative, text in files:  # the worksheet comes from the banks being written now, not those on disk
            if relative.parts[:2] == ("data", "questions"):
                bank.update({entry["id"]: entry for entry in json.loads(text)["questions"]})
        titles = lesson_titles(root)
        files += [
            (HANDOUT, printables.handout_html()),
            (WORKSHEET, printables.worksheet_html(bank, titles)),
            (ANSWER_KEY, printables.answer_key_html(declared_specs(root), titles)),
        ]
        guide = root / plan.GUIDE
        if guide.is_file():
            before = guide.read_text(encoding="utf-8")
            files.append((plan.GUIDE, plan.with_plans(before, root)))
        readme = root / plan.README
        if readme.is_file():
            files.append((plan.README, plan.with_lesson_table(readme.read_text(encoding="utf-8"), root)))
    return timed + files


def stale_figures(root: Path) -> list[str]:
    """The lesson figures whose built picture no longer matches their code or data."""
    with course_data(root):
        return [f"data/figures/{name}.svg" for name in sorted(load_all()) if prebuilt(name) is None]


def stale(root: Path) -> list[str]:
    """What ``run.py build`` would change, one line each ('exercises/03_stakes.ipynb is out of date'), and the notebooks
    whose minutes were counted before they changed (:func:`summitkit.plan.stale_timings`: re-time, then build); [] when current.

    BuildError (from the build itself) when a solution cannot be built at all.
    """
    problems = []
    for relative, text in texts(root):
        path = root / relative
        if not path.is_file():
            problems.append(f"{relative.as_posix()} is missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{relative.as_posix()} is out of date")
    made = {p.name for p in exercise_notebooks(root)}
    problems += (
        []
        if not made
        else [
            f"exercises/{p.name} was not made from any solution notebook (delete it, or restore its solution)"
            for p in sorted((root / "exercises").glob("*.ipynb"))
            if p.name not in made
        ]
    )
    problems += [f"{name} is out of date" for name in stale_figures(root)]
    if made:  # a teacher's copy: the minutes must have been counted for the notebooks as they are (a student's has no solutions)
        problems += plan.stale_timings(root)
    return problems


def _write(root: Path, relative: Path, text: str) -> Path:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def write_all(root: Path) -> list[Path]:
    """Write everything the build makes; return the files written. Nothing is written if a solution cannot be built.

    The minutes from the timings benchmark go in first (the solutions' Time: lines, which the exercises copy, and the
    lessons', which the plans and the README table read), then everything made from the notebooks as they now are."""
    with course_data(root):
        teachers = bool(solution_notebooks(root))
        if teachers:
            generate(root)  # a solution that cannot be built stops here (BuildError), before anything is written
    for relative, text in plan.timed_texts(root) if teachers else []:
        _write(root, relative, text)
    written = [_write(root, relative, text) for relative, text in texts(root)]
    with course_data(root) as data:
        written += build_figures(data)
    return written
