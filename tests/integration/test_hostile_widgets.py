"""Hostile input through the widgets, the way a learner gives it (issue 12, part B): every question kind,
answered through its control as the browser sends it, then Check, Hint, Show answer (twice), Read, and
re-opening the cell (the widget built again from saved progress); saved records of every shape; a progress
store that cannot be written; the essay box; the scorecard's export; the reader and the pager.

Asserted every time, through :class:`frontend.Frontend` (which catches what ipywidgets swallows):
- **no exception reaches the learner**: no traceback and no warning in JupyterLab's log (a button that does
  nothing), and no "something went wrong" either: every failure the package foresees is said in its own words;
- **no acknowledged answer is lost**: an answer Check accepted without a warning is in the progress file, comes
  back when the cell re-opens, and a saved answer that no longer fits its question is put aside, not dropped;
- **nothing is rendered as markup**: every HTML the widgets show uses only the package's own tags, no event
  handler, no script, no javascript: link, whatever the learner typed;
- every message is plain text (no control, invisible or broken characters) a browser can be sent.
"""

from __future__ import annotations

import errno
import json
import re
import unicodedata
from html.parser import HTMLParser

import pytest
from frontend import Frontend
from hostile_inputs import CATEGORY, HOSTILE, hostile_text, json_values, kept_form, plain, same, texts, widget_inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summitkit import progress
from summitkit.quiz import kinds
from summitkit.quiz.bank import entries, get
from summitkit.quiz.kinds.base import MISSING
from summitkit.quiz.widgets import QuestionWidget

#: One bank question of each kind (the first by id): every kind the course uses is driven.
SPECS = {}
for _qid in sorted(entries()):
    SPECS.setdefault(get(_qid)["kind"], get(_qid))
KINDS = sorted(SPECS)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
UNFORESEEN = "Something went wrong"


@pytest.fixture
def browser(monkeypatch):
    """The browser's side of the widgets (see tests/frontend.py), and a store with no notices left from other tests."""
    progress.take_notices()
    progress._said.clear()
    front = Frontend(monkeypatch)
    yield front
    front.close()


