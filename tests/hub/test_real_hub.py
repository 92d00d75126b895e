"""A class on a real JupyterHub, with nothing of the course installed: pull, run, answer, restart, update.

For each of three learners (real local accounts), in chromium: the nbgitpuller link printed by ``run.py links``,
the hub's login form, the spawn, the pull, and JupyterLab open at ``00_start_here``; Run All with no error;
a wrong then a right answer; Restart Kernel and Run All brings the answer back; the learner adds a note of their
own and saves. Then the teacher pushes a change (a sentence in the lesson, a row of data); each learner clicks the
link again: the change is there, and so are their note and their saved answer; a cell reading another learner's
progress file gets PermissionError (while the other's course folder is readable). Screenshots go to
test-artifacts/hub/.
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import hubdriver
import labdriver
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.hub, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "hub"
NOTEBOOK = f"{hubdriver.FOLDER}/{hubdriver.START}"
QID = "00-summit-date"
TEACHER_SENTENCE = "Teacher's note for this class: bring both texts, printed, to Thursday's debate."
ANCHOR = '"This series teaches you to read such analyses the way historians and good journalists do.\\n",\n'
NEW_ROW = (
    "Russia,gains,A teacher's added row: Putin shows he is a player,38north,1,"
    "Putin signaled that he is a player in the North Korea game,Added by the teacher for this class\n"
)
ROWS = re.compile(r"\((\d+) rows checked\)")
STATE: dict[str, dict] = {}  # what the first visit saw, per learner, for the second


def note_for(name: str) -> str:
    return f"My own note ({name}): 38 North calls it a drive-by summit; check rsis ¶3 before Thursday."


def visit(browser, hub: hubdriver.Hub, name: str, link: str) -> labdriver.LabPage:
    """A logged-out learner clicks the link: login form, spawn, pull, JupyterLab at the notebook with an idle kernel."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(link, wait_until="domcontentloaded")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill("any password: the test hub's authenticator accepts it")
    page.locator("#login_submit").click()
    page.wait_for_url(re.compile(rf"/user/{re.escape(name)}/lab/tree/{re.escape(NOTEBOOK)}"), timeout=300_000)
    lab = labdriver.LabPage(page, hub.user_server(name))
    page.locator(labdriver.PANEL).first.wait_for(timeout=120_000)
    lab.wait_idle(timeout=180, path=NOTEBOOK)
    dismiss_news(page)
    return lab


def dismiss_news(page, wait_ms: int = 3000) -> None:
    """JupyterLab asks once whether to fetch Jupyter news (a stock hub image leaves it on): answer No, as a learner would."""
    toast = page.locator(".Toastify__toast").filter(has_text=re.compile("news", re.I))
    try:
        toast.first.wait_for(timeout=wait_ms)
    except Exception:  # no question asked
        return
    toast.first.get_by_role("button", name="No", exact=True).click()


def question(lab: labdriver.LabPage, qid: str):
    found = lab.questions().filter(has_text=f"(question {qid})")
    assert found.count() == 1, f"question {qid} is not on the page"
    found.first.scroll_into_view_if_needed()
    return found.first


def answer(lab: labdriver.LabPage, qid: str, text: str) -> str:
    box = question(lab, qid)
    box.locator("input[type=text]").first.fill(text)
    lab.sync_widgets()  # the value reaches the kernel before the click
    feedback, _ = lab.click_and_time(box, "Check", timeout=30)
    return feedback


def begin_output(lab: labdriver.LabPage) -> str:
    return next(o["text"] for c in lab.cells() for o in c["outputs"] if "Lesson 00 ready" in o["text"])


def assert_clean_run(lab: labdriver.LabPage, what: str) -> None:
    problems, _ = labdriver.problems_in_cells(lab.cells())
    assert problems == [], f"{what}: {problems}"
    assert lab.questions().count() >= 2, f"{what}: the question widgets did not render"


def add_cell(lab: labdriver.LabPage, kind: str, text: str) -> None:
    """Select the last cell, insert a cell below (B; M for markdown), type, and run it in place (Ctrl+Enter)."""
    page = lab.page
    cells = page.locator(f"{labdriver.PANEL} .jp-Notebook .jp-Cell")
    before = cells.count()
    cells.nth(before - 1).locator(".jp-InputPrompt, .jp-Cell-inputCollapser").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    if kind == "markdown":
        page.keyboard.press("m")
    page.keyboard.press("Enter")
    page.keyboard.insert_text(text)
    page.keyboard.press("Control+Enter")
    assert cells.count() == before + 1


