"""Code tasks a non-programmer can finish: every piece of the answer is shown in the instructions above it.

A learner who has never programmed can only assemble pieces they have been shown. For each code task
(``quiz.code``) in ``solutions/``, every name, attribute and quoted text of the ``# SOLUTION`` line must be
written in the markdown of the task (from its ``###`` heading down to the question), and the task shows a
worked example in a code cell that runs before the learner's cell.
"""

from __future__ import annotations

import io
import json
import re
import tokenize

import pytest
from conftest import ROOT

from summitkit.quiz.build import _declarations


def _tasks() -> list[tuple[str, list[dict], int]]:
    found = []
    for path in sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for index, cell in enumerate(cells):
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and any(spec["kind"] == "code" for _, spec, _ in _declarations(source, path.name)):
                found.append((path.name, cells, index))
    return found


TASKS = _tasks()


def test_there_are_code_tasks():
    assert len(TASKS) >= 2


@pytest.mark.parametrize(("name", "cells", "index"), TASKS, ids=[f"{t[0]}:{t[2]}" for t in TASKS])
def test_every_piece_of_the_answer_is_shown_in_the_instructions(name, cells, index):
    heading = max(
        i for i in range(index) if cells[i]["cell_type"] == "markdown" and "".join(cells[i]["source"]).startswith("###")
    )
    task = cells[heading:index]
    shown = "\n".join("".join(c["source"]) for c in task if c["cell_type"] == "markdown")
    answer = next("".join(c["source"]) for c in task if c["cell_type"] == "code" and "# SOLUTION" in "".join(c["source"]))
    line = next(line for line in answer.splitlines() if "# SOLUTION" in line)
    target, expression = line.split("#")[0].split("=", 1)
    pieces = [
        (t.type, t.string)
        for t in tokenize.generate_tokens(io.StringIO(expression.strip()).readline)
        if t.type in (tokenize.NAME, tokenize.STRING, tokenize.NUMBER)
    ]
    for kind, text in pieces:
        needle = text.strip("\"'") if kind == tokenize.STRING else text
        assert re.search(rf"(?<![\w]){re.escape(needle)}(?![\w])", shown), f"{name}: the instructions never show {text!r}"
    assert f"`{target.strip()} =`" in shown  # the learner is told which line to complete
    examples = [c for c in task if c["cell_type"] == "code" and "# SOLUTION" not in "".join(c["source"])]
    assert any("example" in "".join(c["source"]).lower() for c in examples), f"{name}: no worked example cell before the task"


# --- a code task whose setup cell has not run (issue 23) -----------------------------------------------------------


def _error_in(cell: str, names: dict) -> str:
    """The sentences summitkit.codehelp shows for ``cell`` run in a namespace holding ``names``."""
    import sys

    from summitkit import codehelp

    try:
        exec(compile(cell, "<cell>", "exec"), dict(names))
    except Exception:
        etype, value, tb = sys.exc_info()
    else:
        pytest.fail(f"{cell!r} ran without an error")
    found = codehelp.explain(etype, value, tb.tb_next, is_cell=lambda name: name == "<cell>", names=names)
    assert found is not None
    return found.sentences


def _exercise_cells(name: str) -> list[str]:
    cells = json.loads((ROOT / "exercises" / name).read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells if c["cell_type"] == "code"]


def test_the_04_task_without_its_setup_cell_says_which_cell_to_run():
    """Run 04's example cell straight after the first cell, the texts = ... cell skipped: the learner is sent to that
    cell, not told "Did you mean textstats?" (the close match that sent a novice the wrong way)."""
    from summitkit import textstats

    code = _exercise_cells("04_comparing_analyses_exercises.ipynb")
    example = next(c for c in code if "example" in c.lower() and "texts[" in c)
    said = _error_in(example, {"textstats": textstats})
    assert "Did you mean" not in said, said
    assert "texts = textstats.source_texts()" in said and "Shift + Enter" in said, said
    assert "“# Both texts, one piece of text each" in said, said  # the cell named by the line a learner sees first
    setup = next(c for c in code if "texts = textstats.source_texts()" in c)
    assert said.split("its first line is “")[1].split("”")[0] == setup.splitlines()[0]


def test_a_name_no_cell_makes_keeps_the_plain_advice():
    """A misspelt name is not sent to a setup cell; a line the learner must complete (moscow = ...) is not a setup cell."""
    from summitkit import codehelp

    said = _error_in("textstat.words('a b')", {"textstats": object()})
    assert "Did you mean textstats?" in said and "Shift + Enter" not in said, said
    said = _error_in("moscow", {})
    assert "made by the cell" not in said, said
    notebooks = [ROOT / "exercises" / "04_comparing_analyses_exercises.ipynb"]
    assert codehelp.made_by("moscow", notebooks) is None
    assert codehelp.made_by("texts", notebooks)[0] == "texts = textstats.source_texts()"


def test_only_the_learners_own_notebook_is_searched_when_the_kernel_names_it(monkeypatch):
    """A name made in lesson 04 is not looked for in the notebook of lesson 02 that the learner has open."""
    from summitkit import codehelp

    monkeypatch.chdir(ROOT / "exercises")
    own = {"__session__": str(ROOT / "exercises" / "02_timeline_exercises.ipynb")}
    assert codehelp._course_notebooks(own) == [ROOT / "exercises" / "02_timeline_exercises.ipynb"]
    assert "made by the cell" not in _error_in("texts", own)
    own = {"__session__": "exercises/04_comparing_analyses_exercises.ipynb"}
    assert "texts = textstats.source_texts()" in _error_in("texts", own)
