"""The teacher's dashboard in a real JupyterLab, on a class folder of real exports (some damaged or forged):
it runs clean, shows the grades, the plots, what the class got wrong and the written work as text, and the
marking panel's Save writes marks.csv and grades.csv. A screenshot goes to test-artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import labdriver
import pytest
from classroom import Learner, edit

pytestmark = pytest.mark.browser

NOTEBOOK = "solutions/teacher_class_dashboard.ipynb"
ESSAY = "Ana: a drive-by <script>alert(1)</script> summit (38north ¶1), not Russia's entrance (rsis ¶40)."


def make_class(folder: Path, homes: Path) -> None:
    ana = Learner(homes / "ana")
    ana.answer("01-outlet", "RSIS Commentaries")
    ana.answer("01-published", "2019-05-02")
    ana.answer("05-essay", {"text": ESSAY, "rubric": [True, True, False, False]})
    ana.export(folder, "Ana Lima", "ana@example.edu")
    wang = Learner(homes / "wang")
    wang.answer("01-outlet", "38 North")
    wang.answer("01-published", "20 May 2019")
    wang.export(folder, "王芳", "wang@example.edu")
    mallory = Learner(homes / "mallory")
    mallory.answer("01-outlet", "38 North")
    edit(mallory.export(folder, "Mallory $x$"), lambda d: d["questions"]["01-outlet"].update(verdict="correct", score=1))
    (folder / "deep.json").write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")


@pytest.mark.timeout(420)
def test_dashboard_grades_a_class_and_marks_written_work_in_lab(lab: labdriver.LabPage, artifacts_dir: Path, tmp_path: Path):
    folder = lab.server.root / "solutions" / "class-exports"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        make_class(folder, tmp_path)
        lab.open(NOTEBOOK)
        lab.run_all(timeout=180)
        report = labdriver.check_open_notebook(lab, NOTEBOOK, click=False)
        assert not report.problems, "\n".join(report.problems)
        panel = lab.page.locator(labdriver.PANEL).first
        text = panel.inner_text()
        assert "3 learner(s) graded" in text and "deep.json" in text and "nested more than 32 levels deep" in text
        assert "Mallory $x$" in text  # a learner's name is never typeset as mathematics
        assert "claimed results differ from the re-check on 1 question(s): 01-outlet" in text
        assert "What the class got wrong" in text and "38 North — 2 learners" in text
        assert panel.locator("img[alt^='Bar chart of the class mean per lesson']").count() == 1
        assert panel.locator("img[alt^='Bar chart of the mean score per question']").count() == 1
        assert panel.locator(".jp-OutputArea-output script").count() == 0  # the essay's <script> is text, not markup
        lab.page.get_by_text("05-essay", exact=True).first.click()  # open the essay's answers
        assert ESSAY.split(":")[1].strip()[:30] in panel.inner_text()

        score = panel.get_by_placeholder("1, 0.5, 3/4 or 75%")
        score.fill("3/4")
        panel.get_by_role("button", name="Save mark", exact=True).click()
        lab.page.wait_for_function("() => document.body.innerText.includes('✓ Saved in')", timeout=30_000)
        with open(folder / "marks.csv", encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [(r["learner"], r["question"], r["score"]) for r in rows] == [("Ana Lima", "05-essay", "3/4")]
        with open(folder / "grades.csv", encoding="utf-8-sig", newline="") as handle:
            grades = {row["Student"]: row for row in csv.DictReader(handle)}
        (total,) = [c for c in grades["Ana Lima"] if c.startswith("Summit total (max ")]  # the course's maximum: not pinned
        assert grades["Ana Lima"][total] == "2.75" and grades["王芳"][total] == "0.67"
        cells = [c["index"] for c in lab.cells() if c["outputs"]]
        lab.screenshot_cells(artifacts_dir / "screenshots" / "solutions__teacher_class_dashboard__on_a_class.png", cells)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
