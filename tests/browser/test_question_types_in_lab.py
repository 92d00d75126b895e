"""Each kind of question, driven in a real JupyterLab page: wrong answer, right answer, restart, answer back.

The notebook is written by the test (one question of each kind, declared with ``summitkit.quiz``), so it does not
depend on lesson content. For each kind: a wrong answer → Check → ``✗ Not yet`` or ``◐ Partly right``; the right
answer → Check → ``✓ Correct`` (written: empty → ``… No answer yet``, then text → Save → ``✎ Saved``), twice over,
timing in the page each click to the change of the feedback. Then Kernel → Restart Kernel and Run All Cells… and
every question must show the saved answer again. The timings go to test-artifacts/click_feedback_ms.json (a
benchmark reads them; nothing here asserts a time).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import labdriver
import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = "browser_tests/question_types.ipynb"
WRONG = ("✗ Not yet", "◐ Partly right")
ORDER_ITEMS = [
    "Six-Party Talks launched (2003)",
    "Kim Jong-il meets Medvedev in Siberia (2011)",
    "Putin and Kim meet in Vladivostok (2019)",
]
WRITTEN_TEXT = (
    "38 North reads the meeting as a drive-by summit (38north ¶1); RSIS sees Russia entering the Korean stage (rsis ¶3)."
)

QUESTIONS = {
    "single": 'quiz.single("99-single", prompt="Which outlet published the RSIS text?", options=["38 North", "RSIS Commentaries"], '
    'answer="RSIS Commentaries", feedback={"38 North": "No: 38 North published the other text."}, cite=["rsis ¶1"], '
    'hints=["Look at the name of the series.", "RSIS is a school in Singapore."])',
    "multiple": 'quiz.multiple("99-multiple", prompt="Which of these published one of our two texts?", '
    'options=["38 North", "RSIS Commentaries", "Vladivostok Times"], answer=["38 North", "RSIS Commentaries"])',
    "order": f'quiz.order("99-order", prompt="Put these in order.", items={ORDER_ITEMS!r})',
    "match": 'quiz.match("99-match", prompt="Match each source id with its outlet.", '
    'pairs={"38north": "38 North", "rsis": "RSIS Commentaries"}, choices=["Foreign Affairs"])',
    "categorize": 'quiz.categorize("99-categorize", prompt="Whose aim was it?", items={"International prestige": "Russia", '
    '"Economic support": "North Korea", "A seat in the Korean game": "Russia"}, categories=["Russia", "North Korea"])',
    "date": 'quiz.date("99-date", prompt="When did Putin and Kim meet in Vladivostok?", answer="2019-04-25", precision="day")',
    "number": 'quiz.number("99-number", prompt="How many years lie between the 2011 summit and the 2019 one?", answer=8, unit="years")',
    "evidence": 'quiz.evidence("99-evidence", prompt="Which paragraph supports the statement?", '
    'statement="Nobody expected a breakthrough.", answer="rsis ¶3", options=["rsis ¶1", "rsis ¶2", "rsis ¶3"])',
    "written": 'quiz.written("99-written", prompt="In two sentences: how do the two texts read the summit?", '
    'rubric=["Names both outlets", "Cites a paragraph of each"], model="38 North: drive-by summit; RSIS: Russia enters.")',
    "code": 'quiz.code("99-code", prompt="What is 6 × 7? Compute it in this cell.", answer=42, value=42)',
}
KINDS = list(QUESTIONS)


def qid(kind: str) -> str:
    return f"99-{kind}"


# --------------------------------------------------------------------------------------------------------------------
# Working the controls of each kind (each function leaves the answer in the widget, not yet checked)
# --------------------------------------------------------------------------------------------------------------------
_ORDER_JS = r"""(q) => [...q.querySelectorAll('.summit-order-pick > .widget-label')].map(l => l.textContent.trim())"""
_SELECTED_JS = "(s) => s.selectedIndex >= 0 && s.options[s.selectedIndex] ? s.options[s.selectedIndex].textContent.replace(/\\u00a0/g, ' ').trim() : null"


def read_order(q) -> list[str]:
    return q.evaluate(_ORDER_JS)


def move_to(q, row: int, place: int) -> None:
    """Choose ``place`` (from 1) in the number menu of the item at ``row`` (from 0): it moves there, the others make room."""
    before = read_order(q)
    q.locator("select").nth(row).select_option(label=str(place))
    deadline = time.monotonic() + 10
    while read_order(q) == before:
        assert time.monotonic() < deadline, f"choosing place {place} for row {row + 1} did not move the item"
        q.page.wait_for_timeout(25)


def set_order(q, target: list[str]) -> None:
    """At most one choice per item (the old control took one click per step)."""
    for i, item in enumerate(target):
        j = read_order(q).index(item)
        if j != i:
            move_to(q, j, i + 1)


def dropdown_rows(q) -> dict[str, object]:
    rows = q.locator(".widget-hbox").filter(has=q.page.locator("select"))
    return {
        rows.nth(i).locator(".summit-pick > .widget-label").first.text_content().strip(): rows.nth(i).locator("select")
        for i in range(rows.count())
    }


def pick_all(q, picks: dict[str, str]) -> None:
    rows = dropdown_rows(q)
    for left, choice in picks.items():
        rows[left].select_option(label=choice)


def tick(q, names: list[str], options: list[str]) -> None:
    for option in options:
        box = q.get_by_role("checkbox", name=option, exact=True)
        box.check() if option in names else box.uncheck()


def settle_input(q) -> None:
    """Let the widget's state reach the kernel before Check (a click message is not queued behind state updates)."""
    labdriver.widgets_synced(q.page)


