"""The JupyterLite site keeps every answer a learner was told about, and a republished site shows its new notebooks.

- **No acknowledged answer is lost.** The learner answers, the feedback shows, and at that very moment (no wait for the
  browser's storage) the page is reloaded, or the browser is closed: the answer is in the browser's storage afterwards.
  The package saves before it shows the verdict, and in the browser the save returns only once JupyterLite has put the
  file into IndexedDB, so the feedback is the sign that the answer is kept.
- **Republishing.** A learner's browser keeps its own copy of every notebook it saved (JupyterLab autosaves), and that
  copy hides the site's file. The site is built once (v1), a learner answers and their copy of the lesson is saved;
  the teacher changes that lesson and an exercise and rebuilds (v2) at the same address; the learner had edited the
  exercise. After a reload the changed lesson shows, the answers are back, and the learner's edited exercise is theirs.

Both run chromium offline against sites served on 127.0.0.1 (see ``test_lite_in_browser.py``).
"""

from __future__ import annotations

import base64
import json
import shutil
import time
from pathlib import Path

import litedriver
import pytest

pytestmark = pytest.mark.browser

lite_site = litedriver.lite_site
START = "notebooks/00_start_here.ipynb"
EXERCISE = "exercises/01_the_sources_exercises.ipynb"
RIGHT_CITATION = "Paragraph 8 of the RSIS commentary, headings not counted"
V2_LESSON = "The teacher republished this lesson (version 2 of the site, written by the update test)."
V2_EXERCISE = "The teacher changed this exercise too (version 2)."
LEARNER_EDIT = "# my own note on the exercise (the learner's edit)"


@pytest.fixture(scope="module")
def thread(lite_tools):
    browser_thread = litedriver.BrowserThread()
    yield browser_thread
    browser_thread.close()


def radio(option: str):
    return lambda q: q.get_by_role("radio", name=option, exact=True).check()


def typed(text: str):
    return lambda q: q.locator("input[type=text]").first.fill(text)


_READ_JS = """
async (p) => {
  try { const m = await window.jupyterapp.serviceManager.contents.get(p, {content: true});
        return typeof m.content === 'string' ? m.content : JSON.stringify(m.content); }
  catch (e) { return null; }
}
"""


def stored_json(site: litedriver.LitePage, path: str) -> dict | None:
    """The JSON file at ``path`` in the browser's storage, read once (no waiting), or None."""
    text = site.page.evaluate(_READ_JS, path)
    if text is None:
        return None
    try:
        return json.loads(text if text.lstrip().startswith("{") else base64.b64decode(text).decode("utf-8"))
    except ValueError:
        return {"unreadable": text[:300]}


def kept_answer(progress: dict | None, qid: str) -> dict:
    return ((progress or {}).get("questions") or {}).get(qid) or {}


# --------------------------------------------------------------------------------------------------------------------
# No acknowledged answer is lost
# --------------------------------------------------------------------------------------------------------------------
def leave_at_once(p, server: litedriver.StaticServer, profile: Path) -> dict:
    """Answer, and reload the moment the feedback shows; answer again, and close the browser the moment it shows."""
    offline = litedriver.Offline()
    seen: dict = {"offline": offline}
    context = litedriver.launch(p, profile, offline)
    try:
        site = litedriver.LitePage(context.pages[0] if context.pages else context.new_page(), server)
        site.open(f"lab/index.html?path={START}")
        site.run_all()
        seen["first"] = site.check("00-citation", radio(RIGHT_CITATION))
        t0 = time.monotonic()
        site.page.reload(wait_until="commit")  # 0 s after the feedback: nothing waits for the storage
        seen["reload_after_s"] = time.monotonic() - t0
        site._ready(time.monotonic(), 180)
        seen["after_reload"] = kept_answer(stored_json(site, ".summit_course/progress.json"), "00-citation")
        site.run_all()
        seen["second"] = site.check("00-summit-date", typed("25 April 2019"))
    finally:
        context.close()  # 0 s after the second feedback: the browser is gone
    context = litedriver.launch(p, profile, offline)
    try:
        site = litedriver.LitePage(context.pages[0] if context.pages else context.new_page(), server)
        site.open(f"lab/index.html?path={START}")
        stored = stored_json(site, ".summit_course/progress.json")
        seen["after_close"] = kept_answer(stored, "00-summit-date")
        seen["first_after_close"] = kept_answer(stored, "00-citation")
    finally:
        context.close()
    return seen


