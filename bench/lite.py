"""The JupyterLite site against a bare JupyterLite notebook, offline in chromium (``python3 run.py bench --only lite``).

The bare site is built by the same tools (``tools/lite_site.py``: the same JupyterLite, Pyodide, kernel and widgets, no
course package) and holds one notebook that imports ipywidgets and shows a button; pressing it is its "feedback". For
each site:

- **the bytes a first visit fetches**: every file of the site the page asked for, from opening it to the first feedback;
- **the time to the first feedback**: open the notebook, Run All, answer (the course: 00-citation; the bare notebook: its
  button), until the feedback shows; **cold** is a new browser profile, **warm** the same profile started again (its
  HTTP cache and service worker in place);
- **Run All**: for each lesson of the course, and for the bare notebook, the time from Run All to the last cell done, the
  kernel already started (medians over ``runs``).

Both are served on 127.0.0.1 and every other request is aborted, as in ``tests/lite/``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from bench import driver

ROOT = Path(__file__).resolve().parents[1]
BARE_NAME = "bare.ipynb"
BARE_CELLS = [
    "import ipywidgets as widgets",
    "said = widgets.HTML('')\nbutton = widgets.Button(description='Check')\n"
    "button.on_click(lambda _: setattr(said, 'value', '✓ Correct'))\nwidgets.VBox([button, said])",
]
RIGHT_CITATION = "Paragraph 8 of the RSIS commentary, headings not counted"


def bare_notebook() -> dict:
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": c} for c in BARE_CELLS]
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python", "display_name": "Python (Pyodide)", "language": "python"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _feedback(litedriver, lite, kind: str) -> None:
    """Answer and wait for the feedback (raises if it does not come)."""
    if kind == "course":
        feedback, ms = lite.check("00-citation", lambda q: q.get_by_role("radio", name=RIGHT_CITATION, exact=True).check())
        if ms is None or not feedback.startswith("✓ Correct"):
            raise RuntimeError(f"the course's first question gave no feedback: {feedback[:120]!r}")
        return
    lite.page.locator(litedriver.PANEL).get_by_role("button", name="Check", exact=True).first.click()
    lite.page.locator(litedriver.PANEL).get_by_text("✓ Correct", exact=True).first.wait_for(timeout=60_000)


def _visit(litedriver, p, server, profile: Path, path: str, kind: str, fetched: set | None = None) -> float:
    """Seconds from asking for the notebook to its first feedback (Run All included)."""
    offline = litedriver.Offline()
    context = litedriver.launch(p, profile, offline)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        if fetched is not None:
            page.on("requestfinished", lambda r: fetched.add(r.url.split("?")[0]))
        lite = litedriver.LitePage(page, server)
        t0 = time.perf_counter()
        lite.open(f"lab/index.html?path={path}")
        lite.run_all()
        _feedback(litedriver, lite, kind)
        seconds = time.perf_counter() - t0
        if offline.outside_cdn():
            raise RuntimeError(f"the page asked hosts other than loopback: {offline.outside_cdn()[:3]}")
        return seconds
    finally:
        context.close()


def _run_alls(litedriver, p, server, profile: Path, notebooks: list[str]) -> dict[str, float]:
    """Seconds of Run All for each notebook, its kernel started first (one browser, notebooks one after another)."""
    offline = litedriver.Offline()
    context = litedriver.launch(p, profile, offline)
    out = {}
    try:
        lite = litedriver.LitePage(context.pages[0] if context.pages else context.new_page(), server)
        lite.open(f"lab/index.html?path={notebooks[0]}")
        for i, notebook in enumerate(notebooks):
            if i:
                lite.open_notebook(notebook)
            out[notebook] = lite.run_all()
            problems = lite.problems()
            if problems:
                raise RuntimeError(f"{notebook}: {problems[:3]}")
    finally:
        context.close()
    return out


def _measure(litedriver, p, site: Path, start: str, kind: str, lessons: list[str], runs: int, tmp: Path) -> dict:
    server = litedriver.serve(site)
    try:
        cold, warm, run_all, fetched = [], [], {n: [] for n in lessons}, set()
        for i in range(runs):
            profile = tmp / f"{kind}-profile-{i}"
            cold.append(_visit(litedriver, p, server, profile, start, kind, fetched if i == 0 else None))
            warm.append(_visit(litedriver, p, server, profile, start, kind))
            for notebook, seconds in _run_alls(litedriver, p, server, profile, lessons).items():
                run_all[notebook].append(seconds)
            print(f"lite {kind} run {i + 1}: first feedback cold {cold[-1]:.1f} s, warm {warm[-1]:.1f} s", flush=True)
        paths = {u[len(server.base) :] for u in fetched if u.startswith(server.base)}
        first = sum((site / q).stat().st_size for q in paths if (site / q).is_file())
    finally:
        server.stop()
    return {
        "first_visit_mib": round(first / 2**20, 1),
        "first_visit_files": len(paths),
        "first_feedback_cold_s": round(statistics.median(cold), 1),
        "first_feedback_warm_s": round(statistics.median(warm), 1),
        "run_all_s": {n: round(statistics.median(v), 1) for n, v in run_all.items()},
        "site_mib": litedriver.lite_site.size_report(site)["total_mib"],
    }


def bench_lite(runs: int) -> dict:
    """The course site and the bare site, measured alike (see the module's docstring)."""
    litedriver = driver("litedriver", "lite/litedriver.py")
    lite_site = litedriver.lite_site
    course = lite_site.build_site(ROOT, lite_site.STUDENT)
    lessons = [f for f in lite_site.site_files(course) if f.startswith("notebooks/") and f.endswith(".ipynb")]
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        bare = lite_site.build_bare_site(Path(tmp) / "bare-site", bare_notebook(), BARE_NAME)
        out = {
            "course": _measure(litedriver, p, course, lite_site.STUDENT.start, "course", lessons, runs, Path(tmp)),
            "bare": _measure(litedriver, p, bare, BARE_NAME, "bare", [BARE_NAME], runs, Path(tmp)),
        }
    out["runs"] = runs
    out["measured"] = time.strftime("%Y-%m-%d %H:%M")
    out["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
    return out


def report_line(lite: dict) -> str:
    """The README's summary of :func:`bench_lite`'s figures."""
    if "course" not in lite:
        return "- JupyterLite: run `python3 run.py bench --only lite` (older results have another shape)."
    c, b = lite["course"], lite["bare"]
    runs = ", ".join(f"{Path(n).stem} {s}" for n, s in c["run_all_s"].items())
    return (
        f"- JupyterLite, course site against a bare site (one notebook importing ipywidgets), chromium offline, "
        f"measured {lite.get('measured', '?')}, median of {lite['runs']}: a first visit fetches {c['first_visit_mib']} MiB ({b['first_visit_mib']} MiB); first feedback "
        f"(open, Run All, answer) {c['first_feedback_cold_s']} s cold ({b['first_feedback_cold_s']} s) and "
        f"{c['first_feedback_warm_s']} s warm ({b['first_feedback_warm_s']} s); Run All per lesson, seconds: {runs} "
        f"(bare notebook {b['run_all_s'][BARE_NAME]}). Load average {lite['load_average_after'][1]} on 2 cores while measuring."
    )