@dataclass
class Kind:
    wrong: list[Callable]  # one per round
    right: Callable
    restored: Callable  # the problems, if the saved (right) answer is not shown again


MULTI = ["38 North", "RSIS Commentaries", "Vladivostok Times"]
MATCH = {"38north": "38 North", "rsis": "RSIS Commentaries"}
CATS = {"International prestige": "Russia", "Economic support": "North Korea", "A seat in the Korean game": "Russia"}


def _restored_single(q):
    return (
        [] if q.get_by_role("radio", name="RSIS Commentaries", exact=True).is_checked() else ["the right option is not selected"]
    )


def _restored_multiple(q):
    ticked = [o for o in MULTI if q.get_by_role("checkbox", name=o, exact=True).is_checked()]
    return [] if ticked == MULTI[:2] else [f"ticked {ticked}, not {MULTI[:2]}"]


def _restored_order(q):
    now = read_order(q)
    return [] if now == ORDER_ITEMS else [f"order is {now}"]


def _restored_picks(truth):
    def check(q):
        shown = {left: select.evaluate(_SELECTED_JS) for left, select in dropdown_rows(q).items()}
        return [] if shown == truth else [f"dropdowns show {shown}"]

    return check


def _restored_text(value):
    def check(q):
        shown = q.locator("input[type=text]").first.input_value()
        return [] if shown == value else [f"the box holds {shown!r}, not {value!r}"]

    return check


def _restored_evidence(q):
    shown = q.locator("select").first.evaluate(_SELECTED_JS)
    out = [] if shown == "rsis ¶3" else [f"the dropdown shows {shown!r}"]
    if "rsis ¶3" not in (q.locator("blockquote").first.text_content() if q.locator("blockquote").count() else ""):
        out.append("the chosen paragraph is not shown")
    return out


def _restored_written(q):
    out = []
    if q.locator("textarea").first.input_value() != WRITTEN_TEXT:
        out.append(f"the text box holds {q.locator('textarea').first.input_value()!r}")
    ticked = [
        q.get_by_role("checkbox", name=r, exact=True).is_checked() for r in ("Names both outlets", "Cites a paragraph of each")
    ]
    if ticked != [True, True]:
        out.append(f"checklist ticks are {ticked}")
    return out


def _write(text, ticks):
    def do(q):
        q.locator("textarea").first.fill(text)
        tick(q, ticks, ["Names both outlets", "Cites a paragraph of each"])

    return do


