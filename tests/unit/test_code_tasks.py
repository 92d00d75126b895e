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
    heading = max(i for i in range(index) if cells[i]["cell_type"] == "markdown" and "".join(cells[i]["source"]).startswith("###"))
    task = cells[heading:index]
    shown = "\n".join("".join(c["source"]) for c in task if c["cell_type"] == "markdown")
    answer = next("".join(c["source"]) for c in task if c["cell_type"] == "code" and "# SOLUTION" in "".join(c["source"]))
    line = next(line for line in answer.splitlines() if "# SOLUTION" in line)
    target, expression = line.split("#")[0].split("=", 1)
    pieces = [(t.type, t.string) for t in tokenize.generate_tokens(io.StringIO(expression.strip()).readline)
              if t.type in (tokenize.NAME, tokenize.STRING, tokenize.NUMBER)]
    for kind, text in pieces:
        needle = text.strip("\"'") if kind == tokenize.STRING else text
        assert re.search(rf"(?<![\w]){re.escape(needle)}(?![\w])", shown), f"{name}: the instructions never show {text!r}"
    assert f"`{target.strip()} =`" in shown  # the learner is told which line to complete
    examples = [c for c in task if c["cell_type"] == "code" and "# SOLUTION" not in "".join(c["source"])]
    assert any("example" in "".join(c["source"]).lower() for c in examples), f"{name}: no worked example cell before the task"
