"""The JupyterLite site in a real browser with no network but loopback: what a learner and a teacher do, offline.

The site is built by ``python3 run.py lite``'s own code and served with ``python -m http.server`` on 127.0.0.1. Chromium
runs with a profile folder of its own; every request to a host other than loopback is aborted and recorded. Only
Pyodide's CDN may be asked for anything (the packages the site does not ship, when a figure would be redrawn); a
request anywhere else fails the test.

Playwright's sync API allows one instance per thread and the JupyterLab tests hold one for the whole session, so these
tests drive chromium from a thread of their own (:class:`litedriver.BrowserThread`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import litedriver
import pytest
from drivers import load

pytestmark = pytest.mark.browser

START = "notebooks/00_start_here.ipynb"
EXERCISE = "exercises/01_the_sources_exercises.ipynb"
RIGHT_CITATION = "Paragraph 8 of the RSIS commentary, headings not counted"
LEARNER = "Ана Łukasz O’Brien"
QUESTION_TYPES = "browser_tests/question_types.ipynb"
BACK = re.compile(r"Your saved answer.*is back", re.S)
SHARED: dict[str, Path] = {}


def radio(option: str):
    return lambda q: q.get_by_role("radio", name=option, exact=True).check()


def typed(text: str):
    return lambda q: q.locator("input[type=text]").first.fill(text)


def expect_feedback(got: tuple[str, float | None], start: str, step: str) -> list[str]:
    feedback, ms = got
    if ms is None:
        return [f"{step}: the feedback did not change (still {feedback[:100]!r})"]
    return [] if feedback.startswith(start) else [f"{step}: expected {start!r}, got {feedback[:160]!r}"]


@pytest.fixture(scope="module")
def thread(lite_tools):
    browser_thread = litedriver.BrowserThread()
    yield browser_thread
    browser_thread.close()


@pytest.fixture(scope="module")
def student(student_site: Path, tmp_path_factory: pytest.TempPathFactory):
    server = litedriver.serve(student_site)
    yield {
        "server": server,
        "profile": tmp_path_factory.mktemp("chromium-profile"),
        "offline": litedriver.Offline(),
        "downloads": tmp_path_factory.mktemp("downloads"),
    }
    server.stop()


# --------------------------------------------------------------------------------------------------------------------
# A learner: lesson, questions, export, reload, exercise, browser restart
# --------------------------------------------------------------------------------------------------------------------
def _learner_first_visit(p, student: dict, shots: Path) -> dict:
    problems: list[str] = []
    context = litedriver.launch(p, student["profile"], student["offline"])
    try:
        site = litedriver.LitePage(context.pages[0] if context.pages else context.new_page(), student["server"])
        opened = site.open("")  # the front page: it must land in 00_start_here
        if site.notebook_path() != START:
            problems.append(f"the site opened {site.notebook_path()!r}, not {START}")
        site.run_all()
        problems += [f"{START}: {problem}" for problem in site.problems()]
        site.lab.screenshot_cells(shots / "lesson_00_start.png", [0, 1, 2])
        problems += expect_feedback(
            site.check("00-citation", radio("Page 8 of the RSIS commentary")), "✗ Not yet", "00-citation wrong"
        )
        problems += expect_feedback(site.check("00-citation", radio(RIGHT_CITATION)), "✓ Correct", "00-citation right")
        problems += expect_feedback(site.check("00-summit-date", typed("2018-04-25")), "✗ Not yet", "00-summit-date wrong")
        problems += expect_feedback(site.check("00-summit-date", typed("25 April 2019")), "✓ Correct", "00-summit-date right")
        q = site.question("00-citation")
        q.scroll_into_view_if_needed()
        q.screenshot(path=str(shots / "question_feedback.png"))

        # The scorecard's export: written next to the notebook in the browser's storage, downloaded with one click.
        saved = _export_and_download(site, LEARNER, student["downloads"], shots / "export_saved.png")
        in_drive = site.list_dir("notebooks")
        if saved.name not in in_drive:
            problems.append(f"the export {saved.name} is not beside the notebook in the browser's storage: {in_drive}")

        # Reload: a new kernel; the saved answers must come back.
        reopened = site.reload()
        if site.notebook_path() != START:
            problems.append(f"after the reload the page shows {site.notebook_path()!r}, not {START}")
        site.run_all()
        problems += [f"after the reload: {problem}" for problem in site.problems()]
        q = site.question("00-citation")
        if not q.get_by_role("radio", name=RIGHT_CITATION, exact=True).is_checked():
            problems.append("after the reload the right option of 00-citation is not selected")
        feedback = site.lab.feedback_text(q)
        if not (feedback.startswith("✓ Correct") and BACK.search(feedback)):
            problems.append(
                f"after the reload 00-citation says {feedback[:160]!r}, not '✓ Correct … Your saved answer … is back'"
            )
        if site.question("00-summit-date").locator("input[type=text]").first.input_value() != "25 April 2019":
            problems.append("after the reload the date typed for 00-summit-date is not back")
        q.scroll_into_view_if_needed()
        q.screenshot(path=str(shots / "reloaded_question.png"))

        # An exercise notebook, opened from within the site.
        site.open_notebook(EXERCISE)
        site.run_all()
        problems += [f"{EXERCISE}: {problem}" for problem in site.problems()]
        problems += expect_feedback(site.check("01-paragraphs", typed("16")), "✗ Not yet", "01-paragraphs wrong")
        problems += expect_feedback(site.check("01-paragraphs", typed("17")), "✓ Correct", "01-paragraphs right")
        progress_folder = site.list_dir(".summit_course")
        if "progress.json" not in progress_folder:
            problems.append(f"no progress.json in the browser's storage (.summit_course holds {progress_folder})")
        else:
            held = site.wait_for_stored(
                ".summit_course/progress.json", lambda data: data["questions"]["01-paragraphs"]["verdict"] == "correct"
            )
            if held:
                problems.append(f"the right answer to 01-paragraphs never reached the browser's storage: {held[:600]}")
        return {"problems": problems, "export": saved, "opened": opened, "reopened": reopened}
    finally:
        context.close()


def _export_and_download(site: litedriver.LitePage, name: str, folder: Path, shot: Path | None = None) -> Path:
    """Type a name into the scorecard, press Export my answers, click the Saved message's download link; the file."""
    card = site.page.locator(PANEL_OUTPUTS).filter(has=site.page.get_by_role("button", name="Export my answers")).first
    card.scroll_into_view_if_needed()
    card.get_by_placeholder("Your name").fill(name)
    site.lab.sync_widgets(timeout=60)
    card.get_by_role("button", name="Export my answers").click()
    link = card.locator("a.summit-download")
    link.wait_for(timeout=60_000)
    with site.page.expect_download(timeout=60_000) as download_info:
        link.click()
    download = download_info.value
    saved = folder / download.suggested_filename
    download.save_as(saved)
    if shot is not None:
        card.screenshot(path=str(shot))
    return saved


