"""The checks can fail: broken notebooks run through the SAME checking function as the lesson notebooks.

A notebook with (1) a widget whose front-end module does not exist (the page shows an error widget, no text
error), (2) a widget that reaches the page only as its plain-text repr, (3) a "question" whose Check button
gives no feedback, and (4) a traceback must be reported, each at its cell, while a sound question beside them
is not. A second notebook, opened without running, holds a widget output saved from a kernel that is gone (as a
notebook committed with outputs would): JupyterLab shows its plain-text repr (the notebook is not trusted) or
"Error displaying widget: model not found", and either must be reported.
"""

from __future__ import annotations

import re
from pathlib import Path

import labdriver
import pytest

pytestmark = pytest.mark.browser

BROKEN = "browser_tests/broken_widgets.ipynb"
STALE = "browser_tests/stale_widget_output.ipynb"

BOGUS_MODULE = """# A widget whose JavaScript module does not exist.
import ipywidgets as w
from traitlets import Unicode

class Bogus(w.DOMWidget):
    _model_module = Unicode("no-such-widget-module").tag(sync=True)
    _model_name = Unicode("BogusModel").tag(sync=True)
    _view_module = Unicode("no-such-widget-module").tag(sync=True)
    _view_name = Unicode("BogusView").tag(sync=True)

Bogus()"""
TEXT_ONLY = """# A question that reaches the page only as its plain-text repr (what a learner sees when widgets cannot render).
from IPython.display import display
display({"text/plain": repr(quiz.single("99-text", prompt="Shown as text?", options=["yes", "no"], answer="yes"))}, raw=True)"""
DEAD_CHECK = """# Looks like a question, but its Check button does nothing.
box = w.VBox([w.HTML("<b>A dead question</b> (question 99-dead)"), w.RadioButtons(options=["a", "b"], value=None),
              w.HBox([w.Button(description="Check"), w.Button(description="Show answer")]), w.HTML("")])
box.add_class("summit-question")
box"""
SOUND = 'quiz.single("99-sound", prompt="A sound question", options=["yes", "no"], answer="yes")'
TRACEBACK = "# A plain error.\n{}['missing']"


def _stale_notebook(path: Path) -> None:
    labdriver.write_notebook(path, ["import ipywidgets as w\nw.IntSlider()", "# nothing here"])
    import json

    notebook = json.loads(path.read_text())
    notebook["cells"][0]["outputs"] = [{
        "output_type": "execute_result", "execution_count": 1, "metadata": {},
        "data": {"application/vnd.jupyter.widget-view+json": {"version_major": 2, "version_minor": 0,
                                                              "model_id": "0123456789abcdef0123456789abcdef"},
                 "text/plain": "IntSlider(value=0)"},
    }]  # fmt: skip
    notebook["cells"][0]["execution_count"] = 1
    path.write_text(json.dumps(notebook, indent=1))


@pytest.mark.timeout(300)
def test_checks_report_broken_widgets(lab: labdriver.LabPage, browser_log: dict) -> None:
    cells = [
        "import summitkit\nfrom summitkit import quiz\nimport ipywidgets as w",
        BOGUS_MODULE,
        TEXT_ONLY,
        DEAD_CHECK,
        SOUND,
        TRACEBACK,
    ]
    labdriver.write_notebook(lab.server.root / BROKEN, cells)
    lab.server.clear_progress()
    lab.open(BROKEN)
    lab.run_all()
    report = labdriver.check_open_notebook(lab, BROKEN, feedback_timeout=3)
    problems = report.problems
    browser_log["broken_widget_notebook_problems"] = problems
    text = "\n".join(problems)

    def about(cell: int, *words: str) -> list[str]:
        return [p for p in problems if p.startswith(f"cell {cell} ") and all(w in p for w in words)]

    assert about(2, "did not render"), f"the widget with a bogus front-end module went unnoticed:\n{text}"
    assert about(3, "plain text"), f"the widget shown as plain text went unnoticed:\n{text}"
    assert [p for p in problems if "question 99-dead" in p and "no feedback" in p], (
        f"the dead Check button went unnoticed:\n{text}"
    )
    assert about(6, "error", "KeyError"), f"the traceback went unnoticed:\n{text}"
    assert not [p for p in problems if "99-sound" in p or p.startswith("cell 5 ")], f"a sound question was reported:\n{text}"
    assert len(problems) == 4, f"expected exactly the four broken cells, got:\n{text}"


@pytest.mark.timeout(300)
def test_checks_report_a_stale_widget_output(lab: labdriver.LabPage) -> None:
    _stale_notebook(lab.server.root / STALE)
    lab.open(STALE)  # not run: the saved output points at a widget model no kernel has
    lab.page.locator(labdriver.PANEL).locator(".jp-OutputArea-output").first.wait_for(timeout=30_000)
    # the widget manager gives up on the missing model (after 2 s) and says so, or shows the widget as plain text
    gave_up = re.compile(f"{labdriver.WIDGET_FAILURE_TEXT.pattern}|{labdriver.WIDGET_REPR.pattern}")
    lab.page.locator(labdriver.PANEL).locator(".jp-OutputArea-output").filter(has_text=gave_up).first.wait_for(timeout=30_000)
    lab.settle()
    report = labdriver.check_open_notebook(lab, STALE, click=False)
    stale = [p for p in report.problems if p.startswith("cell 1 ") and ("plain text" in p or "model not found" in p)]
    assert stale, "the stale widget output went unnoticed:\n" + "\n".join(report.problems)