def no_answer_lost(seen: dict) -> list[str]:
    """What went wrong in :func:`leave_at_once`'s run (also used by hand against an older site, to see it fail)."""
    problems = []
    for step in ("first", "second"):
        feedback, ms = seen[step]
        if ms is None or not feedback.startswith("✓ Correct"):
            problems.append(f"{step} answer: no '✓ Correct' feedback ({feedback[:120]!r})")
    if seen["after_reload"].get("verdict") != "correct" or seen["after_reload"].get("answer") != RIGHT_CITATION:
        problems.append(
            f"reloaded 0 s after the feedback, the answer to 00-citation is not in the browser's storage: {seen['after_reload']!r}"
        )
    if seen["after_close"].get("verdict") != "correct" or seen["after_close"].get("answer") != "25 April 2019":
        problems.append(
            f"closed 0 s after the feedback, the answer to 00-summit-date is not in the browser's storage: {seen['after_close']!r}"
        )
    if seen["first_after_close"].get("verdict") != "correct":
        problems.append(f"after the browser was closed the earlier answer to 00-citation is gone: {seen['first_after_close']!r}")
    if seen["offline"].outside_cdn():
        problems.append(f"the page tried to reach hosts other than loopback: {seen['offline'].outside_cdn()[:5]}")
    return problems


@pytest.mark.timeout(1200)
def test_an_answer_is_kept_when_the_page_reloads_or_closes_the_moment_its_feedback_shows(
    thread, student_site: Path, tmp_path: Path
) -> None:
    server = litedriver.serve(student_site)
    try:
        seen = thread.call(leave_at_once, server, tmp_path / "profile")
    finally:
        server.stop()
    problems = no_answer_lost(seen)
    assert seen["reload_after_s"] < 1.0, "the reload was not immediate"
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------------------------------------------------
# Republishing
# --------------------------------------------------------------------------------------------------------------------
def course_copy(dest: Path) -> Path:
    """The parts of this checkout a site is built from, copied (the notebook folders' package links kept as links)."""
    repo = litedriver.REPO
    dest.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(repo / name, dest / name)
    for license_file in repo.glob("LICENSE*"):
        shutil.copy2(license_file, dest / license_file.name)
    for folder in ("src", "data", "notebooks", "exercises"):
        shutil.copytree(
            repo / folder, dest / folder, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
        )
    return dest