def _learner_after_restart(p, student: dict, shots: Path) -> list[str]:
    """The browser closed and started again with the same profile: the answers are still there."""
    problems: list[str] = []
    context = litedriver.launch(p, student["profile"], student["offline"])
    try:
        site = litedriver.LitePage(context.pages[0] if context.pages else context.new_page(), student["server"])
        site.open(f"lab/index.html?path={EXERCISE}")
        site.run_all()
        problems += [f"after the restart, {EXERCISE}: {problem}" for problem in site.problems()]
        q = site.question("01-paragraphs")
        if q.locator("input[type=text]").first.input_value() != "17":
            problems.append(
                f"after the restart 01-paragraphs holds {q.locator('input[type=text]').first.input_value()!r}, not '17'"
            )
        feedback = site.lab.feedback_text(q)
        if not (feedback.startswith("✓ Correct") and BACK.search(feedback)):
            problems.append(f"after the restart 01-paragraphs says {feedback[:160]!r}")
        q.scroll_into_view_if_needed()
        q.screenshot(path=str(shots / "after_browser_restart.png"))
    finally:
        context.close()
    return problems


PANEL_OUTPUTS = f"{litedriver.PANEL} .jp-OutputArea-output"


@pytest.mark.timeout(1500)
def test_learner_offline_answers_kept_across_reload_and_restart(thread, student: dict, artifacts_dir: Path) -> None:
    first = thread.call(_learner_first_visit, student, artifacts_dir)
    problems = first["problems"] + thread.call(_learner_after_restart, student, artifacts_dir)
    export = json.loads(first["export"].read_text(encoding="utf-8"))
    if export.get("learner") != LEARNER:
        problems.append(f"the downloaded export names {export.get('learner')!r}, not {LEARNER!r}")
    for qid in ("00-citation", "00-summit-date"):
        if (export.get("questions", {}).get(qid) or {}).get("verdict") != "correct":
            problems.append(f"the downloaded export holds {qid}: {export.get('questions', {}).get(qid)!r}")
    outside = student["offline"].outside_cdn()
    if outside:
        problems.append(f"the page tried to reach {len(outside)} address(es) other than loopback: {outside[:5]}")
    (artifacts_dir / "learner_timings.json").write_text(
        json.dumps(
            {
                "first_open": vars(first["opened"]),
                "reload": vars(first["reopened"]),
                "blocked_requests": student["offline"].blocked,
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    SHARED["export"] = first["export"]  # a real export from the browser, for the teacher's test below
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------------------------------------------------
# Every kind of question, and every lesson and exercise, offline
# --------------------------------------------------------------------------------------------------------------------
def _question_types():  # -> module
    """The JupyterLab test of every question kind: its notebook and its wrong/right answers, reused here."""
    return load("lite_question_types", litedriver.REPO / "tests" / "browser" / "test_question_types_in_lab.py")


def _every_kind(p, student: dict, shots: Path) -> list[str]:
    kinds = _question_types()
    problems: list[str] = []
    context = litedriver.launch(p, student["profile"], student["offline"])
    try:
        site = litedriver.LitePage(context.pages[0] if context.pages else context.new_page(), student["server"])
        site.open("")
        cells = [
            ("markdown", "# Every kind of question (written by the browser tests)"),
            "import summitkit\nfrom summitkit import quiz",
        ]
        cells += [kinds.QUESTIONS[kind] for kind in kinds.KINDS]
        notebook = litedriver.labdriver.write_notebook(shots / "question_types.ipynb", cells)
        site.save_text_file(QUESTION_TYPES, notebook.read_text(encoding="utf-8"))  # as a teacher's upload would
        site.open_notebook(QUESTION_TYPES)
        site.run_all()
        problems += [f"{QUESTION_TYPES}: {problem}" for problem in site.problems()]
        for kind in kinds.KINDS:
            problems += kinds.answer_kind(site.lab, kind, [], rounds=1)
        site.reload()
        site.run_all()
        for kind in kinds.KINDS:
            q = kinds.question(site.lab, kind)
            feedback = site.lab.feedback_text(q)
            want = "✎ Saved" if kind == "written" else "✓ Correct"
            if not feedback.startswith(want):
                problems.append(f"{kind}: after the reload the feedback is {feedback[:160]!r}")
            if kind != "code":
                problems += [f"{kind}: after the reload {problem}" for problem in kinds.KIND_DRIVERS[kind].restored(q)]
    finally:
        context.close()
    return problems


@pytest.mark.timeout(1500)
def test_every_question_kind_offline(thread, student: dict, artifacts_dir: Path) -> None:
    problems = thread.call(_every_kind, student, artifacts_dir)
    assert not student["offline"].outside_cdn()
    assert not problems, "\n".join(problems)


def _every_notebook(p, student: dict, shots: Path, notebooks: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    context = litedriver.launch(p, student["profile"], student["offline"])
    try:
        site = litedriver.LitePage(context.pages[0] if context.pages else context.new_page(), student["server"])
        site.open("")
        for notebook in notebooks:
            before = len(student["offline"].blocked)
            site.open_notebook(notebook)
            site.run_all()
            problems = site.problems()
            if notebook == "notebooks/02_timeline.ipynb":
                problems += _explorer_offline(site, shots)
                asked = student["offline"].blocked[before:]
                if not any("/matplotlib-" in u for u in asked):
                    problems.append(f"the explorer did not ask Pyodide's CDN for matplotlib (blocked: {asked[:3]})")
            found[notebook] = problems
    finally:
        context.close()
    return found


def _explorer_offline(site: litedriver.LitePage, shots: Path) -> list[str]:
    """Lesson 02's explorer offline: the built picture, the filters off, and one line saying why."""
    problems = []
    notes = site.page.locator(f"{litedriver.PANEL} .summit-offline")
    if notes.count() != 1:
        return [f"lesson 02 shows {notes.count()} offline notes, not 1 (the explorer's)"]
    note = notes.first.text_content().strip()
    if "\n" in note or "matplotlib" not in note or "internet" not in note:
        problems.append(f"the explorer's offline note is not one line saying what is missing: {note!r}")
    box = notes.first.locator("xpath=ancestor::div[contains(@class, 'widget-vbox')][1]")
    if box.locator("select:not([disabled])").count():
        problems.append("offline, the explorer's filters can still be changed (the figure could not follow)")
    if not box.locator("img").count():
        problems.append("offline, the explorer shows no picture")
    cell = next(c["index"] for c in site.lab.cells() if "timeline.explore()" in c["source"])
    site.lab.screenshot_cells(shots / "explorer_offline.png", [cell])
    return problems


@pytest.mark.timeout(2400)
def test_every_lesson_and_exercise_runs_offline(thread, student: dict, student_site: Path, artifacts_dir: Path) -> None:
    notebooks = [f for f in litedriver.lite_site.site_files(student_site) if f.endswith(".ipynb")]
    assert notebooks and not [f for f in notebooks if f.startswith("solutions/")]
    found = thread.call(_every_notebook, student, artifacts_dir, notebooks)
    outside = student["offline"].outside_cdn()
    cdn = sorted({u.rsplit("/", 1)[-1].split("-")[0] for u in student["offline"].blocked if u not in outside})
    (artifacts_dir / "blocked_requests.json").write_text(
        json.dumps({"outside_cdn": outside, "cdn_packages_asked_for": cdn, "count": len(student["offline"].blocked)}, indent=1),
        encoding="utf-8",
    )
    problems = [f"{nb}: {p}" for nb, ps in found.items() for p in ps]
    if outside:
        problems.append(f"requests to hosts other than loopback and Pyodide's CDN: {outside[:5]}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------------------------------------------------
# The teacher's site: the dashboard on uploaded exports
# --------------------------------------------------------------------------------------------------------------------
def _make_exports(folder: Path) -> list[Path]:
    """An export made by the package itself (a second learner; SUMMITKIT_HOME is this test's own), and a file that is
    not an export."""
    from summitkit import progress, scorecard

    progress.update(
        "00-citation",
        {"kind": "single", "answer": "Page 8 of the RSIS commentary", "verdict": "wrong", "score": 0.0},
        count="attempts",
    )
    made = scorecard.export("Kim Min-ji", folder / "out")
    broken = folder / "out" / "notes-not-an-export.json"
    broken.write_text("{not json", encoding="utf-8")
    return [made, broken]


def _dashboard(p, server, profile: Path, offline, exports: list[Path], shots: Path) -> dict:
    context = litedriver.launch(p, profile, offline)
    try:
        site = litedriver.LitePage(context.pages[0] if context.pages else context.new_page(), server)
        site.open("")  # the teacher's site opens at the dashboard
        start = site.notebook_path()
        site.upload("solutions/class-exports", exports)  # the file browser's Upload button
        site.run_all()
        problems = site.problems()
        text = " ".join(o["text"] for c in site.lab.cells() for o in c["outputs"])
        offline_note = site.page.locator(f"{litedriver.PANEL} .summit-offline").count()
        figure = site.page.locator(f"{litedriver.PANEL} .jp-OutputArea-output img").count()
        cells = [c["index"] for c in site.lab.cells() if c["outputs"]]
        site.lab.screenshot_cells(shots / "teacher_dashboard.png", cells)
        return {"start": start, "problems": problems, "text": text, "offline_note": offline_note, "figure": figure}
    finally:
        context.close()


@pytest.mark.timeout(1200)
def test_teacher_dashboard_on_uploaded_exports_offline(thread, teacher_site: Path, tmp_path: Path, artifacts_dir: Path) -> None:
    exports = _make_exports(tmp_path)
    learners = ["Kim Min-ji"]
    if SHARED.get("export"):  # the file the learner's browser downloaded in the test above
        exports.append(SHARED["export"])
        learners.append(LEARNER)
    server = litedriver.serve(teacher_site)
    offline = litedriver.Offline()
    try:
        seen = thread.call(_dashboard, server, tmp_path / "teacher-profile", offline, exports, artifacts_dir)
    finally:
        server.stop()
    problems = [f"dashboard: {problem}" for problem in seen["problems"]]
    if seen["start"] != litedriver.lite_site.TEACHER.start:
        problems.append(f"the teacher's site opened {seen['start']!r}")
    problems += [f"the dashboard does not name {name!r}" for name in learners if name not in seen["text"]]
    if "notes-not-an-export.json" not in seen["text"]:
        problems.append("the dashboard does not name the file it could not read")
    if not (seen["offline_note"] or seen["figure"]):
        problems.append("the dashboard shows neither its chart nor the one line saying why it cannot draw it offline")
    if offline.outside_cdn():
        problems.append(f"requests to hosts other than loopback and Pyodide's CDN: {offline.outside_cdn()[:5]}")
    assert not problems, "\n".join(problems)


def _no_storage(p, student: dict, profile: Path) -> dict:
    context = litedriver.launch(p, profile, student["offline"], service_worker=False)
    try:
        site = litedriver.LitePage(context.pages[0] if context.pages else context.new_page(), student["server"])
        site.open("")
        site.run_all()
        first = site.lab.cells()
        text = " ".join(o["text"] for c in first for o in c["outputs"])
        feedback, _ = site.check("00-citation", radio(RIGHT_CITATION))
        exported = json.loads(_export_and_download(site, "No Storage", profile.parent).read_text(encoding="utf-8"))
        return {"problems": site.problems(), "text": text, "feedback": feedback, "export": exported}
    finally:
        context.close()


@pytest.mark.timeout(900)
def test_without_the_browser_storage_a_lesson_says_answers_will_not_last(thread, student: dict, tmp_path: Path) -> None:
    """No service worker (Firefox's private windows): no /drive. The lessons still work, and say plainly that the
    answers last only until the page closes; the export's download link still works."""
    seen = thread.call(_no_storage, student, tmp_path / "profile")
    assert not seen["problems"], "\n".join(seen["problems"])
    assert "last only until this page closes" in seen["text"]
    assert seen["feedback"].startswith("✓ Correct")
    assert seen["export"]["learner"] == "No Storage" and seen["export"]["questions"]["00-citation"]["verdict"] == "correct"


def _as_file(p, site: Path) -> dict:
    browser = p.chromium.launch(executable_path=litedriver.labdriver.find_chromium(), args=litedriver.labdriver.CHROMIUM_ARGS)
    try:
        page = browser.new_page()
        page.goto((site / "index.html").as_uri())
        page.wait_for_load_state("load")  # after DOMContentLoaded, whose handler shows the message
        return {"shown": page.locator("#file").is_visible(), "text": page.locator("#file").inner_text()}
    finally:
        browser.close()


@pytest.mark.timeout(300)
def test_front_page_opened_as_a_file_says_how_to_serve_it(thread, student_site: Path) -> None:
    """Browsers do not run the site from file:// (a USB stick opened by double-click): the front page says what to do."""
    seen = thread.call(_as_file, student_site)
    assert seen["shown"] and "python3 -m http.server" in seen["text"]
