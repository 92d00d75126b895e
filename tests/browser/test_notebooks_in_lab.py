"""Every notebook of the series, opened and run in a real JupyterLab, as a learner would.

For each ``*.ipynb`` in notebooks/, exercises/ and solutions/ (found when the tests are collected, so new
notebooks are picked up): open it, wait for the real kernel (status bar ``Python 3 (ipykernel) | Idle``),
Run → Run All Cells, wait for every cell, then check what the page shows: no error output, no widget
failure text, no widget shown as plain text, the widget DOM present for every widget output, every
question answering its Check (or Save) with feedback, and no serious or critical violation of the WCAG 2.1 A and
AA rules that axe-core finds in the notebook's outputs (the series' widgets, tables and figures, after every Check
was pressed; JupyterLab's own interface is not scanned). Where axe-core is not installed (outside CI) that last
check is left out with a note; every violation axe finds, of any impact, goes to test-artifacts/axe_report.json. A screenshot of each notebook goes to
test-artifacts/screenshots/<folder>__<name>.png.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path

import labdriver
import pytest
from needs import in_ci

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = labdriver.discover_notebooks(REPO)

pytestmark = pytest.mark.browser

OPEN_TIMEOUT = 60  # s: page load and kernel start
RUN_TIMEOUT = 120  # s: Run All of one notebook


def screenshot_name(relpath: Path) -> str:
    return "__".join(relpath.with_suffix("").parts) + ".png"


@pytest.mark.timeout(OPEN_TIMEOUT + RUN_TIMEOUT + 120)
@pytest.mark.parametrize("relpath", NOTEBOOKS or [None], ids=lambda p: p.as_posix() if p else "no-notebooks")
def test_notebook_runs_clean_in_lab(lab: labdriver.LabPage, browser_log: dict, artifacts_dir: Path, relpath: Path | None) -> None:
    if relpath is None:
        pytest.skip("no notebooks yet in notebooks/, exercises/ or solutions/")
    if not (lab.server.root / relpath).exists():  # appeared after the server copied the course
        (lab.server.root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (lab.server.root / relpath).write_bytes((REPO / relpath).read_bytes())
    lab.server.clear_progress()  # every question starts unanswered
    started = time.monotonic()
    open_s = lab.open(relpath.as_posix(), timeout=OPEN_TIMEOUT)
    run_s = lab.run_all(timeout=RUN_TIMEOUT)
    report = labdriver.check_open_notebook(
        lab, relpath.as_posix(), screenshot=artifacts_dir / "screenshots" / screenshot_name(relpath)
    )
    axe = labdriver.find_axe()
    if axe is not None:
        violations = labdriver.run_axe(lab.page, axe)
        browser_log["axe"][relpath.as_posix()] = violations
        report.problems += labdriver.describe_violations(labdriver.serious(violations))
    elif in_ci():
        report.problems.append(labdriver.NO_AXE)
    else:
        report.notes.append(labdriver.NO_AXE)
    report.timings = {"open_s": round(open_s, 2), "run_all_s": round(run_s, 2), "total_s": round(time.monotonic() - started, 2)}
    browser_log["notebooks"][relpath.as_posix()] = asdict(report)
    for note in report.notes:
        print(f"note: {relpath}: {note}")
    assert not report.problems, f"{relpath} in JupyterLab:\n  " + "\n  ".join(report.problems)