KIND_DRIVERS: dict[str, Kind] = {
    "single": Kind(
        [lambda q: q.get_by_role("radio", name="38 North", exact=True).check()] * 2,
        lambda q: q.get_by_role("radio", name="RSIS Commentaries", exact=True).check(),
        _restored_single,
    ),
    "multiple": Kind(
        [lambda q: tick(q, ["Vladivostok Times"], MULTI), lambda q: tick(q, ["38 North"], MULTI)],
        lambda q: tick(q, MULTI[:2], MULTI),
        _restored_multiple,
    ),
    "order": Kind(
        [
            lambda q: set_order(q, ORDER_ITEMS[::-1]),  # moved, but wrong (an untouched order is no answer yet)
            lambda q: set_order(q, [ORDER_ITEMS[1], ORDER_ITEMS[0], ORDER_ITEMS[2]]),
        ],
        lambda q: set_order(q, ORDER_ITEMS),
        _restored_order,
    ),
    "match": Kind(
        [
            lambda q: pick_all(q, {"38north": "RSIS Commentaries", "rsis": "38 North"}),
            lambda q: pick_all(q, {"38north": "38 North", "rsis": "Foreign Affairs"}),
        ],
        lambda q: pick_all(q, MATCH),
        _restored_picks(MATCH),
    ),
    "categorize": Kind(
        [lambda q: pick_all(q, {k: "North Korea" for k in CATS}), lambda q: pick_all(q, {k: "Russia" for k in CATS})],
        lambda q: pick_all(q, CATS),
        _restored_picks(CATS),
    ),
    "date": Kind(
        [
            lambda q: q.locator("input[type=text]").first.fill("2019-05-02"),
            lambda q: q.locator("input[type=text]").first.fill("2018-04-25"),
        ],
        lambda q: q.locator("input[type=text]").first.fill("25 April 2019"),
        _restored_text("25 April 2019"),
    ),
    "number": Kind(
        [lambda q: q.locator("input[type=text]").first.fill("7"), lambda q: q.locator("input[type=text]").first.fill("9.5")],
        lambda q: q.locator("input[type=text]").first.fill("8"),
        _restored_text("8"),
    ),
    "evidence": Kind(
        [
            lambda q: q.locator("select").first.select_option(label="rsis ¶1"),
            lambda q: q.locator("select").first.select_option(label="rsis ¶2"),
        ],
        lambda q: q.locator("select").first.select_option(label="rsis ¶3"),
        _restored_evidence,
    ),
    "written": Kind(
        [_write("", []), _write("  ", ["Names both outlets"])],  # nothing written yet: not saved
        _write(WRITTEN_TEXT, ["Names both outlets", "Cites a paragraph of each"]),
        _restored_written,
    ),
}


# --------------------------------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def timings(artifacts_dir: Path, browser):
    """Click → feedback times per kind (in-page ms), written to test-artifacts/click_feedback_ms.json at the end."""
    samples: dict[str, list[float]] = {kind: [] for kind in KINDS}
    yield samples
    import ipywidgets
    import jupyterlab

    per_kind = {
        kind: {"samples_ms": [round(v, 1) for v in values], "median_ms": round(statistics.median(values), 1)}
        for kind, values in samples.items()
        if values
    }
    out = {
        "what": "in-page time (performance.now) from the click event on Check/Save to the change of the question's "
                ".summit-feedback text; for 'code', from the Shift+Enter keydown that re-runs the cell to the new feedback",
        "generated": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "jupyterlab": jupyterlab.__version__, "ipywidgets": ipywidgets.__version__, "chromium": browser.version,
        "cpu_count": os.cpu_count(),
        "per_kind": per_kind,
        "median_ms_all_clicks": round(statistics.median([v for k, vs in samples.items() if k != "code" for v in vs]), 1)
        if any(samples[k] for k in KINDS if k != "code") else None,
    }  # fmt: skip
    (artifacts_dir / "click_feedback_ms.json").write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def question_page(lab: labdriver.LabPage) -> labdriver.LabPage:
    """The test's own notebook, one question of each kind, opened and run in the lab page."""
    cells = [
        ("markdown", "# Every kind of question (written by the browser tests)"),
        "import summitkit\nfrom summitkit import quiz",
    ]
    cells += [QUESTIONS[kind] for kind in KINDS]
    labdriver.write_notebook(lab.server.root / NOTEBOOK, cells)
    lab.server.clear_progress()
    lab.open(NOTEBOOK)
    lab.run_all()
    report = labdriver.check_open_notebook(lab, NOTEBOOK, click=False)
    assert not report.problems, "the question notebook itself does not run clean:\n  " + "\n  ".join(report.problems)
    assert lab.questions().count() == len(KINDS)
    return lab


def question(lab: labdriver.LabPage, kind: str):
    q = lab.questions().filter(has_text=f"(question {qid(kind)})")
    assert q.count() == 1, f"expected one question {qid(kind)} on the page, found {q.count()}"
    return q.first


def saved_record(lab: labdriver.LabPage, kind: str) -> dict:
    path = lab.server.progress / "progress.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"questions": {}}
    return data["questions"].get(qid(kind)) or {}


def code_cell_index(lab: labdriver.LabPage) -> int:
    return next(c["index"] for c in lab.cells() if '"99-code"' in c["source"])


