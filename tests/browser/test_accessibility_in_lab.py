"""Every learner can answer (issue 15): the question widgets and the lesson widgets in a real JupyterLab, in chromium.

One notebook written by the test holds a question of every kind (shown with ``quiz`` alone, without ``sk.begin``)
and the series' widgets (paragraph reader, claim reader, timeline explorer, actor cards, essay box, scorecard).

- **Keyboard only:** every kind is answered wrong, checked, corrected and checked again with Tab, Shift+Tab, Space,
  Enter and the arrow keys (and typing, for typed answers); at every step the focused element is inside the
  widget and shows a focus ring (a computed outline or box-shadow). Focus is put on each question's first control
  to start, as a Tab from the cell above would; the code task's value is typed into its cell, run with Shift+Enter.
- **Announced verdicts:** feedback, hints, answers, the essay's citation report and the scorecard's "Saved" are
  live regions (``role=status``, ``aria-live=polite``) whose element persists while its text changes; warnings are
  ``role=alert``.
- **Narrow screens and zoom (WCAG 1.4.10):** at a 360 px wide window and at 200% zoom (640 CSS px at 2 device
  pixels per px), JupyterLab's side panels closed as a learner would, no output scrolls sideways, no control of a
  widget reaches past its edge and no two controls of a widget overlap; screenshots of both go to
  ``test-artifacts/screenshots/accessibility_360px.png`` and ``accessibility_zoom200.png``.
- **axe-core** on the answered widgets (marks, feedback, search results shown): no serious or critical violation
  of the WCAG 2.1 A and AA rules, colour contrast included.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import labdriver
import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = "browser_tests/accessibility.ipynb"
ORDER = [
    "Six-Party Talks launched (2003)",
    "Kim Jong-il meets Medvedev (2011)",
    "Kim meets Trump in Singapore (2018)",
    "Putin and Kim meet in Vladivostok (2019)",
]
MULTI = ["38 North", "RSIS Commentaries", "Vladivostok Times"]
CATS = {"International prestige": "Russia", "Economic support": "North Korea", "A seat in the Korean game": "Russia"}
RUBRIC = ["Names both outlets", "Cites a paragraph of each"]
QUESTIONS = {
    "single": 'quiz.single("98-single", prompt="Which outlet published the RSIS text?", options=["38 North", "RSIS Commentaries", '
    '"Vladivostok Times"], answer="RSIS Commentaries", hints=["Look at the name of the series.", "RSIS is a school."])',
    "multiple": f'quiz.multiple("98-multiple", prompt="Which of these published one of our two texts?", options={MULTI!r}, '
    'answer=["38 North", "RSIS Commentaries"])',
    "order": f'quiz.order("98-order", prompt="Put these in order.", items={ORDER!r})',
    "match": 'quiz.match("98-match", prompt="Match each source id with its outlet.", '
    'pairs={"38north": "38 North", "rsis": "RSIS Commentaries"}, choices=["Foreign Affairs"])',
    "categorize": f'quiz.categorize("98-categorize", prompt="Whose aim was it?", items={CATS!r}, categories=["Russia", "North Korea"])',
    "date": 'quiz.date("98-date", prompt="When did Putin and Kim meet in Vladivostok?", answer="2019-04-25", precision="day")',
    "number": 'quiz.number("98-number", prompt="How many years lie between the 2011 summit and the 2019 one?", answer=8, unit="years")',
    "evidence": 'quiz.evidence("98-evidence", prompt="Which paragraph supports the statement?", '
    'statement="Nobody expected a breakthrough.", answer="rsis ¶3", options=["rsis ¶1", "rsis ¶2", "rsis ¶3"])',
    "written": f'quiz.written("98-written", prompt="In two sentences: how do the two texts read the summit?", rubric={RUBRIC!r}, '
    'model="38 North: a drive-by summit; RSIS: Russia enters.")',
    "code": 'quiz.code("98-code", prompt="What is 6 × 7? Compute it in the cell above.", answer=42, variable="product", '
    'pitfalls={13: "That is 6 + 7: multiply with *."})',
}
WIDGETS = [
    "reader.reader()",
    "compare.claim_reader()",
    "timeline.explore()",
    "stakes.actor_cards()",
    "essay.essay()",
    "scorecard.show()",
]
CODE_CELL = "product = 6 + 7"

# The focused element: where it is, what it is, and whether it shows a focus ring.
_FOCUS_JS = r"""() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = !!s.boxShadow && s.boxShadow !== 'none';
  const q = e.closest('.summit-question');
  const row = e.closest('.summit-item-row');
  const label = e.labels && e.labels[0] ? e.labels[0].textContent.trim() : '';
  return {tag: e.tagName, type: e.type || '', text: (e.textContent || '').trim().slice(0, 80), value: e.value === undefined ? null : e.value,
          label, checked: !!e.checked, ring: outline || shadow, outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow,
          ours: !!e.closest('.summit-question, .summit-widget'),
          qid: q ? ((q.textContent.match(/\(question ([^)]+)\)/) || [])[1] || null) : null,
          row: row ? [...row.parentElement.children].indexOf(row) : null};
}"""


def question(lab: labdriver.LabPage, kind: str):
    q = lab.questions().filter(has_text=f"(question 98-{kind})")
    assert q.count() == 1, f"expected one question 98-{kind}, found {q.count()}"
    return q.first


@pytest.fixture(scope="module")
def a11y_page(lab: labdriver.LabPage) -> labdriver.LabPage:
    cells = [
        ("markdown", "# Every kind of question and every widget (written by the accessibility tests)"),
        "from summitkit import compare, essay, quiz, reader, scorecard, stakes, timeline",
    ]
    for kind, declaration in QUESTIONS.items():
        if kind == "code":
            cells.append(CODE_CELL)
        cells.append(declaration)
    cells += WIDGETS
    labdriver.write_notebook(lab.server.root / NOTEBOOK, cells)
    lab.server.clear_progress()
    lab.open(NOTEBOOK)
    lab.run_all()
    report = labdriver.check_open_notebook(lab, NOTEBOOK, click=False)
    assert not report.problems, "the accessibility notebook does not run clean:\n  " + "\n  ".join(report.problems)
    assert lab.questions().count() == len(QUESTIONS) + 1  # and the essay's written question
    return lab


# --------------------------------------------------------------------------------------------------------------------
# Keyboard only
# --------------------------------------------------------------------------------------------------------------------
class Keys:
    """Presses keys and checks, after each, that focus is on one of our controls and visibly so; keeps a log."""

    def __init__(self, lab: labdriver.LabPage, kind: str) -> None:
        self.lab, self.page, self.kind, self.log, self.problems = lab, lab.page, kind, [], []

    def focused(self) -> dict | None:
        return self.page.evaluate(_FOCUS_JS)

    def expect_ring(self, step: str) -> dict:
        info = self.focused()
        if info is None or not info["ours"]:
            self.problems.append(f"{self.kind}: after {step} focus is not on the question's controls: {info}")
        elif not info["ring"]:
            self.problems.append(
                f"{self.kind}: after {step} the focused {info['tag']} ({info['label'] or info['text']!r}) shows no "
                f"focus ring (outline {info['outline']}, box-shadow {info['shadow']})"
            )
        self.log.append((step, info and (info["tag"], info["label"] or info["text"] or info["value"])))
        return info or {}

    def press(self, key: str, sync: bool = False) -> dict:
        """Press ``key`` and wait until its focus ring is drawn; with ``sync`` (a key that changes an answer) also until the
        kernel has handled the change and the page is still again."""
        self.page.keyboard.press(key)
        if sync:
            self.lab.sync_widgets()
            self.lab.settle(quiet_ms=150)
        labdriver.painted(self.page)
        return self.expect_ring(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.log.append((f"type {text!r}", None))

    def until(self, want, key: str = "Tab", limit: int = 30) -> dict:
        """Press ``key`` until ``want(focused)`` (at once if it already is); each step must keep a visible focus ring."""
        info = self.focused()
        if info and want(info):
            return info
        for _ in range(limit):
            info = self.press(key)
            if info and want(info):
                return info
        raise AssertionError(f"{self.kind}: {key} × {limit} never reached the control wanted; log: {self.log[-8:]}")

    def reach(self, target, limit: int = 40) -> dict:
        """Tab (or Shift+Tab, when ``target`` comes earlier in the page) until ``target`` (a locator) has the focus."""
        handle = target.element_handle(timeout=10_000)
        for _ in range(limit):
            where = self.page.evaluate(
                "(t) => t === document.activeElement ? 0 : "
                "(document.activeElement.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING ? 1 : -1)",
                handle,
            )
            if where == 0:
                return self.focused() or {}
            self.press("Tab" if where > 0 else "Shift+Tab")
        raise AssertionError(f"{self.kind}: Tab and Shift+Tab never reached the control wanted; log: {self.log[-8:]}")

    def wait_for(self, want, what: str, timeout: float = 10) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            info = self.focused()
            if info and want(info):
                return info
            self.page.wait_for_timeout(30)
        raise AssertionError(f"{self.kind}: {what} did not happen; focus is on {self.focused()}")


def _button(name: str):
    return lambda f: f["tag"] == "BUTTON" and f["text"] == name


def _check_and_read(keys: Keys, q, key: str = "Enter", button: str = "Check") -> str:
    """Tab to the Check (or Save) button, press it with the keyboard, and return the new feedback."""
    keys.reach(q.get_by_role("button", name=button, exact=True))
    before = keys.lab.feedback_text(q)
    keys.press(key)
    deadline = time.monotonic() + 15
    while keys.lab.feedback_text(q) == before:
        assert time.monotonic() < deadline, f"{keys.kind}: {key} on {button} gave no new feedback (still {before[:80]!r})"
        keys.page.wait_for_timeout(30)
    keys.lab.settle(quiet_ms=150)  # the marks arrive with the same update
    return keys.lab.feedback_text(q)


def _choose(keys: Keys, option_index: int) -> None:
    """On a focused, closed dropdown: ArrowDown/ArrowUp until the option at ``option_index`` is chosen."""
    for _ in range(20):
        now = keys.page.evaluate("() => document.activeElement.selectedIndex")
        if now == option_index:
            return
        keys.press("ArrowDown" if now < option_index else "ArrowUp", sync=True)
    raise AssertionError(f"{keys.kind}: the arrow keys did not reach option {option_index}")


def _order_now(q) -> list[str]:
    return q.evaluate("q => [...q.querySelectorAll('.summit-order-pick > .widget-label')].map(l => l.textContent.trim())")


def _drive_order(keys: Keys, q) -> list[str]:
    problems = []
    first = q.locator("select").first
    first.focus()
    keys.expect_ring("focus on the first place menu")
    # A wrong order first: move the first item down one place with the arrow key (focus follows it).
    start = _order_now(q)
    keys.press("ArrowDown", sync=True)
    keys.wait_for(lambda f: f["tag"] == "SELECT" and f["row"] == 1 and f["label"] == start[0], "focus following the moved item")
    if _order_now(q)[1] != start[0]:
        problems.append(f"order: ArrowDown on the place menu did not move the item ({_order_now(q)})")
    feedback = _check_and_read(keys, q)
    if not feedback.startswith(("✗ Not yet", "◐ Partly right")) or "marked ✗" not in feedback:
        problems.append(f"order: a wrong order got {feedback[:120]!r}")
    marks = q.locator(".summit-mark").all_text_contents()
    if len(marks) != len(ORDER) or not any("✗" in m for m in marks):
        problems.append(f"order: the marks beside the items are {marks}")
    # Now put each item in its place: Shift+Tab back to its menu, then Space (open), arrows, Enter; or ↑ with Enter.
    for place, item in enumerate(ORDER):
        row = _order_now(q).index(item)
        if row == place:
            continue
        if place % 2 == 0:
            keys.reach(q.locator("select").nth(row))
            keys.press("Space", sync=True)
            for _ in range(row - place):
                keys.page.keyboard.press("ArrowUp")
            keys.page.keyboard.press("Enter")
        else:
            keys.reach(q.locator(".summit-item-row").nth(row).get_by_role("button", name="↑", exact=True))
            for step in range(row - place):
                keys.press("Enter", sync=True)
                keys.wait_for(lambda f, at=row - step - 1: f["row"] == at, "focus following the item up")
        keys.wait_for(
            lambda f, place=place, item=item: _order_now(q)[place] == item and f["row"] == place,
            f"{item} reaching place {place + 1}",
        )
        keys.expect_ring(f"{item} moved to place {place + 1}")
    feedback = _check_and_read(keys, q)
    if not feedback.startswith("✓ Correct"):
        problems.append(f"order: the right order got {feedback[:120]!r}")
    return problems


def _drive_dropdowns(keys: Keys, q, wrong: dict[str, str], right: dict[str, str]) -> list[str]:
    problems = []
    options = q.locator("select").first.evaluate("s => [...s.options].map(o => o.textContent.replace(/\\u00a0/g, ' ').trim())")
    if options[0] != "— choose —":
        problems.append(f"{keys.kind}: the dropdowns start on {options[0]!r}, not '— choose —'")
    q.locator("select").first.focus()
    keys.expect_ring("focus on the first dropdown")
    for answers, expect in ((wrong, ("✗ Not yet", "◐ Partly right")), (right, ("✓ Correct",))):
        labels = q.locator(".summit-pick > .widget-label").all_text_contents()
        for item, choice in answers.items():
            keys.reach(q.locator("select").nth([t.strip() for t in labels].index(item)))
            _choose(keys, options.index(choice))
        feedback = _check_and_read(keys, q)
        if not feedback.startswith(expect):
            problems.append(f"{keys.kind}: {answers} got {feedback[:120]!r}")
        if expect[0] != "✓ Correct":
            marks = q.locator(".summit-mark").all_text_contents()
            if not any("✗" in m for m in marks):
                problems.append(f"{keys.kind}: no ✗ mark beside a wrong item ({marks})")
    return problems


def _drive_typed(keys: Keys, q, wrong: str, right: str) -> list[str]:
    problems = []
    q.locator("input[type=text]").first.focus()
    keys.expect_ring("focus on the answer box")
    keys.type(wrong)
    feedback = _check_and_read(keys, q)
    if not feedback.startswith(("✗ Not yet", "◐ Partly right")):
        problems.append(f"{keys.kind}: {wrong!r} got {feedback[:120]!r}")
    keys.reach(q.locator("input[type=text]").first)  # Shift+Tab back; tabbing into a box selects its text
    keys.type(right)
    feedback = _check_and_read(keys, q)
    if not feedback.startswith("✓ Correct"):
        problems.append(f"{keys.kind}: {right!r} got {feedback[:120]!r}")
    return problems


def _drive(keys: Keys, kind: str) -> list[str]:
    lab = keys.lab
    q = question(lab, kind)
    q.scroll_into_view_if_needed()
    problems: list[str] = []
    if kind == "single":
        q.locator("input[type=radio]").first.focus()
        keys.expect_ring("focus on the first option")
        keys.press("Space")
        feedback = _check_and_read(keys, q)
        if not feedback.startswith("✗ Not yet"):
            problems.append(f"single: the first option got {feedback[:100]!r}")
        keys.reach(q.get_by_role("radio", name="38 North", exact=True))  # Shift+Tab back into the group, on the chosen option
        keys.press("ArrowDown")
        if not keys.focused()["checked"] or keys.focused()["label"] != "RSIS Commentaries":
            problems.append(f"single: ArrowDown did not choose the next option ({keys.focused()})")
        feedback = _check_and_read(keys, q, key="Space")
        if not feedback.startswith("✓ Correct"):
            problems.append(f"single: the arrow-chosen option got {feedback[:100]!r}")
    elif kind == "multiple":
        q.locator("input[type=checkbox]").first.focus()
        keys.expect_ring("focus on the first option")
        keys.press("Space")  # 38 North
        keys.reach(q.get_by_role("checkbox", name="Vladivostok Times", exact=True))
        keys.press("Space")
        feedback = _check_and_read(keys, q)
        marks = q.locator(".summit-mark").all_text_contents()
        if not feedback.startswith("◐ Partly right") or marks != ["✓ right", "✗ not right"]:
            problems.append(f"multiple: got {feedback[:100]!r} with marks {marks}")
        keys.reach(q.get_by_role("checkbox", name="Vladivostok Times", exact=True))
        keys.press("Space", sync=True)
        if q.locator(".summit-mark").all_text_contents() != ["✓ right"]:
            problems.append("multiple: the mark of the option just unticked was not cleared")
        keys.reach(q.get_by_role("checkbox", name="RSIS Commentaries", exact=True))
        keys.press("Space")
        feedback = _check_and_read(keys, q)
        if not feedback.startswith("✓ Correct"):
            problems.append(f"multiple: the right ticks got {feedback[:100]!r}")
    elif kind == "order":
        problems += _drive_order(keys, q)
    elif kind == "match":
        problems += _drive_dropdowns(
            keys, q, {"38north": "RSIS Commentaries", "rsis": "38 North"}, {"38north": "38 North", "rsis": "RSIS Commentaries"}
        )
    elif kind == "categorize":
        problems += _drive_dropdowns(keys, q, dict.fromkeys(CATS, "North Korea"), CATS)
    elif kind == "date":
        problems += _drive_typed(keys, q, "2019-05-02", "25 April 2019")
    elif kind == "number":
        problems += _drive_typed(keys, q, "7", "8")
    elif kind == "evidence":
        q.locator("select").first.focus()
        keys.expect_ring("focus on the paragraph menu")
        for index, expect in ((1, ("✗ Not yet",)), (3, ("✓ Correct",))):
            keys.reach(q.locator("select").first)
            _choose(keys, index)
            feedback = _check_and_read(keys, q)
            if not feedback.startswith(expect):
                problems.append(f"evidence: option {index} got {feedback[:100]!r}")
    elif kind == "written":
        q.locator("textarea").first.focus()
        keys.expect_ring("focus on the answer box")
        keys.type("38 North reads a drive-by summit (38north 1); RSIS sees Russia entering the stage (rsis para 3).")
        for item in RUBRIC:
            keys.reach(q.get_by_role("checkbox", name=item, exact=True))
            keys.press("Space")
        feedback = _check_and_read(keys, q, button="Save")
        if not feedback.startswith("✎ Saved") or "2 of 2 points" not in feedback:
            problems.append(f"written: Save gave {feedback[:120]!r}")
    elif kind == "code":
        if not lab.feedback_text(q).startswith("✗ Not yet") or "multiply with *" not in lab.feedback_text(q):
            problems.append(f"code: 6 + 7 got {lab.feedback_text(q)[:120]!r} (the pitfall's explanation expected)")
        index = next(c["index"] for c in lab.cells() if c["source"].strip() == CODE_CELL)
        editor = lab.cell(index).locator(".jp-InputArea-editor .cm-content").first
        editor.focus()  # the learner's own cell: they type their code and run it with Shift+Enter, nothing else
        keys.page.keyboard.press("ControlOrMeta+a")
        keys.page.keyboard.insert_text("product = 6 * 7")
        before = lab.feedback_text(q)
        keys.page.keyboard.press("Shift+Enter")
        deadline = time.monotonic() + 20
        while lab.feedback_text(q) == before:
            assert time.monotonic() < deadline, "code: running the learner's cell did not check the question again"
            keys.page.wait_for_timeout(50)
        if not lab.feedback_text(q).startswith("✓ Correct"):
            problems.append(f"code: after running 6 * 7 the question says {lab.feedback_text(q)[:100]!r}")
        q.get_by_role("button", name="Check my value").focus()
        keys.expect_ring("focus on Check my value")
        keys.press("Enter", sync=True)
        if not lab.feedback_text(q).startswith("✓ Correct"):
            problems.append(f"code: Check my value said {lab.feedback_text(q)[:100]!r}")
    return problems


@pytest.mark.timeout(600)
def test_every_kind_is_answered_and_checked_with_the_keyboard_alone(a11y_page: labdriver.LabPage, artifacts_dir: Path) -> None:
    problems, logs = [], {}
    for kind in QUESTIONS:
        keys = Keys(a11y_page, kind)
        try:
            problems += _drive(keys, kind)
        except AssertionError as exc:
            problems.append(str(exc))
        problems += keys.problems
        logs[kind] = [f"{step}: {where}" for step, where in keys.log]
    (artifacts_dir / "keyboard_paths.json").write_text(json.dumps(logs, indent=1, ensure_ascii=False), encoding="utf-8")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------------------------------------------------
# Live regions
# --------------------------------------------------------------------------------------------------------------------
_REGIONS_JS = """(q) => [...q.querySelectorAll('.summit-live > .widget-html-content')].map(e => ({
  role: e.getAttribute('role'), live: e.getAttribute('aria-live'), atomic: e.getAttribute('aria-atomic'),
  text: e.textContent.trim(), nested: e.querySelectorAll('[role=status]').length}))"""
_TAG_JS = (
    "(q) => { q.querySelectorAll('.summit-live > .widget-html-content').forEach((e, i) => { e.__summitTag = 'region-' + i; }); }"
)
_SAME_JS = """(q) => [...q.querySelectorAll('.summit-live > .widget-html-content')].map(e => e.__summitTag || null)"""


@pytest.mark.timeout(300)
def test_verdicts_hints_answers_and_saved_are_announced(a11y_page: labdriver.LabPage) -> None:
    lab, problems = a11y_page, []
    q = question(lab, "single")
    q.scroll_into_view_if_needed()
    regions = q.evaluate(_REGIONS_JS)
    if len(regions) != 3:
        problems.append(f"single: expected 3 live regions (feedback, hints, answer), found {regions}")
    q.evaluate(_TAG_JS)
    texts = []
    for option in ("38 North", "RSIS Commentaries"):
        q.get_by_role("radio", name=option, exact=True).check()
        lab.sync_widgets()
        texts.append(lab.click_and_time(q, "Check")[0])
    if not (texts[0].startswith("✗ Not yet") and texts[1].startswith("✓ Correct")):
        problems.append(f"single: feedback went {texts}")
    lab.click_and_time(q, "Show answer")
    hint = q.get_by_role("button", name=re.compile(r"^Hint \(\d of 2\)$"))
    if hint.is_enabled():
        hint.click()
    lab.settle(quiet_ms=300)
    after = q.evaluate(_REGIONS_JS)
    if q.evaluate(_SAME_JS) != ["region-0", "region-1", "region-2"]:
        problems.append(
            "single: a live region was replaced by a new element (screen readers announce changes to an existing one only)"
        )
    for name, region, whole in zip(("feedback", "hints", "answer"), after, ("true", "false", "true")):
        if (region["role"], region["live"], region["atomic"]) != ("status", "polite", whole):
            problems.append(f"single: the {name} region is {region}, not role=status aria-live=polite aria-atomic={whole}")
        if region["nested"]:
            problems.append(f"single: the {name} region holds another role=status (it would be announced twice)")
    if not after[0]["text"].startswith("✓ Correct") or "Hint 1" not in after[1]["text"] or "Answer:" not in after[2]["text"]:
        problems.append(f"single: the regions say {[r['text'][:60] for r in after]}")
    # "✎ Saved": the written question's verdict is in its feedback region (answered by the keyboard test, or here).
    written = question(lab, "written")
    if not lab.feedback_text(written).startswith("✎ Saved"):
        written.locator("textarea").first.fill("38 North: a drive-by summit (38north ¶1).")
        lab.sync_widgets()
        lab.click_and_time(written, "Save")
    region = written.evaluate(_REGIONS_JS)[0]
    if (region["role"], region["live"]) != ("status", "polite") or not region["text"].startswith("✎ Saved"):
        problems.append(f"written: the Saved verdict's region is {region}")
    # The essay's citation report and the scorecard's "Saved": live regions too.
    box = (
        lab.page.locator(labdriver.PANEL)
        .locator(".summit-widget")
        .filter(has=lab.page.get_by_role("button", name="Check my citations"))
    )
    box.locator("textarea").first.fill(
        "RSIS calls Russia a key player (rsis 8) and 38 North a supporting actor (38north para 7)."
    )
    lab.sync_widgets()
    box.get_by_role("button", name="Check my citations").click()
    box.get_by_text(re.compile(r"citation\(s\) found")).first.wait_for(timeout=30_000)
    report = box.evaluate(
        "b => [...b.querySelectorAll('.summit-live > .widget-html-content')].map(e => [e.getAttribute('role'), e.textContent])"
    )
    if not any(r[0] == "status" and "2 different citation(s) found: 2 exist" in r[1] for r in report):
        problems.append(f"essay: the citation report is not an announced region saying the two citations exist: {report}")
    card = (
        lab.page.locator(labdriver.PANEL)
        .locator(".summit-widget")
        .filter(has=lab.page.get_by_role("button", name="Export my answers"))
    )
    card.get_by_role("textbox", name="Name:").fill("Ada Keyboard")
    lab.sync_widgets()
    card.get_by_role("button", name="Export my answers").click()
    saved = card.locator(".summit-live > .widget-html-content").first
    saved.get_by_text("✓ Saved", exact=False).wait_for(timeout=15_000)
    if (saved.get_attribute("role"), saved.get_attribute("aria-live")) != ("status", "polite"):
        problems.append(
            f"scorecard: 'Saved' is in {saved.get_attribute('role')}/{saved.get_attribute('aria-live')}, not status/polite"
        )
    assert not problems, "\n".join(problems)


@pytest.mark.timeout(300)
def test_a_warning_is_an_alert(a11y_page: labdriver.LabPage) -> None:
    """A damaged progress file is set aside with a warning: the question says so with role=alert."""
    lab = a11y_page
    (lab.server.progress / "progress.json").write_text("{ this is not json", encoding="utf-8")
    index = next(c["index"] for c in lab.cells() if '"98-number"' in c["source"])
    lab.run_cell_and_time(index, QUESTIONS["number"])
    lab.settle()
    alert = question(lab, "number").locator("[role=alert]")
    assert alert.count() and alert.first.text_content().strip().startswith("⚠"), (
        "the warning about the damaged file is not role=alert"
    )


# --------------------------------------------------------------------------------------------------------------------
# Narrow screens and zoom
# --------------------------------------------------------------------------------------------------------------------
_LAYOUT_JS = r"""(panelSel) => {
  const panel = document.querySelector(panelSel);
  const out = {scroll: [], overlap: [], beyond: []};
  const visible = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const name = e => (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent || e.value || e.tagName).trim().slice(0, 40);
  panel.querySelectorAll('.jp-OutputArea-output').forEach((o, i) => {
    if (o.scrollWidth > o.clientWidth + 1) out.scroll.push({output: i, scroll: o.scrollWidth, client: o.clientWidth,
      text: o.textContent.trim().slice(0, 60)});
  });
  panel.querySelectorAll('.summit-question, .summit-widget').forEach(w => {
    if (w.parentElement.closest('.summit-question, .summit-widget')) return;  // the essay's question is inside its box
    const wr = w.getBoundingClientRect();
    if (w.scrollWidth > w.clientWidth + 1) out.scroll.push({widget: w.className, scroll: w.scrollWidth, client: w.clientWidth});
    const parts = [...w.querySelectorAll('button, select, input:not([type=hidden]), textarea, .widget-label, .summit-mark, .noUi-handle, img')]
      .filter(visible).filter(e => !(e.classList.contains('widget-label') && !e.textContent.trim()));
    const boxes = parts.map(e => [e, e.getBoundingClientRect()]);
    for (const [e, r] of boxes) if (r.right > wr.right + 1 || r.left < wr.left - 1)
      out.beyond.push({widget: w.className.slice(0, 60), what: e.tagName + ' ' + name(e), right: Math.round(r.right), edge: Math.round(wr.right)});
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, ra] = boxes[i], [b, rb] = boxes[j];
      if (a.contains(b) || b.contains(a)) continue;
      const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left), y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (x > 1 && y > 1) out.overlap.push({widget: w.className.slice(0, 60), a: a.tagName + ' ' + name(a), b: b.tagName + ' ' + name(b),
        area: Math.round(x * y)});
    }
  });
  return out;
}"""


def _layout_problems(lab: labdriver.LabPage, where: str) -> list[str]:
    found = lab.page.evaluate(_LAYOUT_JS, labdriver.PANEL)
    problems = [f"{where}: scrolls sideways: {s}" for s in found["scroll"]]
    problems += [f"{where}: controls overlap: {o}" for o in found["overlap"]]
    problems += [f"{where}: a control reaches beyond its widget: {b}" for b in found["beyond"]]
    return problems


def _shots(lab: labdriver.LabPage, target: Path, width: int, scale: float) -> Path:
    """Every cell with an output, at ``width`` CSS px and ``scale`` device px per px (a zoomed page), stacked into one PNG.

    The window is made tall enough for each cell in turn (the notebook scrolls inside its own panel), and the cell is
    captured by chromium itself (``Page.captureScreenshot``), so the picture has the zoom's real pixel density.
    """
    import base64
    import io

    from PIL import Image

    page = lab.page
    cdp = page.context.new_cdp_session(page)
    images = []
    try:
        for cell in [c["index"] for c in lab.cells() if c["outputs"]]:
            element = lab.cell(cell)
            height = element.evaluate("(c) => c.getBoundingClientRect().height")
            tall = int(min(max(height + 400, 450), 4000))
            cdp.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": tall, "deviceScaleFactor": scale, "mobile": False},
            )
            lab.settle(quiet_ms=150)
            element.evaluate("(c) => c.scrollIntoView({block: 'start'})")
            labdriver.painted(page)
            box = element.evaluate(
                "(c) => { const r = c.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; }"
            )
            box["height"] = max(1, min(box["height"], tall - box["y"] - 30))  # a cell taller than the window: its top part
            shot = cdp.send("Page.captureScreenshot", {"format": "png", "clip": {**box, "scale": 1}})
            images.append(Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB"))
    finally:
        cdp.send("Emulation.clearDeviceMetricsOverride")
        cdp.detach()
    sheet = Image.new("RGB", (max(i.width for i in images), sum(i.height + 12 for i in images)), (200, 200, 200))
    y = 0
    for image in images:
        sheet.paste(image, (0, y))
        y += image.height + 12
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target)
    return target


@pytest.mark.timeout(600)
def test_nothing_scrolls_sideways_or_overlaps_at_360px_and_200_percent(a11y_page: labdriver.LabPage, artifacts_dir: Path) -> None:
    lab, problems = a11y_page, []
    page = lab.page
    normal = page.viewport_size
    # Show the paragraph reader's search results too (the longest list of a widget).
    search = page.locator(labdriver.PANEL).get_by_role("textbox", name="Search:")
    search.fill("Six-Party")
    search.press("Enter")
    page.locator(labdriver.PANEL).get_by_role("listbox", name="Found:").wait_for(timeout=15_000)
    left_open = page.evaluate("() => !window.jupyterapp.shell.leftCollapsed")
    try:
        # On a phone-width screen (and zoomed in) a learner closes JupyterLab's side panels (its file browser alone is
        # 250 px): JupyterLab's own interface, not ours. What is left for the notebook is what our widgets must fit.
        page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }")
        page.set_viewport_size({"width": 360, "height": 740})
        page.wait_for_function("w => window.innerWidth === w", arg=360)
        lab.settle()
        problems += _layout_problems(lab, "360 px")
        _shots(lab, artifacts_dir / "screenshots" / "accessibility_360px.png", 360, 1)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setDeviceMetricsOverride", {"width": 640, "height": 450, "deviceScaleFactor": 2, "mobile": False})
        page.wait_for_function("w => window.innerWidth === w", arg=640)
        lab.settle()
        problems += _layout_problems(lab, "200% zoom")
        cdp.send("Emulation.clearDeviceMetricsOverride")
        cdp.detach()
        _shots(lab, artifacts_dir / "screenshots" / "accessibility_zoom200.png", 640, 2)
    finally:
        page.set_viewport_size(normal)
        if left_open:
            page.evaluate("() => window.jupyterapp.shell.expandLeft()")
        page.wait_for_function("w => window.innerWidth === w", arg=normal["width"])
        lab.settle(quiet_ms=150)
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------------------------------------------------
# axe-core on the answered widgets
# --------------------------------------------------------------------------------------------------------------------
@pytest.mark.timeout(300)
def test_axe_finds_no_serious_violation_in_answered_widgets(
    a11y_page: labdriver.LabPage, axe_js: Path, browser_log: dict
) -> None:
    lab = a11y_page
    q = question(lab, "match")  # a partly right answer: marks ✓ and ✗ on the page for the contrast rule
    selects = q.locator("select")
    selects.nth(0).select_option(label="38 North")
    selects.nth(1).select_option(label="Foreign Affairs")
    lab.sync_widgets()
    lab.click_and_time(q, "Check")
    lab.settle()
    violations = labdriver.run_axe(lab.page, axe_js)
    browser_log["axe"][NOTEBOOK] = violations
    serious = labdriver.serious(violations)
    assert not serious, "\n".join(labdriver.describe_violations(serious))
