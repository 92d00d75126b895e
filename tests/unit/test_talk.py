"""Structured talk in every lesson (issue 23): think-pair-share at natural stops, a jigsaw in 01, a structured academic
controversy in 05 in place of a free debate; each with steps that add up to its minutes, a plan B online and on paper,
and prompts about the texts (cited paragraphs that exist, a question to answer). The talk minutes are on each lesson's
**Time:** line and in the plans.

Quotations in the prompts are checked word for word against their paragraphs by tests/unit/test_quotations.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from summitkit import plan

LESSONS = plan.lessons(ROOT)
HEADING = re.compile(r"^### Talk in class: (.+?) \(about (\d+) minutes\)$", re.M)
STEP = re.compile(r"\*\*(?:[^*()]+)\((\d+) minutes?[^)]*\)[.:]?\*\*")
CITATION = re.compile(r"\b(38north|rsis) ¶(\d+)")
#: Honest minutes for each protocol: what a class needs, not what fits.
HONEST = {"think-pair-share": (4, 6), "jigsaw": (12, 18), "structured academic controversy": (25, 30)}


def _paragraphs(source: str) -> int:
    text = (ROOT / "data" / "sources" / f"{source}.md").read_text(encoding="utf-8")
    return sum(1 for block in text.split("\n\n") if block.strip() and not block.lstrip().startswith("#"))


PARAGRAPHS = {source: _paragraphs(source) for source in ("38north", "rsis")}


def blocks(path: Path) -> list[tuple[str, int, str]]:
    """Each talk in a lesson: (protocol, minutes, the whole cell's text)."""
    found = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            found += [(m.group(1), int(m.group(2)), text) for m in HEADING.finditer(text)]
    return found


def step_problems(protocol: str, minutes: int, text: str) -> list[str]:
    """What is wrong with one talk: its steps' minutes, its plan B, its prompt (empty when nothing is)."""
    problems = []
    steps = [int(m) for m in STEP.findall(text)]
    if sum(steps) != minutes:
        problems.append(f"its steps take {steps} = {sum(steps)} minutes, its heading says {minutes}")
    low, high = HONEST.get(protocol, (0, 0))
    if not low <= minutes <= high:
        problems.append(f"{minutes} minutes is not an honest time for a {protocol} ({low} to {high})")
    plan_b = text.split("**Plan B.**", 1)[1] if "**Plan B.**" in text else ""
    for way in ("Online:", "On paper:", "Working alone:"):
        if way not in plan_b:
            problems.append(f"its plan B does not say what to do '{way}'")
    cited = CITATION.findall(text)
    if not cited:
        problems.append("its prompt cites no paragraph of the texts (38north ¶n, rsis ¶n)")
    problems += [f"{source} ¶{n} does not exist" for source, n in cited if not 1 <= int(n) <= PARAGRAPHS[source]]
    if "?" not in text.split("**Plan B.**")[0]:
        problems.append("its prompt asks no question")
    return problems


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_has_its_talk(path):
    found = [protocol for protocol, _, _ in blocks(path)]
    assert "think-pair-share" in found, f"{path.name}: no think-pair-share"
    assert set(found) <= set(plan.PROTOCOLS), found
    if path.name.startswith("01"):
        assert "jigsaw" in found
    if path.name.startswith("05"):
        assert "structured academic controversy" in found


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_each_talk_adds_up_and_has_a_plan_b_and_a_prompt_on_the_texts(path):
    for protocol, minutes, text in blocks(path):
        assert not step_problems(protocol, minutes, text), (path.name, protocol, step_problems(protocol, minutes, text))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_the_time_line_gives_the_talk_minutes(path):
    talk = sum(minutes for _, minutes, _ in blocks(path))
    assert plan.talk_minutes(path) == talk, f"{path.name}: its Time: line must say 'plus about {talk} minutes of talk in class'"
    assert [(p, m) for _, p, m in plan.talks(path)] == [(p, m) for p, m, _ in blocks(path)]


def test_the_checks_can_fail():
    """A talk whose steps do not add up, with no plan B on paper, citing a paragraph that does not exist, is refused."""
    text = (
        "### Talk in class: think-pair-share (about 5 minutes)\n\n- **Think (1 minute):** see rsis ¶99.\n"
        "- **Pair (2 minutes):** talk.\n\n**Plan B.** Online: chat. Working alone: notes."
    )
    problems = step_problems("think-pair-share", 5, text)
    assert any("1, 2" in p for p in problems) and any("On paper" in p for p in problems)
    assert any("rsis ¶99" in p for p in problems) and any("no question" in p for p in problems)
    assert any("not an honest time" in p for p in step_problems("jigsaw", 5, text))


def test_no_free_debate_is_left():
    """05's structured academic controversy replaced the free debate: no plan, lesson or guide still sends a class to it."""
    guide = (ROOT / "docs" / "teacher_guide.md").read_text(encoding="utf-8")
    assert "Running the debate" not in guide and "the debate (" not in guide
    assert not hasattr(plan, "DEBATE_SHORT")
    solution = (ROOT / "solutions" / "05_synthesis.ipynb").read_text(encoding="utf-8")
    assert "running the debate" not in solution.lower() and "structured academic controversy" in solution


def test_the_guide_describes_each_protocol_with_a_plan_b():
    guide = (ROOT / "docs" / "teacher_guide.md").read_text(encoding="utf-8")
    section = guide.split("## Structured talk in every lesson", 1)[1].split("\n## ", 1)[0]
    for protocol, heading in (
        ("think-pair-share", "### Think-pair-share"),
        ("jigsaw", "### Jigsaw in 01"),
        ("structured academic controversy", "### Structured academic controversy in 05"),
    ):
        part = section.split(heading, 1)[1].split("\n### ", 1)[0]
        assert "Plan B online" in part and "On paper" in part, f"the guide's {protocol} has no plan B online and on paper"
        total = int(re.match(r" .*?\((\d+) minutes", part).group(1))
        steps = [int(m) for m in re.findall(r"^\d\. \*\*[^*]*?\((\d+) minutes?[,)]", part, re.M)]
        assert HONEST[protocol][0] <= total <= HONEST[protocol][1] and sum(steps) == total, (protocol, total, steps)


def test_the_plans_hold_every_talk_with_its_minutes():
    """Each talk is a piece of the course after its section, and the course is the lessons, the exercises and the talk."""
    course = plan.pieces(ROOT)
    talk = [p for p in course if ":talk" in p.key]
    assert sum(p.minutes for p in talk) == sum(minutes for path in LESSONS for _, minutes, _ in blocks(path))
    times = plan.minutes(ROOT)
    assert sum(p.minutes for p in course) == sum(times.values()) + sum(p.minutes for p in talk)
    for piece in talk:
        before = course[course.index(piece) - 1]
        assert before.key == piece.key.rsplit(":", 1)[0] or ":talk" in before.key, (piece.key, before.key)
    guide = (ROOT / "docs" / "teacher_guide.md").read_text(encoding="utf-8")
    assert plan.talk_table(ROOT) in guide, "the guide's talk table is out of date: run python3 run.py build"


def test_an_unknown_protocol_is_named(tmp_path):
    (tmp_path / "notebooks").mkdir()
    cell = {
        "cell_type": "markdown",
        "source": "# 07 · New\n\n**Time:** about 10 minutes.\n\n## 1. A\n\n### Talk in class: fishbowl (about 9 minutes)\n",
    }
    path = tmp_path / "notebooks" / "07_new.ipynb"
    path.write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    with pytest.raises(plan.PlanError, match="fishbowl.*must be one of think-pair-share"):
        plan.talks(path)