def answer_kind(lab: labdriver.LabPage, kind: str, samples: list[float], rounds: int = 2) -> list[str]:
    """Wrong, right, wrong, right... checking the feedback each time; the problems found."""
    problems = []

    def note(step: str, feedback: str, ms: float | None, expect: tuple[str, ...]) -> None:
        if ms is None:
            problems.append(f"{kind}: {step}: the feedback did not change (still {feedback[:80]!r})")
            return
        samples.append(ms)
        if not feedback.startswith(expect):
            problems.append(f"{kind}: {step}: expected {' or '.join(expect)}, got {feedback[:120]!r}")

    if kind == "code":
        index = code_cell_index(lab)
        for r in range(rounds):
            for value, expect in ((41 + 2 * r, WRONG), (42, ("✓ Correct",))):
                source = QUESTIONS["code"].replace("value=42", f"value={value}")
                feedback, ms = lab.run_cell_and_time(index, source)
                note(f"round {r + 1}, value={value}", feedback, ms, expect)
        return problems

    driver = KIND_DRIVERS[kind]
    button = "Save" if kind == "written" else "Check"
    wrong_expect = ("… No answer yet",) if kind == "written" else WRONG
    right_expect = ("✎ Saved",) if kind == "written" else ("✓ Correct",)
    for r in range(rounds):
        for step, action, expect in (
            ("wrong", driver.wrong[r % len(driver.wrong)], wrong_expect),
            ("right", driver.right, right_expect),
        ):
            q = question(lab, kind)
            q.scroll_into_view_if_needed()
            action(q)
            settle_input(q)
            feedback, ms = lab.click_and_time(q, button)
            note(f"round {r + 1}, {step} answer", feedback, ms, expect)
    return problems


# --------------------------------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------------------------------
@pytest.mark.timeout(300)
@pytest.mark.parametrize("kind", KINDS)
def test_wrong_then_right_answer(question_page: labdriver.LabPage, timings: dict, kind: str) -> None:
    problems = answer_kind(question_page, kind, timings[kind])
    record = saved_record(question_page, kind)
    want = "saved" if kind == "written" else "correct"
    if record.get("verdict") != want:
        problems.append(f"{kind}: progress.json holds {record!r}, not verdict {want!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.timeout(300)
def test_hint_and_show_answer(question_page: labdriver.LabPage) -> None:
    q = question(question_page, "single")
    q.get_by_role("button", name="Hint (0 of 2)", exact=True).click()
    q.get_by_role("button", name="Hint (1 of 2)", exact=True).wait_for(timeout=10_000)
    assert "Hint 1: Look at the name of the series." in q.text_content()
    q.get_by_role("button", name="Show answer", exact=True).click()
    if not saved_record(question_page, "single").get("attempts"):  # not tried yet: the first click says "have a go first"
        q.get_by_text("Have a go first", exact=False).wait_for(timeout=10_000)
        q.get_by_role("button", name="Show answer", exact=True).click()
    q.get_by_text(re.compile(r"Answer:\s*RSIS Commentaries")).wait_for(timeout=10_000)


@pytest.mark.timeout(300)
def test_saved_answers_come_back_after_restart(question_page: labdriver.LabPage, artifacts_dir: Path) -> None:
    lab = question_page
    for kind in KINDS:  # answered already unless an earlier test was deselected or failed half-way
        want = "saved" if kind == "written" else "correct"
        if saved_record(lab, kind).get("verdict") != want:
            answer_kind(lab, kind, [], rounds=1)
    lab.restart_and_run_all()
    problems = labdriver.check_open_notebook(lab, NOTEBOOK, click=False).problems
    for kind in KINDS:
        q = question(lab, kind)
        feedback = lab.feedback_text(q)
        if kind == "code":
            if not feedback.startswith("✓ Correct"):
                problems.append(f"code: after the restart the feedback is {feedback[:120]!r}")
            continue
        want = "✎ Saved" if kind == "written" else "✓ Correct"
        if not (feedback.startswith(want) and "Your saved answer" in feedback and "is back" in feedback):
            problems.append(
                f"{kind}: after the restart the feedback is {feedback[:160]!r}, not '{want} … Your saved answer … is back'"
            )
        problems += [f"{kind}: after the restart {p}" for p in KIND_DRIVERS[kind].restored(q)]
    q, record = question(lab, "single"), saved_record(lab, "single")
    if record.get("hints") and f"Hint ({record['hints']} of 2)" not in q.text_content():
        problems.append(f"single: {record['hints']} hint(s) were shown before the restart, but the button does not say so")
    if record.get("revealed") and "Answer:" not in q.text_content():
        problems.append("single: the answer was revealed before the restart, but is not shown after it")
    lab.screenshot_cells(
        artifacts_dir / "screenshots" / "browser_tests__question_types.png", [c["index"] for c in lab.cells() if c["outputs"]]
    )
    assert not problems, "\n".join(problems)
