"""The teacher's dashboard notebook (solutions/teacher_class_dashboard.ipynb) run in a real kernel on a class of real
exports."""

from __future__ import annotations

import csv

import kernel
from classroom import answer_as_learner
from conftest import ROOT

from summitkit import gradebook


def test_dashboard_notebook_on_real_exports(tmp_path, monkeypatch):
    """The teacher notebook, run headless on exports made by the widgets and a teacher's marks file: grades, the
    class's wrong answers, the written work (as text) and the mark in grades.csv."""
    from classroom import Learner

    exports = tmp_path / "class"
    for i, (name, right) in enumerate([("Ana", True), ("Ben", False)]):
        answer_as_learner(tmp_path / f"home{i}", monkeypatch, right)
        learner = Learner(tmp_path / f"home{i}")
        learner.answer("05-essay", {"text": f"{name}: a drive-by <b>summit</b> (38north ¶1, rsis ¶40).", "rubric": [True, False]})
        learner.export(exports, name, f"{name.lower()}@example.edu")
    (exports / "half-written.json").write_text('{"format": "summitkit-export/2", "questions": [1, 2]}', encoding="utf-8")
    gradebook.grade_folder(exports)  # writes marks.csv with a row per essay; the teacher marks Ana's
    text = (
        (exports / "marks.csv").read_text(encoding="utf-8-sig").replace(",05-essay,,,", ",05-essay,0.5,Needs rsis evidence,", 1)
    )
    (exports / "marks.csv").write_text(text, encoding="utf-8-sig")
    monkeypatch.setenv("SUMMITKIT_EXPORTS", str(exports))
    monkeypatch.setenv("SUMMITKIT_HOME", str(tmp_path / "teacher"))
    notebook = kernel.run(ROOT / "solutions" / "teacher_class_dashboard.ipynb", tmp_path)
    outputs = [o for c in notebook.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "2 learner(s) graded" in html and "half-written.json" in html and "damaged" in html
    assert (
        '<img src="data:image/svg+xml;base64,' in html
        and 'alt="Bar chart of the mean score per question, hardest first: 01-outlet' in html
    )
    assert "What the class got wrong" in html and "38 North</span> — 1 learner" in html
    assert "a drive-by &lt;b&gt;summit&lt;/b&gt;" in html and "<b>summit</b>" not in html
    assert "rsis ¶40 ✗ does not exist" in html and "Your mark: 0.5" in html and "Needs rsis evidence" in html
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)  # the marking panel
    with open(exports / "grades.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {row["Student"]: row for row in csv.DictReader(handle)}
    (total,) = [c for c in rows["Ana"] if c.startswith("Summit total (max ")]  # the maximum is the course's: not pinned
    graded = gradebook.grade_folder(exports, write=False)
    essay = graded.policy.weight(graded.questions["05-essay"])  # the policy's weight of the essay: a teacher may change it
    assert rows["Ana"][total] == gradebook.points(2 + 0.5 * essay) and rows["Ben"][total] == "0.67"