# ----- what the learner sees ---------------------------------------------------------------------------------------
ALLOWED_TAGS = {
    "style",
    "div",
    "b",
    "i",
    "br",
    "span",
    "code",
    "details",
    "summary",
    "pre",
    "blockquote",
    "p",
    "mark",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "figure",
    "figcaption",
    "img",
    "em",
    "strong",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        # the one link the package makes: the scorecard's download, the export's own bytes inside it (scorecard.download_link)
        download = (
            tag == "a"
            and ("class", "summit-download") in attrs
            and str(dict(attrs).get("href", "")).startswith("data:application/json;base64,")
        )
        if tag not in ALLOWED_TAGS and not download:
            self.problems.append(f"<{tag}> tag")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction") or (name == "href" and not download):
                self.problems.append(f"{name}= on <{tag}>")
            if value and re.search(r"javascript:", value, re.I):
                self.problems.append(f"javascript: in {name}= of <{tag}>")
            if tag == "img" and name == "src" and not value.startswith("data:image/svg+xml;base64,"):
                self.problems.append(f"<img src={value[:30]}>")


def markup_problems(html: str) -> list[str]:
    """What in a widget's HTML is not the package's own markup ([] if nothing): a learner's text rendered as markup."""
    parser = _Tags()
    parser.feed(html)
    return parser.problems


def html_of(widget) -> list[str]:
    """The HTML values of a widget and everything inside it."""
    import ipywidgets as w

    found, todo = [], [widget]
    while todo:
        item = todo.pop()
        if isinstance(item, w.HTML):
            found.append(item.value)
        todo.extend(getattr(item, "children", ()))
    return found


def unsendable(html: str) -> list[str]:
    """The characters of a widget's HTML that must never reach the browser: control characters (line breaks and tabs
    aside) and broken (lone surrogate) ones, which the comm cannot pack as UTF-8."""
    return sorted({f"U+{ord(c):04X}" for c in html if c not in "\n\t\r" and unicodedata.category(c) in ("Cc", "Cs")})


def learner_sees(front: Frontend, *widgets, expect_alert: str = "") -> None:
    """The assertions every drive ends with (see the module's docstring)."""
    assert front.quiet() == [], "a traceback or a warning reached JupyterLab's log"
    for widget in widgets:
        for html in html_of(widget):
            assert UNFORESEEN not in html, html[:2000]
            assert markup_problems(html) == [], (markup_problems(html), html[:500])
            assert unsendable(html) == [], html[:500]
    if expect_alert:
        assert any(expect_alert in html for widget in widgets for html in html_of(widget)), expect_alert


def test_unsendable_finds_what_the_comm_cannot_pack():
    """The check every drive ends with can fail: control and lone surrogate characters are named, line breaks are not."""
    assert unsendable("<p>a\x07b\n\tc\ud800</p>") == ["U+0007", "U+D800"]
    assert unsendable("<p>Привет,\r\n世界 — ¶ 5</p>") == []


# ----- answering through the control, as the browser does -----------------------------------------------------------
def answer(front: Frontend, q: QuestionWidget, value: object) -> bool:
    """Give ``value`` through the question's control (typing, ticking, picking, moving); False if the browser could not send it."""
    kind = q.kind
    if kind in ("date", "number"):
        return front.type(q.input, value)
    if kind == "written":
        text, ticks = (value["text"], value["rubric"]) if isinstance(value, dict) else (value, [])
        if not front.type(q.input, text):
            return False
        for box, tick in zip(q.boxes, ticks):
            front.set(box, value=bool(tick))
        return True
    if kind in ("single", "evidence"):
        front.pick(q.input, value)
        return True
    if kind == "multiple":
        for option, box in zip(q.spec["options"], q.boxes):
            front.set(box, value=option in value)
        return True
    if kind == "order":  # each item's place chosen from the number menu beside it, then one step back and forth with ↓ and ↑
        for target, item in enumerate(value):
            if q.order_now.index(item) != target:
                front.pick(q.control.places[q.order_now.index(item)], target + 1)
        front.click(q.control.downs[0])
        front.click(q.control.ups[1])
        return True
    if kind == "justify":  # the choice and the paragraph picked, the quotation and the reasoning typed
        record = value if isinstance(value, dict) else {}
        front.pick(q.control.choice, record.get("choice") or None)
        front.pick(q.control.paragraph, record.get("paragraph") or "")
        return front.type(q.control.quote, str(record.get("quote", ""))) and front.type(
            q.control.reason, str(record.get("reason", ""))
        )
    if kind in ("match", "categorize"):
        for row, picker in q.pickers.items():
            front.pick(picker, (value or {}).get(row))
        return True
    return True  # code: the value comes with the cell run


def build(spec: dict, value: object = MISSING) -> QuestionWidget:
    return QuestionWidget(spec, value=value)


def drive(front: Frontend, spec: dict, value: object) -> None:
    """One learner, one input: answer, Check, Hint, Show answer twice, Read every passage, then re-open the cell."""
    code = spec["kind"] == "code"
    q = build(spec, value if code else MISSING)
    learner_sees(front, q)
    if not code and not answer(front, q, value):
        return  # the browser cannot send it (a lone surrogate): it never reaches the kernel
    if not code:
        front.click(q.check_button)
    result = q.last_result
    learner_sees(front, q)
    assert result is not None and not plain(result.message), result
    saved = progress.record(spec["id"])
    acknowledged = result.counted and not q.alert.value
    if acknowledged:  # the answer Check accepted is in the file, as the store keeps it
        assert saved is not None and same(saved["answer"], kept_form(q.answer())), (saved, q.answer())
    if spec.get("hints"):
        front.click(q.hint_button)
        assert "Hint 1" in q.hint_area.value
    front.click(q.reveal_button)
    front.click(q.reveal_button)
    assert q.answer_area.value
    for button in q.cite_bar.children:
        front.click(button)
        assert q.passage.value
    learner_sees(front, q)
    again = build(spec, value if code else MISSING)  # the cell run again: the saved answer comes back
    learner_sees(front, again)
    if acknowledged and not code:
        assert again.last_result is not None and again.last_result.verdict == result.verdict
        assert kept_form(again.answer()) == saved["answer"] or "\ufffd" in json.dumps(again.answer(), ensure_ascii=False)
    assert again.answer_area.value  # the answer was revealed: it stays revealed


# ----- every kind, every named input ---------------------------------------------------------------------------------
TYPED = ("date", "number", "written")


def named_inputs(kind: str) -> dict[str, object]:
    """The named inputs a learner can give this kind through its widget. Every text goes through one typed kind's box
    (date, number and written in turn: a widget costs ~30 ms to build) and through every kind's check, headless, in
    tests/unit/test_hostile_inputs.py; every value, text or not, through the code task; the choice kinds get their options."""
    spec = SPECS[kind]
    inputs = widget_inputs(spec)
    if kind in TYPED:
        inputs = {name: value for i, (name, value) in enumerate(inputs.items()) if TYPED[i % len(TYPED)] == kind}
    if kind == "written":
        inputs = {name: {"text": text, "rubric": [True] * len(spec["rubric"])} for name, text in inputs.items()}
    return inputs


def test_the_widget_drive_covers_every_named_input():
    driven = set().union(*(named_inputs(kind) for kind in KINDS))
    assert driven >= set(HOSTILE) and len(driven) >= 100


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_through_its_widget_with_the_named_inputs(kind, browser):
    spec = SPECS[kind]
    for name, value in named_inputs(kind).items():
        progress.load()
        try:
            drive(browser, spec, value)
        except AssertionError as exc:
            raise AssertionError(f"{kind} {spec['id']}, input {name!r}: {exc}") from None


@pytest.mark.parametrize("kind", ["date", "number", "written", "code"])
@given(text=hostile_text)
@SETTINGS
def test_typed_and_computed_answers_of_any_text(kind, text, browser):
    spec = SPECS[kind]
    drive(browser, spec, {"text": text, "rubric": [False] * len(spec["rubric"])} if kind == "written" else text)


@given(value=json_values)
@SETTINGS
def test_a_code_task_given_any_value(value, browser):
    drive(browser, SPECS["code"], value)


# ----- saved records of every shape ---------------------------------------------------------------------------------
#: What a progress file can hand back: every named value that is not text, and the texts of the categories that differ
#: as saved records (every named text goes through the boxes above and, as a saved record, through tests/unit/test_hostile_inputs.py).
SAVED = {
    **{
        name: kept_form(value)
        for name, value in HOSTILE.items()
        if not isinstance(value, str) or CATEGORY[name] in ("encoding", "bidi", "long", "markup", "blank", "text", "mathtext")
    },
    "a-table": {"a": "b"},
    "nested": [[{"x": [1]}]],
    "a-list-of-tables": [{"a": 1}, {"b": None}],
}


def reopen_with(front: Frontend, spec: dict, record: dict) -> QuestionWidget:
    """Write ``record`` as the question's saved progress, re-open the cell, and check nothing the file held is lost."""
    qid = spec["id"]
    progress._said.clear()  # the store says a notice once per session; each re-opening here is a first time
    progress.progress_file().unlink(missing_ok=True)  # one learner per saved record (a megabyte set aside slows every later read)
    progress.update(qid, record, count="attempts")
    written = progress.record(qid)
    q = build(spec)
    learner_sees(front, q)
    now = progress.load()
    fits = not q._misfit(written)
    if fits:  # it stays, and is shown
        assert same(now["questions"][qid]["answer"], written["answer"])
    else:  # it is put aside, whole, with the reason, and the learner is told
        aside = [a for a in now.get("set_aside", []) if a["id"] == qid]
        assert aside and same(aside[-1]["record"]["answer"], written["answer"]) and qid not in now["questions"], now
        assert "did not fit" in q.notice.value, q.notice.value
    for button in (q.check_button, q.hint_button, q.reveal_button, q.reveal_button):
        front.click(button)
    learner_sees(front, q)
    return q


@pytest.mark.parametrize("kind", KINDS)
def test_saved_records_of_every_shape_reopen_or_are_put_aside(kind, browser):
    spec = SPECS[kind]
    for name, value in SAVED.items():
        try:
            reopen_with(browser, spec, {"kind": kind, "answer": value, "verdict": "wrong", "score": 0.0, "hints": 1})
        except AssertionError as exc:
            raise AssertionError(f"{kind} {spec['id']}, saved answer {name!r}: {exc}") from None


@pytest.mark.parametrize("kind", KINDS)
def test_a_question_whose_kind_changed_keeps_the_old_answer_aside(kind, browser):
    """The issue's case: the teacher changed a question's kind, keeping its id; the learner's old answer is set aside."""
    spec = SPECS[kind]
    for other in KINDS:
        if other == kind:
            continue
        old = kinds.get(other).right_answer(SPECS[other])
        q = reopen_with(browser, spec, {"kind": other, "answer": old, "verdict": "correct", "score": 1.0})
        if kind != "code":
            assert "did not fit" in q.notice.value and f"a {other} question" in q.notice.value
        progress.load()


@given(kind=st.sampled_from(KINDS), value=json_values)
@SETTINGS
def test_saved_answers_of_any_json_shape(kind, value, browser):
    reopen_with(browser, SPECS[kind], {"kind": kind, "answer": value})


def test_a_store_that_cannot_be_read_at_all_still_shows_every_question(browser, progress_home):
    (progress_home / "progress.json").write_bytes(b"\xff\xfe{not json")
    for kind in KINDS:
        q = build(SPECS[kind])
        learner_sees(browser, q)
    assert list(progress_home.glob("progress.corrupt-*"))  # set aside, not deleted


# ----- a progress store that cannot be written -----------------------------------------------------------------------
def _fail_with(code: int):
    def hook(stage: str, tmp) -> None:
        raise OSError(
            code,
            {errno.ENOSPC: "No space left on device", errno.EACCES: "Permission denied", errno.EROFS: "Read-only file system"}[
                code
            ],
            str(tmp),
        )

    return hook


STORES = {
    "disk-full": ("the disk is full", lambda home, mp: mp.setattr(progress, "write_hook", _fail_with(errno.ENOSPC))),
    "read-only-folder": ("not allowed to write", lambda home, mp: mp.setattr(progress, "write_hook", _fail_with(errno.EACCES))),
    "read-only-disk": ("not allowed to write", lambda home, mp: mp.setattr(progress, "write_hook", _fail_with(errno.EROFS))),
    "folder-for-the-file": ("where a file should be", lambda home, mp: (home / "progress.json").mkdir()),
    "folder-for-the-lock": ("where a file should be", lambda home, mp: (home / "progress.lock").mkdir()),
    "home-is-a-file": ("is a file, not a folder", lambda home, mp: (home.rmdir(), home.write_text("x"))),
}


@pytest.mark.parametrize("store", list(STORES))
@pytest.mark.parametrize("kind", KINDS)
def test_every_button_says_why_when_answers_cannot_be_saved(kind, store, browser, progress_home, monkeypatch):
    """Check still gives its verdict, Hint its hint and Show answer the answer; each says, in the store's words, why it
    could not be saved and what to do; re-opening the cell works. (The write_hook cases stand in for a read-only folder,
    which root, who runs CI, can write anyway; tests/unit/test_progress.py makes a really read-only one as user nobody.)"""
    words, breaks = STORES[store]
    breaks(progress_home, monkeypatch)
    spec = SPECS[kind]
    right = kinds.get(kind).right_answer(spec)
    q = build(spec, right if kind == "code" else MISSING)
    learner_sees(browser, q)
    if kind != "code":
        answer(browser, q, right)
        browser.click(q.check_button)
    assert q.last_result.verdict in ("correct", "saved")  # the verdict is shown all the same
    learner_sees(browser, q, expect_alert=words)
    assert "What to do" in q.alert.value and "still in the box" in q.alert.value
    if spec.get("hints"):
        browser.click(q.hint_button)
        assert "Hint 1" in q.hint_area.value
        learner_sees(browser, q, expect_alert=words)
    browser.click(q.reveal_button)
    browser.click(q.reveal_button)
    assert q.answer_area.value
    learner_sees(browser, q, expect_alert=words)
    learner_sees(browser, build(spec, right if kind == "code" else MISSING))


# ----- the essay box, the scorecard, the reader --------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(texts(), key=lambda n: len(texts()[n]))[:80])
def test_the_essay_box_with_hostile_text(name, browser):
    from summitkit import essay

    box = essay.essay()
    q = box.question
    if not browser.type(q.input, texts()[name] + " rsis ¶3, rsis ¶99 and bbc ¶1"):
        return
    browser.click(box.cite_button)
    learner_sees(browser, box)
    assert "rsis ¶3" in box.report.value
    again = essay.essay()
    learner_sees(browser, again)
    assert again.report.value == box.report.value  # re-opened: the answer and its check are back


def test_the_essay_box_says_why_when_it_cannot_save(browser, progress_home, monkeypatch):
    from summitkit import essay

    monkeypatch.setattr(progress, "write_hook", _fail_with(errno.ENOSPC))
    box = essay.essay()
    browser.type(box.question.input, "As rsis ¶3 says, Russia wants a seat at the table.")
    browser.click(box.cite_button)
    learner_sees(browser, box, expect_alert="the disk is full")
    assert "rsis ¶3" in box.report.value  # the check is done all the same


@pytest.mark.parametrize("store", ["disk-full", "folder-for-the-file", "home-is-a-file"])
def test_the_scorecard_export_says_why(store, browser, progress_home, monkeypatch, tmp_path):
    from summitkit import scorecard

    monkeypatch.chdir(tmp_path)
    words, breaks = STORES[store]
    breaks(progress_home, monkeypatch)
    card = scorecard.show()
    name, button = card.name, card.export_button
    browser.type(name, "<b>Ana</b> \u202e")
    browser.click(button)
    learner_sees(browser, card, expect_alert=words)
    # Issue 25: a store that cannot be written does not stop the export: what could be read is exported (one file), and
    # the page says both where it went and, in the store's words, why the name was not saved with the answers.
    assert len(list(tmp_path.glob("summit-export-*"))) == 1 and "✓ Saved" in card.status.value


@pytest.mark.parametrize("name", ["script", "rlo-markup", "long-zwsp", "entity", "attribute-break", "format-string", "empty"])
def test_the_scorecard_export_with_a_hostile_name(name, browser, tmp_path, monkeypatch):
    from summitkit import scorecard

    monkeypatch.chdir(tmp_path)
    card = scorecard.show()
    browser.type(card.name, HOSTILE[name])
    browser.click(card.export_button)
    learner_sees(browser, card)
    assert ("✓ Saved" in card.status.value) == bool(list(tmp_path.glob("summit-export-*")))


def test_the_reader_and_the_pager_say_what_goes_wrong(browser, data_copy):
    """A text deleted while the notebook is open: the pager's Next and the reader's menus say so in the page."""
    from summitkit import reader

    view = reader.reader("rsis")
    for text in ("<script>alert(1)</script>", "\u202e¶", "$x$", "s" * 10_000):
        browser.type(view.query, text)
    learner_sees(browser, view)
    (data_copy / "sources" / "rsis.md").unlink()
    browser.click(view.pager.next_button)
    learner_sees(browser, view, expect_alert="rsis.md")
    browser.pick(view.pick, "38north")
    learner_sees(browser, view)


def test_the_order_controls_own_buttons_and_menus_say_what_went_wrong(browser):
    """The order's ↑/↓ buttons and place menus are the control's own (not the question's Check/Hint/Show answer): a
    failure inside them is said in the question's alert area too, never lost in JupyterLab's log, and the next
    action that works clears it."""
    q = build(SPECS["order"])
    real = q.control.move_to

    def broken(*_):
        raise RuntimeError("a fault inside the move")

    q.control.move_to = broken
    for press in (lambda: browser.click(q.control.downs[0]), lambda: browser.pick(q.control.places[0], 2)):
        press()
        assert browser.quiet() == [], "a failure in the order's own control reached JupyterLab's log"
        assert UNFORESEEN in q.alert.value and q.alert.layout.display == "", q.alert.value
    q.control.move_to = real
    browser.click(q.control.downs[0])
    assert browser.quiet() == [] and q.alert.value == "" and q.control.order_touched