def shot(lab: labdriver.LabPage, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    lab.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def saved_cells(server: hubdriver.UserServer) -> list[dict]:
    """The notebook's cells as saved on the learner's server (read through its contents API)."""
    return server.api("GET", f"/api/contents/{hubdriver.quote_path(NOTEBOOK)}?content=1")["content"]["cells"]


@pytest.fixture(scope="session")
def link(class_on_a_hub) -> str:
    made = hubdriver.pull_link(class_on_a_hub["hub"], class_on_a_hub["remote"])
    assert f"targetpath={hubdriver.FOLDER}" in made and f"urlpath=lab%2Ftree%2F{hubdriver.FOLDER}%2Fnotebooks" in made
    return made


@pytest.mark.parametrize("index", range(3))
def test_first_click_pulls_runs_and_keeps_the_answer(class_on_a_hub, browser, link, index):
    hub, learners = class_on_a_hub["hub"], class_on_a_hub["learners"]
    name = learners.names[index]
    lab = visit(browser, hub, name, link)
    try:
        home = learners.home(name)
        assert (home / hubdriver.FOLDER / "notebooks" / "summitkit").is_symlink()
        lab.run_all(timeout=180)
        assert_clean_run(lab, f"{name}: first Run All")
        rows = int(ROWS.search(begin_output(lab)).group(1))
        assert answer(lab, QID, "2018-03-10").startswith("✗ Not yet")
        assert answer(lab, QID, "25 April 2019").startswith("✓ Correct")
        lab.restart_and_run_all(timeout=180)
        assert_clean_run(lab, f"{name}: after Restart Kernel and Run All")
        back = question(lab, QID)
        assert lab.feedback_text(back).startswith("✓ Correct") and "is back" in lab.feedback_text(back)
        assert back.locator("input[type=text]").first.input_value() == "25 April 2019"
        shot(lab, f"learner{index + 1}-first-visit")
        add_cell(lab, "markdown", note_for(name))
        lab.page.keyboard.press("Control+s")
        server = hub.user_server(name)
        lab.page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)
        notes = [c["cell_type"] for c in saved_cells(server) if note_for(name) in "".join(c["source"])]
        assert notes == ["markdown"], f"the learner's note was saved as {notes}"
        STATE[name] = {"rows": rows}
    finally:
        lab.page.context.close()
    folder = home / ".summit_course"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and folder.stat().st_uid == (home / hubdriver.FOLDER).stat().st_uid
    assert stat.S_IMODE((folder / "progress.json").stat().st_mode) == 0o600
    assert json.loads((folder / "progress.json").read_text())["questions"][QID]["verdict"] == "correct"


@pytest.fixture(scope="session")
def teacher_update(class_on_a_hub) -> str:
    """The teacher adds a sentence to the first lesson and a row to data/stakes.csv, commits and pushes."""
    remote = class_on_a_hub["remote"]
    lesson = remote.teacher / hubdriver.START
    text = lesson.read_text(encoding="utf-8")
    assert ANCHOR in text, "the sentence the test adds after has moved: update ANCHOR"
    lesson.write_text(text.replace(ANCHOR, ANCHOR + f'    "{TEACHER_SENTENCE}\\n",\n', 1), encoding="utf-8")
    with open(remote.teacher / "data" / "stakes.csv", "a", encoding="utf-8") as handle:
        handle.write(NEW_ROW)
    return remote.push("For this class: a note on the debate and one more stake")


@pytest.mark.parametrize("index", range(3))
def test_next_click_brings_the_teachers_change_and_keeps_the_learners_work(class_on_a_hub, browser, link, teacher_update, index):
    hub, learners = class_on_a_hub["hub"], class_on_a_hub["learners"]
    name = learners.names[index]
    if name not in STATE:
        pytest.fail(f"{name}'s first visit did not finish", pytrace=False)
    other = learners.names[(index + 1) % len(learners.names)]
    lab = visit(browser, hub, name, link)
    try:
        assert TEACHER_SENTENCE in lab.cell(0).inner_text(), "the teacher's sentence did not arrive"
        lab.restart_and_run_all(timeout=180)
        last = lab.page.locator(f"{labdriver.PANEL} .jp-Notebook .jp-Cell").last
        last.scroll_into_view_if_needed()  # JupyterLab renders cells as they come into view
        expect(last).to_contain_text(note_for(name), timeout=30_000)  # the learner's own note is kept
        assert_clean_run(lab, f"{name}: Run All after the update")
        assert int(ROWS.search(begin_output(lab)).group(1)) == STATE[name]["rows"] + 1, "the teacher's data row did not arrive"
        back = question(lab, QID)
        assert lab.feedback_text(back).startswith("✓ Correct") and "is back" in lab.feedback_text(back)
        other_home = learners.home(other)
        theirs, shared = other_home / ".summit_course" / "progress.json", other_home / hubdriver.FOLDER / "README.md"
        add_cell(
            lab,
            "code",
            "\n".join(
                [
                    f"for path in ['{theirs}', '{shared}']:",
                    "    try:",
                    "        open(path).read()",
                    "        print('READ', path)",
                    "    except PermissionError as exc:",
                    "        print('DENIED', path, type(exc).__name__)",
                ]
            ),
        )
        output = lab.page.locator(f"{labdriver.PANEL} .jp-Notebook .jp-Cell").last.locator(".jp-OutputArea")
        expect(output).to_contain_text(f"DENIED {theirs} PermissionError", timeout=60_000)
        expect(output).to_contain_text(
            f"READ {shared}", timeout=10_000
        )  # homes are readable here: the course's own 0700 protects
        shot(lab, f"learner{index + 1}-after-update")
    finally:
        lab.page.context.close()
    home = learners.home(name)
    on_disk = (home / hubdriver.FOLDER / hubdriver.START).read_text(encoding="utf-8")
    assert TEACHER_SENTENCE in on_disk and note_for(name) in on_disk
    assert NEW_ROW.strip() in (home / hubdriver.FOLDER / "data" / "stakes.csv").read_text(encoding="utf-8")
