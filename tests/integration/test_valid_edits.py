"""Edits stay green: a teacher's valid edits to data/ keep every data-dependent test and every lesson passing.

A copy of the course (a fork) gets four edits a teacher makes with a spreadsheet or a text editor -- a stake row, a
timeline event, a claim, a reworded paraphrase -- and ``run.py build``; then the fork's own data-dependent tests and
every lesson notebook run in it. Numbers and alt text come from the data and no test pins a count an edit can change,
so all of it must pass. Slow (a nested test run): about two minutes.
"""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest
from fork import add_row, change_first, command, environment, make_fork, paragraph

#: The suite's tests that read data/ (counts, figures, alt text, quotations, prose numbers, the build, the scorecard).
DATA_TESTS = (
    "test_data.py",
    "test_timeline.py",
    "test_stakes.py",
    "test_compare.py",
    "test_sources.py",
    "test_reader.py",
    "test_quotations.py",
    "test_prose_numbers.py",
    "test_figures.py",
    "test_textstats.py",
    "test_essay.py",
    "test_markup.py",
    "test_build.py",
    "test_generated.py",
    "test_plan.py",
    "test_scorecard_dashboard.py",
)


def _words(text: str, start: int, count: int) -> str:
    return " ".join(text.split()[start : start + count])


def teacher_edits(fork) -> dict[str, str]:
    """Four valid edits, each citing a real paragraph with its own words; returns what was added, by file."""
    data = fork / "data"
    stake = _words(paragraph(fork, "rsis", 5), 0, 9)
    event = _words(paragraph(fork, "38north", 1), 0, 8)
    claim = _words(paragraph(fork, "rsis", 3), 0, 10)
    add_row(
        data / "stakes.csv",
        {
            "actor": "Russia",
            "kind": "fears",
            "stake": "Being left out of the talks on Korea (added by a teacher)",
            "source": "rsis",
            "paragraph": "5",
            "quote": stake,
        },
    )
    add_row(
        data / "timeline.csv",
        {
            "id": "teacher-added-event",
            "date": "2019-04-24",
            "end_date": "2019-04-26",
            "precision": "day",
            "event": "Kim's trip to Russia, as a teacher added it",
            "actors": "North Korea;Russia",
            "source": "38north",
            "paragraph": "1",
            "quote": event,
        },
    )
    add_row(
        data / "claims.csv",
        {
            "id": "teacher-added-claim",
            "topic": "summit-purpose",
            "relation": "only-rsis",
            "rsis_paragraph": "3",
            "rsis_quote": claim,
            "explanation": "Only RSIS says this (a row a teacher added to try the table).",
        },
    )
    change_first(data / "stakes.csv", "stake", "Showed the world that Putin counts in the North Korea game (reworded)")
    return {"stakes.csv": stake, "timeline.csv": event, "claims.csv": claim}


@pytest.fixture(scope="module")
def edited_fork(tmp_path_factory):
    fork = make_fork(tmp_path_factory.mktemp("edits") / "summit-course", in_git=False)
    added = teacher_edits(fork)
    checked = command(fork, "check")
    assert checked.returncode == 0, checked.stderr
    built = command(fork, "build")
    assert built.returncode == 0, built.stderr
    return fork, added


def _count(fork, name: str, **match: str) -> int:
    with (fork / "data" / name).open(encoding="utf-8", newline="") as handle:
        return sum(1 for row in csv.DictReader(handle) if all(row[k] == v for k, v in match.items()))


def test_the_figures_words_follow_the_edits(edited_fork):
    """The alt text of each lesson figure counts the edited data (computed here with the csv module)."""
    fork, _ = edited_fork
    code = "from summitkit import compare, stakes, timeline\nprint(timeline.alt_text()); print(stakes.alt_text()); print(compare.figure().alt)"
    out = subprocess.run([sys.executable, "-c", code], cwd=fork, env=environment(fork), capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    with (fork / "data" / "timeline.csv").open(encoding="utf-8", newline="") as handle:
        events = len({row["id"] for row in csv.DictReader(handle)})
    assert f"A timeline of {events} events" in out.stdout
    assert f"chart of {_count(fork, 'claims.csv')} claims" in out.stdout
    assert f"RSIS {_count(fork, 'stakes.csv', actor='Russia', source='rsis')} (" in out.stdout.split("North Korea:")[0]


def _pytest(fork, *args: str) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header", *args],
        cwd=fork,
        env=environment(fork),
        capture_output=True,
        text=True,
        timeout=1200,
    )
    return proc.returncode, "\n".join(proc.stdout.splitlines()[-40:]) + proc.stderr[-2000:]


def test_the_data_tests_pass_after_valid_edits(edited_fork):
    fork, _ = edited_fork
    tests = [f"tests/unit/{name}" for name in DATA_TESTS if (fork / "tests" / "unit" / name).is_file()]
    code, tail = _pytest(fork, *tests)
    assert code == 0, f"after valid data edits, the fork's tests fail:\n{tail}"


def test_every_lesson_runs_after_valid_edits(edited_fork):
    fork, _ = edited_fork
    lessons = [
        f"tests/integration/test_notebooks_run.py::test_notebook_runs_top_to_bottom[notebooks/{p.name}]"
        for p in sorted((fork / "notebooks").glob("*.ipynb"))
    ]
    code, tail = _pytest(fork, *lessons)
    assert code == 0 and f"{len(lessons)} passed" in tail, f"after valid data edits, a lesson fails:\n{tail}"