def add_markdown(notebook: Path, text: str) -> None:
    """The teacher's change: a new first cell."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    nb["cells"].insert(0, {"cell_type": "markdown", "id": "teacher-v2", "metadata": {}, "source": [text]})
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def publish(site: Path, public: Path) -> None:
    """Put a built site at the address learners use (what copying it to the web host does)."""
    if public.exists():
        for child in public.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    shutil.copytree(site, public, dirs_exist_ok=True)


_STORED_KEYS_JS = """
async () => {
  const name = 'JupyterLite Storage - ' + new URL('../', location.href).pathname;
  const db = await new Promise((ok, no) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = no; });
  const keys = await new Promise((ok) => { const r = db.transaction('files').objectStore('files').getAllKeys(); r.onsuccess = () => ok(r.result); });
  db.close();
  return keys;
}
"""

_EDIT_AND_SAVE_JS = """
async ([path, line]) => {
  const contents = window.jupyterapp.serviceManager.contents;
  const model = await contents.get(path, {content: true});
  const cell = model.content.cells.find((c) => c.cell_type === 'code');
  cell.source = line + '\\n' + (Array.isArray(cell.source) ? cell.source.join('') : cell.source);
  await contents.save(path, {type: 'notebook', format: 'json', content: model.content});
}
"""

_SAVE_OPEN_JS = "async () => { await window.jupyterapp.commands.execute('docmanager:save'); }"


def learner_across_a_republish(p, server: litedriver.StaticServer, profile: Path, v2: Path, public: Path) -> dict:
    offline = litedriver.Offline()
    seen: dict = {"offline": offline}
    context = litedriver.launch(p, profile, offline)
    try:
        site = litedriver.LitePage(context.pages[0] if context.pages else context.new_page(), server)
        site.open(f"lab/index.html?path={START}")
        site.run_all()
        seen["feedback"] = site.check("00-citation", radio(RIGHT_CITATION))
        site.page.evaluate(_SAVE_OPEN_JS)  # what JupyterLab's autosave does two minutes after Run All
        site.page.evaluate(_EDIT_AND_SAVE_JS, [EXERCISE, LEARNER_EDIT])  # the learner's own work in an exercise
        seen["kept_before"] = site.page.evaluate(_STORED_KEYS_JS)
        seen["v1_text"] = site.page.locator(litedriver.PANEL).first.inner_text()

        publish(v2, public)  # the teacher republishes at the same address
        site.reload()
        seen["path"] = site.notebook_path()
        seen["v2_text"] = site.page.locator(litedriver.PANEL).first.inner_text()
        seen["report"] = json.loads(
            site.page.evaluate("() => localStorage.getItem('summit-course-update ' + new URL('../', location.href).pathname)")
            or "null"
        )
        seen["progress"] = kept_answer(stored_json(site, ".summit_course/progress.json"), "00-citation")
        exercise = stored_json(site, EXERCISE) or {}
        seen["exercise_sources"] = "".join(
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in exercise.get("cells", [])
        )
        site.run_all()
        seen["feedback_after"] = site.lab.feedback_text(site.question("00-citation"))
        seen["problems_after"] = site.problems()
    finally:
        context.close()
    return seen


@pytest.mark.timeout(1800)
def test_a_republished_site_shows_the_new_notebooks_and_keeps_the_answers(thread, student_site: Path, tmp_path: Path) -> None:
    root = course_copy(tmp_path / "course")
    add_markdown(root / START, V2_LESSON)
    add_markdown(root / EXERCISE, V2_EXERCISE)
    v2 = lite_site.build_site(root, lite_site.STUDENT, out=tmp_path / "v2", force=True)
    v1_manifest = json.loads((student_site / lite_site.MANIFEST).read_text(encoding="utf-8"))
    v2_manifest = json.loads((v2 / lite_site.MANIFEST).read_text(encoding="utf-8"))
    assert v1_manifest["version"] != v2_manifest["version"]
    changed = sorted(p for p, f in v2_manifest["notebooks"].items() if v1_manifest["notebooks"].get(p) != f)
    assert changed == sorted([START, EXERCISE]), changed  # only the two notebooks the teacher changed

    public = tmp_path / "public"
    publish(student_site, public)
    server = litedriver.serve(public)
    try:
        seen = thread.call(learner_across_a_republish, server, tmp_path / "profile", v2, public)
    finally:
        server.stop()
    problems = []
    if not seen["feedback"][0].startswith("✓ Correct"):
        problems.append(f"v1: no '✓ Correct' feedback: {seen['feedback'][0][:120]!r}")
    if not {START, EXERCISE} <= set(seen["kept_before"]):
        problems.append(
            f"before the republish the browser did not hold its own copies (so nothing was tested): {seen['kept_before']}"
        )
    if V2_LESSON in seen["v1_text"]:
        problems.append("v1 already showed the v2 text")
    if seen["path"] != START or V2_LESSON not in seen["v2_text"]:
        problems.append(f"after the republish and a reload, {seen['path']!r} does not show the teacher's new cell")
    report = seen["report"] or {}
    if report.get("refreshed") != [START] or report.get("kept") != [EXERCISE]:
        problems.append(
            f"the start-up step refreshed {report.get('refreshed')} and kept {report.get('kept')} "
            f"(expected the lesson refreshed, the edited exercise kept)"
        )
    if LEARNER_EDIT not in seen["exercise_sources"] or V2_EXERCISE in seen["exercise_sources"]:
        problems.append("the learner's edited exercise was not kept as they left it")
    if seen["progress"].get("verdict") != "correct":
        problems.append(f"after the republish the answer to 00-citation is gone from the storage: {seen['progress']!r}")
    if not (seen["feedback_after"].startswith("✓ Correct") and "is back" in seen["feedback_after"]):
        problems.append(f"after the republish 00-citation says {seen['feedback_after'][:160]!r}, not its saved answer back")
    problems += [f"v2 {START}: {problem}" for problem in seen["problems_after"]]
    if seen["offline"].outside_cdn():
        problems.append(f"the page tried to reach hosts other than loopback: {seen['offline'].outside_cdn()[:5]}")
    assert not problems, "\n".join(problems)
