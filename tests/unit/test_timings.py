"""Time estimates: counted by bench/timings.py into bench/results/timings.json (and nothing else), put by the build in
data/timings.csv, the Time: lines and 00's map, and the same everywhere a learner or teacher reads them.

The estimator's counting and arithmetic are checked on a made-up notebook; the course's numbers are checked for agreement
(CSV, Time: lines, the map in 00_start_here, the README), not re-measured here (that runs every notebook: see bench/).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from drivers import load

from summitkit import plan
from summitkit.quiz.build import exercise_name

timings = load("bench_timings", ROOT / "bench" / "timings.py")  # by its path: the bench folder is not on the test path


def _read_csv(path: Path) -> dict[str, int]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["notebook"]: int(row["minutes"]) for row in csv.DictReader(handle)}


ESTIMATED = _read_csv(ROOT / "data" / "timings.csv")


def _time_line(path: Path) -> int:
    first = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
    return int(re.search(r"\*\*Time:\*\* about (\d+) minutes", first).group(1))


def test_every_lesson_and_exercise_has_its_minutes():
    assert sorted(ESTIMATED) == sorted(timings.notebooks(ROOT))
    assert all(m >= 5 and m % 5 == 0 for m in ESTIMATED.values())


@pytest.mark.parametrize("relpath", sorted(ESTIMATED))
def test_each_time_line_says_the_estimate(relpath):
    assert _time_line(ROOT / relpath) == ESTIMATED[relpath], f"{relpath}: run {plan.RETIME}, then python3 run.py build"


def test_the_map_in_start_here_gives_each_lesson_and_exercise_its_minutes():
    start = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in start["cells"] if c["cell_type"] == "markdown")
    for path in sorted((ROOT / "notebooks").glob("0[0-9]_*.ipynb")):
        row = re.search(rf"^\| `{path.stem}` \|[^|\n]*\| (\d+) min \| (\d+) min \|$", text, re.M)
        assert row, f"{path.stem} is not in the map"
        assert int(row.group(1)) == ESTIMATED[f"notebooks/{path.name}"]
        assert int(row.group(2)) == ESTIMATED[f"exercises/{exercise_name(path.name)}"]


def test_the_readme_table_gives_the_same_minutes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "notebooks").glob("0[0-9]_*.ipynb")):
        exercise = exercise_name(path.name)
        row = re.search(
            rf"^\| `notebooks/{path.stem}` \|.*\| (\d+) min \| `exercises/{Path(exercise).stem}` \((\d+) min\) \|$", readme, re.M
        )
        assert row, f"{path.stem}: no row in the README's table of lessons"
        assert (int(row.group(1)), int(row.group(2))) == (ESTIMATED[f"notebooks/{path.name}"], ESTIMATED[f"exercises/{exercise}"])


def test_the_csv_is_the_benchmark_results_as_the_build_writes_them():
    rows = json.loads((ROOT / plan.RESULTS).read_text(encoding="utf-8"))["notebooks"]
    assert (ROOT / plan.TIMINGS).read_text(encoding="utf-8") == plan.timings_csv(rows)


def test_the_minutes_are_the_counts_times_the_recorded_calibration():
    """data/timings.csv is what bench/results/timings.json says: raw minutes × the factor from the observed notebooks."""
    results = json.loads((ROOT / plan.RESULTS).read_text(encoding="utf-8"))
    calibration = results["calibration"]
    observed = calibration["notebooks"].values()
    assert {n["lesson"] for n in observed} == set(timings.CALIBRATION["lessons"]) and len(observed) == 6
    assert calibration["factor"] == pytest.approx(
        timings.CALIBRATION["minutes"] / sum(n["raw_minutes"] for n in observed), rel=0.01
    )
    for row in results["notebooks"]:
        assert ESTIMATED[row["notebook"]] == timings.rounded(row["raw_minutes"] * calibration["factor"])
    for counted in results["counts"]:
        raw = timings.minutes(timings.Counts(**counted))
        assert raw == pytest.approx(
            next(r["raw_minutes"] for r in results["notebooks"] if r["notebook"] == counted["notebook"]), abs=0.06
        )


# --- the estimator on a made-up notebook --------------------------------------------------------------------------


def _cell(kind: str, text: str, outputs: list | None = None) -> dict:
    cell = {"cell_type": kind, "metadata": {}, "source": text}
    if kind == "code":
        cell.update(outputs=outputs or [], execution_count=None)
    return cell


def test_counting_and_converting_a_made_up_notebook():
    notebook = {
        "cells": [
            _cell("markdown", "# Toy\n\nRead this now, please."),  # 5 words
            _cell("code", 'from summitkit import quiz\nquiz.show("99-a")'),
            _cell("code", 'quiz.show("99-w")'),
            _cell("code", ""),  # empty: nothing to run
            _cell("markdown", "## Discussion questions\n1. Why?\n2. How?"),  # 6 words (numbers count), 2 questions
        ],
        "metadata": {},
    }
    html = "<style>.x{}</style><p>one two three</p><details><summary>open me</summary><p>a b c d</p></details>"
    executed = {
        "cells": [_cell("code", "", [{"output_type": "execute_result", "data": {"text/html": html}}])],
        "metadata": {
            "widgets": {
                "application/vnd.jupyter.widget-state+json": {
                    "state": {
                        "1": {"model_name": "HTMLModel", "state": {"value": '<div class="summit-prompt">not counted</div>'}},
                        "2": {"model_name": "HTMLModel", "state": {"value": "<p>a paragraph of six words shown</p>"}},
                    }
                }
            }
        },
    }
    specs = {
        "99-a": {"kind": "single", "prompt": "Who?", "options": ["A", "B c"], "cite": ["t ¶2"]},
        "99-w": {"kind": "written", "prompt": "Write 3 to 5 sentences.", "rubric": ["I cite"], "cite": ["t ¶2"]},
    }
    paragraphs = {"t": ["first paragraph", "the second paragraph here"]}
    counts = timings.count("notebooks/99_toy.ipynb", notebook, executed, specs, paragraphs)
    assert (counts.lesson, counts.part, counts.prose_words, counts.cells, counts.discussion_questions) == (
        "99",
        "lesson",
        11,
        2,
        2,
    )
    assert counts.shown_words == 3 + 2 + 4 * 0.25 + 6  # folded words count a quarter; the question's own HTML not at all
    assert counts.question_words == 1 + 3 + 5 + 2  # prompts, options, rubric
    assert (counts.passages, counts.passage_words) == (1, 4)  # t ¶2 once, though both questions cite it
    assert counts.questions == {"single": 1, "written": 1} and counts.written_words == 4 * 20
    rates = timings.RATES
    expected = (
        (11 + 12 + 11 + 4) / rates["read_words_per_minute"]
        + 1.5
        + 3
        + 80 / rates["write_words_per_minute"]
        + 2 * rates["minutes_per_cell_run"]
        + 2 * rates["minutes_per_discussion_question"]
    )
    assert timings.minutes(counts) == pytest.approx(expected)
    again = timings.count("exercises/99_toy_exercises.ipynb", notebook, None, specs, paragraphs, written_before={"99-w"})
    assert again.part == "exercises" and again.written_words == 0 and again.shown_words == 0  # an essay is written once


def test_written_words_asked_for_and_rounding():
    assert timings.asked_words("Write 200 to 350 words.", 60) == 275
    assert timings.asked_words("Write 3 to 5 sentences and cite.", 60) == 80
    assert timings.asked_words("Say why.", 60) == 60
    assert [timings.rounded(x) for x in (0.4, 7.4, 7.6, 52.4)] == [5, 5, 10, 50]


def test_time_lines_are_rewritten_in_place():
    assert plan.set_time_line("**Time:** about 60 minutes (20 to plan, 30 to write).", 50) == "**Time:** about 50 minutes."
    row = "| `01_the_sources` | meet both texts | 45 min | 25 min |"
    assert (
        plan.map_text(row, {"notebooks/01_the_sources.ipynb": 50, "exercises/01_the_sources_exercises.ipynb": 40})
        == "| `01_the_sources` | meet both texts | 50 min | 40 min |"
    )


def test_talk_in_class_is_timed_apart_and_kept_on_the_time_line():
    """A lesson's talk in class is not a learner's reading (its minutes follow on the Time: line), and writing the
    learner's minutes keeps the talk minutes after them."""
    talk = _cell("markdown", "### Talk in class: think-pair-share (about 5 minutes)\n\n- **Think (1 minute):** why?")
    notebook = {"cells": [_cell("markdown", "# Toy\n\nRead this now, please."), talk], "metadata": {}}
    counts = timings.count("notebooks/99_toy.ipynb", notebook, None, {}, {})
    assert counts.prose_words == 5
    line = "**Time:** about 45 minutes on your own, plus about 20 minutes of talk in class (a jigsaw)."
    assert (
        plan.set_time_line(line, 50)
        == "**Time:** about 50 minutes on your own, plus about 20 minutes of talk in class (a jigsaw)."
    )


