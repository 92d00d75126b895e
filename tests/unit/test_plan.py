"""The lesson plans add up, for any timetable and any notebook minutes, and the guide and README show the minutes the notebooks give."""

from __future__ import annotations

import math
import re
import shutil

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from summitkit import plan


def _course_minutes(course: list[plan.Piece]) -> int:
    return sum(p.minutes for p in course)


def _check(made: plan.Plan, course: list[plan.Piece], count: int, length: int) -> None:
    assert len(made.sessions) == count
    for index, session in enumerate(made.sessions):
        clock = plan.SETUP
        for start, piece in session:  # back to back, from the end of setting up
            assert start == clock
            clock += piece.minutes
        assert clock <= length and made.spare(index) == length - clock >= 0
    placed = [p.key for s in made.sessions for _, p in s] + [p.key for p in made.home + made.cut]
    assert sorted(placed) == sorted(p.key for p in course), "every piece is in class, at home or left out, once"
    in_class = {p.key: p for s in made.sessions for _, p in s}
    assert sum(p.minutes for p in in_class.values()) + sum(p.minutes for p in made.home + made.cut) == _course_minutes(course)
    for key in in_class:  # a talk in class happens only after the section it ends
        if ":talk" in key:
            assert key.rsplit(":", 1)[0] in in_class, f"{key} is in class without its section"
    for lesson in {p.lesson for p in course}:  # sections of a lesson come in its order
        keys = [p.key for s in made.sessions for _, p in s if p.lesson == lesson and p.kind == "lesson"]
        assert keys == sorted(keys, key=lambda k: int(k.split(":")[1]))


@pytest.mark.parametrize("count,length", [(1, 90), (2, 90), (5, 60), (3, 50), (4, 45), (6, 120), (1, 30), (10, 40)])
def test_every_plan_adds_up(count, length):
    course = plan.pieces(ROOT)
    _check(plan.make_plan(ROOT, count, length), course, count, length)


def test_a_long_enough_timetable_does_everything_in_class():
    """As many sessions as the course needs even if each wastes room for its biggest piece (the sessions follow the
    course's minutes: a teacher's new questions make a notebook, and so the course, longer)."""
    course = plan.pieces(ROOT)
    biggest = max(p.minutes for p in course)  # the talk in class is among the pieces
    total = sum(p.minutes for p in course)
    length = max(90, 2 * biggest + plan.SETUP)
    count = math.ceil(total / (length - plan.SETUP - biggest)) + 1
    made = plan.make_plan(ROOT, count, length)
    assert made.home == [] and made.cut == [], (made.home, made.cut)
    talk = [p for s in made.sessions for _, p in s if ":talk" in p.key]
    assert sum(p.minutes for p in talk) == sum(plan.talk_minutes(path) for path in plan.lessons(ROOT))
    assert any(plan.CONTROVERSY in p.label and p.lesson == "05" for p in talk)
    _check(made, course, count, length)


@settings(max_examples=25, deadline=None)
@given(
    scale=st.floats(min_value=0.5, max_value=2.5), count=st.integers(1, 7), length=st.sampled_from([40, 45, 50, 60, 75, 90, 120])
)
def test_plans_add_up_whatever_the_measured_minutes(scale, count, length):
    """When the notebooks' minutes change (a measured estimate, a novice class), the plans still fit."""
    real = plan.minutes(ROOT)
    measured = {k: max(1, round(v * scale)) for k, v in real.items()}
    original = plan.minutes
    plan.minutes = lambda root: measured
    try:
        course = plan.pieces(ROOT)
        _check(plan.make_plan(ROOT, count, length), course, count, length)
        assert sum(p.minutes for p in course if p.kind != "activity") == sum(measured.values())
    finally:
        plan.minutes = original


def test_the_optional_sections_exist_in_the_lessons():
    headings = {p.name[:2]: [h for h, _ in plan.sections(p)] for p in plan.lessons(ROOT)}
    for lesson, names in {**plan.OPTIONAL, **plan.AT_HOME}.items():
        for name in names:
            assert any(h.lower().startswith(name.lower()) for h in headings[lesson]), (
                f"summitkit/plan.py names the section {name!r} of lesson {lesson}, which has {headings[lesson]}: "
                "update OPTIONAL or AT_HOME there"
            )


def test_the_guide_shows_the_plans_the_minutes_make():
    guide = (ROOT / plan.GUIDE).read_text(encoding="utf-8")
    assert plan.BEGIN in guide and plan.END in guide
    section = guide.split(plan.BEGIN)[1].split(plan.END)[0]
    for name, count, length in plan.GUIDE_PLANS:
        part = section.split(f"**{name}.**")[1].split("**")[0]
        for session in range(1, count + 1):
            ranges = re.findall(rf"^\| {session} \| (\d+)–(\d+) \|", part, flags=re.MULTILINE)
            assert ranges[0][0] == "0" and ranges[-1][1] == str(length), f"{name}, session {session}: {ranges}"
            assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:])), f"{name}, session {session} has a gap: {ranges}"


def test_the_readme_gives_the_minutes_of_the_notebooks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    times = plan.minutes(ROOT)
    for path in plan.lessons(ROOT):
        row = re.search(
            rf"^\| `notebooks/{path.stem}` \|.*\| (\d+) min \| `exercises/([^`]+)` \((\d+) min\) \|$", readme, re.MULTILINE
        )
        assert row, f"README: no row for {path.stem} in the lessons table"
        assert int(row.group(1)) == times[f"notebooks/{path.name}"], (
            f"README: {path.stem} takes {times[f'notebooks/{path.name}']} min"
        )
        assert int(row.group(3)) == times[f"exercises/{row.group(2)}.ipynb"], f"README: exercises/{row.group(2)}"


def test_a_notebook_without_a_time_is_named(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "07_new.ipynb").write_text(
        '{"cells": [{"cell_type": "markdown", "source": "# 07 · New"}]}', encoding="utf-8"
    )
    with pytest.raises(plan.PlanError, match=r"notebooks/07_new.ipynb: no '\*\*Time:\*\* about N minutes' line"):
        plan.minutes(tmp_path)


def test_the_plan_command_prints_a_plan(capsys):
    assert plan.main(["--sessions", "3", "--minutes", "50"], ROOT) == 0
    out = capsys.readouterr().out
    assert "| 3 | 0–5 |" in out and "In class: 3 × 50 = 150 minutes" in out
    assert plan.main(["--sessions", "1", "--minutes", "4"], ROOT) == 2


def test_the_readme_table_of_lessons_is_made_by_the_build_and_follows_a_changed_time(tmp_path):
    """The README's table (minutes and totals) is the build's: current here, and rewritten when a notebook's time changes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert plan.TABLE_BEGIN in readme and plan.with_lesson_table(readme, ROOT) == readme, "run python3 run.py build"
    copy = tmp_path / "course"
    for folder in ("notebooks", "solutions", "exercises"):
        shutil.copytree(ROOT / folder, copy / folder, symlinks=True)
    lesson = copy / "notebooks" / "02_timeline.ipynb"
    before = plan.minutes(copy)["notebooks/02_timeline.ipynb"]
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace(
            f"**Time:** about {before} minutes", f"**Time:** about {before + 5} minutes", 1
        ),
        encoding="utf-8",
    )
    table = plan.with_lesson_table(readme, copy)
    assert f"| {before + 5} min | `exercises/" in table.split("`notebooks/02_timeline`")[1].splitlines()[0]
    total = sum(m for k, m in plan.minutes(ROOT).items() if k.startswith("notebooks/"))
    assert f"| {total} min |" in readme and f"| {total + 5} min |" in table