# --- the benchmark measures, the build writes the course -------------------------------------------------------------


def _tracked_outside_results() -> dict[str, str]:
    """Every file git tracks outside bench/results/, by the hash of its bytes."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: no tracked files to compare")
    names = [n for n in listed.stdout.decode("utf-8").split("\0") if n and not n.startswith("bench/results/")]
    return {n: hashlib.sha256((ROOT / n).read_bytes()).hexdigest() for n in names if (ROOT / n).is_file()}


def test_running_the_timings_benchmark_changes_no_tracked_file_outside_bench_results(monkeypatch, tmp_path):
    """The whole of the benchmark's main (copy the course, build the copy, count, estimate, write the results), with the
    notebooks counted without running them (running them is what takes minutes; it writes nothing of the course). The
    results go to a copy of bench/results/timings.json (its recorded calibration reused), so the real one stays as it is."""
    assert timings.RESULTS.parent == ROOT / "bench" / "results"
    results = tmp_path / "results" / "timings.json"
    results.parent.mkdir()
    results.write_bytes((ROOT / plan.RESULTS).read_bytes())
    monkeypatch.setattr(timings, "RESULTS", results)
    counted = timings.count_course
    monkeypatch.setattr(timings, "count_course", lambda root, run=True: counted(root, run=False))
    before = _tracked_outside_results()
    assert timings.main([]) == 0
    after = _tracked_outside_results()
    assert {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)} == set()
    written = json.loads(results.read_text(encoding="utf-8"))
    assert sorted(row["notebook"] for row in written["notebooks"]) == sorted(timings.notebooks(ROOT))
    assert all(count["shown_words"] == 0 for count in written["counts"])  # counted without running, as asked


def test_the_build_takes_the_minutes_from_the_results_and_refuses_stale_counts(tmp_path):
    """In a copy of the course: new minutes in bench/results/timings.json reach the CSV, the Time: lines (a solution's is its
    exercise's) and 00's map; counts that no longer match a notebook make stale_timings name it and the re-timing command."""
    copy = tmp_path / "course"
    for folder in ("notebooks", "solutions", "exercises"):
        shutil.copytree(ROOT / folder, copy / folder, symlinks=True)
    (copy / plan.RESULTS).parent.mkdir(parents=True)
    shutil.copy2(ROOT / plan.RESULTS, copy / plan.RESULTS)
    results = json.loads((ROOT / plan.RESULTS).read_text(encoding="utf-8"))
    assert plan.stale_timings(copy) == [] and plan.timed_texts(copy)  # as the course stands
    lesson, exercise = "notebooks/02_timeline.ipynb", f"exercises/{exercise_name('02_timeline.ipynb')}"
    for row in results["notebooks"]:
        row["minutes"] += 5 if row["notebook"] == lesson else 10 if row["notebook"] == exercise else 0
    (copy / plan.RESULTS).write_text(json.dumps(results), encoding="utf-8")
    made = dict(plan.timed_texts(copy))
    assert _read_csv_text(made[plan.TIMINGS])[lesson] == ESTIMATED[lesson] + 5
    for relpath, minutes in ((lesson, ESTIMATED[lesson] + 5), ("solutions/02_timeline.ipynb", ESTIMATED[exercise] + 10)):
        first = "".join(json.loads(made[Path(relpath)])["cells"][0]["source"])
        assert f"**Time:** about {minutes} minutes" in first, relpath
    assert f"| {ESTIMATED[lesson] + 5} min | {ESTIMATED[exercise] + 10} min |" in made[Path("notebooks/00_start_here.ipynb")]
    assert made[Path("notebooks/03_stakes.ipynb")] == (copy / "notebooks" / "03_stakes.ipynb").read_text(encoding="utf-8")
    next(row for row in results["notebooks"] if row["notebook"] == exercise)["questions"] += 1
    (copy / plan.RESULTS).write_text(json.dumps(results), encoding="utf-8")
    [problem] = plan.stale_timings(copy)
    assert exercise in problem and plan.RETIME in problem
    (copy / plan.RESULTS).unlink()
    assert plan.timed_texts(copy) == [] and plan.RESULTS.as_posix() in plan.stale_timings(copy)[0]


def _read_csv_text(text: str) -> dict[str, int]:
    return {row["notebook"]: int(row["minutes"]) for row in csv.DictReader(text.splitlines())}
