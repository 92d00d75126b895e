"""Question kinds as classes: the registry, the contract every kind keeps, and the headless entry point.

The contract tests run for every kind the registry finds, so a new kind module is held to them with no
edit here: its example declaration validates and survives the bank, its right answer is judged right,
odd answers never raise, and its control puts back its own answers and shrugs off other shapes.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summitkit import progress, quiz
from summitkit.quiz import kinds
from summitkit.quiz.kinds.base import MISSING, SpecError
from summitkit.quiz.result import VERDICTS, Result
from summitkit.quiz.spec import join, split, validate

TEN = {"single", "multiple", "order", "match", "categorize", "date", "number", "evidence", "written", "code"}
COMMON = [("cite", None), ("hints", None), ("explain", ""), ("in_lesson", False), ("dok", None)]  # dok: Webb's level, added
# The notebook API as it was before kinds were classes (solutions notebooks call these): name -> parameters after id, prompt.
API = {
    "single": [("options", "required"), ("answer", "required"), ("feedback", None), *COMMON],
    "multiple": [("options", "required"), ("answer", "required"), ("feedback", None), *COMMON],
    "order": [("items", "required"), *COMMON],
    "match": [("pairs", "required"), ("choices", None), *COMMON],
    "categorize": [("items", "required"), ("categories", "required"), *COMMON],
    "date": [("answer", "required"), ("precision", "day"), ("tolerance_days", 0), ("feedback", None), *COMMON],
    "number": [("answer", "required"), ("tolerance", 0), ("unit", ""), ("also", None), *COMMON],
    "evidence": [("statement", "required"), ("answer", "required"), ("options", None), ("feedback", None), *COMMON[1:]],
    "written": [("rubric", "required"), ("model", "required"), *COMMON],
    "code": [("answer", "required"), ("value", MISSING), ("tolerance", 0), ("variable", ""), ("pitfalls", None), *COMMON],
}
NAMES = sorted(kinds.names())


def example(name: str, qid: str | None = None) -> dict:
    return validate({"id": qid or f"t-{name}", "kind": name, **kinds.get(name).example})


def right(name: str, spec: dict | None = None) -> object:
    spec = spec or example(name)
    return kinds.get(name).right_answer(spec)


# ----- the registry and the notebook API -----------------------------------------------------------------------------
def test_the_registry_finds_the_ten_kinds():
    assert TEN <= set(kinds.names())
    assert set(quiz.KINDS) == set(kinds.names()) and all(callable(getattr(quiz, name)) for name in quiz.KINDS)
    assert {"single", "show", "check"} <= set(dir(quiz))
    with pytest.raises(SpecError, match=r"question 'x': kind 'poll' is not one of .*single"):
        validate({"id": "x", "kind": "poll", "prompt": "p"})
    with pytest.raises(AttributeError):
        quiz.poll  # noqa: B018


@pytest.mark.parametrize("name", sorted(API))
def test_the_notebook_api_is_unchanged(name):
    import inspect

    params = list(inspect.signature(getattr(quiz, name)).parameters.values())
    assert [p.name for p in params[:2]] == ["id", "prompt"] and all(p.default is p.empty for p in params[:2])
    got = [(p.name, "required" if p.default is p.empty else p.default) for p in params[2:]]
    assert got == API[name]
    assert getattr(quiz, name).__doc__  # help(quiz.single) says what it is


def test_declaring_with_a_wrong_argument_says_which_call():
    with pytest.raises(TypeError, match=r"quiz.single\(\): .*colour"):
        quiz.single("t-x", prompt="p", options=["a", "b"], answer="a", colour="red")
    with pytest.raises(TypeError, match=r"quiz.number\(\): missing a required argument: 'answer'"):
        quiz.number("t-x", prompt="p")


def test_quiz_check_is_the_headless_entry_point():
    from summitkit.quiz import spec

    assert spec.check is quiz.check  # the alias other code already imports
    result = quiz.check(example("single"), "RSIS Commentaries")
    assert isinstance(result, Result) and result.verdict == "correct"


def test_checking_loads_no_widgets_and_importing_loads_no_kinds():
    code = (
        "import sys\n"
        "import summitkit.quiz as quiz\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('summitkit.quiz.kinds.') and m != 'summitkit.quiz.kinds.base')\n"
        "from summitkit.quiz import bank\n"
        "verdict = quiz.check(bank.get('01-outlet'), 'RSIS Commentaries').verdict\n"
        "print(loaded, verdict, [m for m in ('ipywidgets', 'matplotlib') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[] correct []"


# ----- the contract every kind keeps -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_a_kinds_example_survives_the_bank(name):
    spec = example(name)
    entry = split(spec)
    kind = kinds.get(name)
    assert set(entry) - {"sealed", "hint_count"} <= set(kind.shown())
    assert join(entry) == spec
    assert validate(spec) == spec  # validating twice changes nothing
    assert kind.how and kind.empty and kind.summary


@pytest.mark.parametrize("name", NAMES)
def test_a_kinds_right_answer_is_right_and_no_answer_is_empty(name):
    spec = example(name)
    result = quiz.check(spec, right(name, spec))
    assert (result.verdict, result.score) == ("saved" if name == "written" else "correct", 1.0)
    for nothing in (None, MISSING, "", [], {}):
        empty = quiz.check(spec, nothing)
        assert empty.verdict == "empty" and empty.score == 0 and empty.message and not empty.marks


ODD = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from([MISSING, Ellipsis, b"x", 1j]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4) | st.tuples(inner),
    max_leaves=10,
)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(answer=ODD)
def test_check_never_raises_on_odd_answers(name, answer):
    spec = example(name)
    result = quiz.check(spec, answer)
    assert result.verdict in VERDICTS and 0.0 <= result.score <= 1.0 and isinstance(result.message, str) and result.message
    assert all(isinstance(k, str) and isinstance(v, bool) for k, v in result.marks.items())


@pytest.mark.parametrize("name", NAMES)
def test_check_takes_every_other_kinds_answer_in_its_stride(name):
    spec = example(name)
    for other in NAMES:
        result = quiz.check(spec, right(other))
        assert result.verdict in VERDICTS and 0.0 <= result.score <= 1.0, other
    huge = "9" * 1_000_000
    assert len(quiz.check(spec, huge).message) < 400


@pytest.mark.parametrize("name", NAMES)
def test_a_control_puts_back_its_own_answer_and_shrugs_off_others(name):
    spec = example(name)
    q = _widget(spec)
    kind = kinds.get(name)
    before = q.answer()
    for other in NAMES:
        if other != name:
            assert q.set_answer(right(other)) in (True, False)
    for odd in (None, 3, 2.5, True, "x", ["x"], {"x": 1}, [[1]], {"text": 5}, MISSING):
        assert q.set_answer(odd) in (True, False)
    if kind.checked_on_run:
        assert q.set_answer(right(name)) is False and q.answer() == before  # the cell's value is the answer
        return
    assert q.set_answer(right(name)) is True
    assert quiz.check(spec, q.answer()).verdict in ("correct", "saved")
    assert q.check().verdict in ("correct", "saved") and progress.record(spec["id"])["answer"] == q.answer()


def _widget(spec: dict):
    from summitkit.quiz.widgets import QuestionWidget

    return QuestionWidget(spec)


@pytest.mark.parametrize("name", NAMES)
def test_a_saved_answer_of_another_shape_does_not_break_the_question(name):
    spec = example(name)
    for other in NAMES:
        if other == name:
            continue
        progress.update(spec["id"], {"kind": other, "answer": right(other), "verdict": "correct", "score": 1, "hints": "lots"})
        q = _widget(spec)  # must not raise
        if not kinds.get(name).checked_on_run:
            assert q.last_result is None or "is back" in q.feedback.value


@pytest.mark.parametrize("name", NAMES)
def test_question_text_never_renders_as_markup(name):
    """Prompt, options, items, statement and rubric pass through markup.el: shown as text, never as HTML."""
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    declared = dict(kinds.get(name).example, prompt=f"Which? {hostile}", explain=hostile, hints=[hostile])
    for key, value in kinds.get(name).example.items():
        if key == "statement":
            declared[key] = hostile
        elif isinstance(value, list) and key != "answer" and name != "evidence":  # options, items, choices, rubric
            declared[key] = [*value, hostile]
        elif isinstance(value, dict) and key in ("items", "pairs", "case"):  # case: justify's case for each other answer
            declared[key] = {**value, hostile: next(iter(value.values()))}
    spec = validate({"id": f"t-hostile-{name}", "kind": name, **declared})
    q = _widget(spec)
    q.hint()
    q.check()
    q.reveal()
    q.reveal()
    html = "".join(_html_values(q))
    assert "&lt;script&gt;" in html and "<script" not in html and "<img" not in html


def _html_values(widget) -> list[str]:
    import ipywidgets as w

    out = [widget.value] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()):
        out += _html_values(child)
    return out


# ----- per-item marks ---------------------------------------------------------------------------------------------------
def test_marks_say_which_items_are_right():
    order = example("order")
    items = order["items"]
    result = quiz.check(order, [items[1], items[0], items[2]])
    assert result.marks == {items[1]: False, items[0]: False, items[2]: True} and result.verdict == "partial"
    match = example("match")
    result = quiz.check(match, {"38north": "38 North", "rsis": "Foreign Affairs"})
    assert result.marks == {"38north": True, "rsis": False} and result.score == 0.5
    assert quiz.check(match, {"38north": "38 North"}).marks == {"38north": True, "rsis": False}  # a blank is not right
    cat = example("categorize")
    assert quiz.check(cat, {"International prestige": "North Korea", "Economic support": "North Korea"}).marks == {
        "International prestige": False,
        "Economic support": True,
    }
    multi = example("multiple")
    result = quiz.check(multi, ["38 North", "Vladivostok Times"])
    assert result.marks == {"38 North": True, "RSIS Commentaries": False, "Vladivostok Times": False} and math.isclose(
        result.score, 1 / 3
    )
    for name in ("single", "date", "number", "evidence", "written", "code"):
        assert quiz.check(example(name), right(name)).marks == {}


# ----- validation names the question and the field -------------------------------------------------------------------
@pytest.mark.parametrize(
    "name,change,field",
    [
        ("single", {"answer": "Nobody"}, "answer"),
        ("multiple", {"answer": "38 North"}, "answer"),
        ("order", {"items": ["a", "b"]}, "items"),
        ("match", {"pairs": {"a": "b"}}, "pairs"),
        ("categorize", {"items": {"x": "Nowhere", "y": "Russia"}}, "items"),
        ("date", {"precision": "week"}, "precision"),
        ("date", {"tolerance_days": -1}, "tolerance_days"),
        ("number", {"tolerance": "a bit"}, "tolerance"),
        ("evidence", {"feedback": {"rsis ¶9": "not an option"}}, "feedback"),
        ("written", {"rubric": []}, "rubric"),
        ("code", {"answer": "forty-two"}, "answer"),
        ("single", {"cite": ["rsis ¶99"]}, "cite"),
        ("number", {"colour": "red"}, "colour"),
    ],
)
def test_a_bad_declaration_names_question_and_field(name, change, field):
    with pytest.raises(SpecError) as caught:
        validate({"id": "t-bad", "kind": name, **kinds.get(name).example, **change})
    assert caught.value.question == "t-bad" and caught.value.field == field
    assert str(caught.value).startswith("question 't-bad': ") and field in str(caught.value)


def test_live_and_built_declarations_give_the_same_spec():
    """quiz.date(...) in a notebook fills its defaults; so does the build, which sees only what is written."""
    live = quiz.date("t-same", prompt="When?", answer="2019-04-25").spec
    built = validate({"kind": "date", "id": "t-same", "prompt": "When?", "answer": "2019-04-25"})
    assert live == built and built["precision"] == "day" and built["tolerance_days"] == 0


# ----- a code task with no value (one MISSING marker) -----------------------------------------------------------------
def test_showing_a_code_task_without_a_value_says_nothing_yet():
    from summitkit.quiz import api, widgets

    assert api.MISSING is widgets.MISSING is MISSING and repr(MISSING) == "MISSING" and not MISSING
    q = quiz.show("01-words")  # outside a notebook there is no variable 'words' to read
    text = "".join(_html_values(q))
    assert "object at 0x" not in text and "Your value (<code>words</code>): <b>nothing yet</b>" in text
    assert q.last_result.verdict == "empty" and "No value yet" in q.last_result.message
    assert progress.record("01-words") is None  # nothing to save
    same = quiz.code("t-code-none", prompt="Words?", answer=65)
    assert "Your value: <b>nothing yet</b>" in "".join(_html_values(same)) and same.last_result.verdict == "empty"
    left = quiz.show("01-words", value=...)
    assert "nothing yet" in "".join(_html_values(left)) and "Replace the ..." in left.last_result.message
    assert quiz.show("01-words", value=65).last_result.verdict == "correct"


def test_saved_records_are_plain_json():
    for name in NAMES:
        spec = example(name, f"t-json-{name}")
        q = _widget(spec)
        if not kinds.get(name).checked_on_run:
            q.set_answer(right(name))
            q.check()
    saved = json.loads((progress.progress_file()).read_text(encoding="utf-8"))["questions"]
    assert {k.removeprefix("t-json-") for k in saved} == set(NAMES) - {n for n in NAMES if kinds.get(n).checked_on_run}


def test_a_date_the_teacher_foresaw_gets_its_own_feedback():
    """04-invitation: "June 2018" is RSIS's date, and the learner is told so, not only that the month is wrong (issue 17)."""
    from summitkit.quiz import bank

    said = quiz.check(bank.get("04-invitation"), "June 2018")
    assert said.verdict == "partial" and "RSIS" in said.message and "rsis ¶2" in said.message
    assert "RSIS" not in quiz.check(bank.get("04-invitation"), "July 2018").message  # only the date foreseen
    spec = example("date")
    spec["feedback"] = {"2017": "a year is not a day"}
    with pytest.raises(SpecError, match="feedback"):
        validate(spec)


def test_a_number_question_can_accept_another_defensible_number():
    """``also``: 03-how-many-reasons keys 5 (First … Finally) and accepts 4 ("at least four", rsis ¶4), issue 24."""
    spec = validate({"id": "t-also", "kind": "number", "prompt": "How many?", "answer": 5, "also": [4]})
    number = kinds.get("number")
    assert [number.check(spec, v).verdict for v in ("5", "4", "four", "3", "6", "4.5")] == [
        "correct",
        "correct",
        "correct",
        "wrong",
        "wrong",
        "wrong",
    ]
    assert number.answer_text(spec) == "5 (4 is also accepted)"
    assert number.answer_text(validate({"id": "t-one", "kind": "number", "prompt": "How many?", "answer": 5})) == "5"
    with pytest.raises(SpecError, match="also"):
        validate({"id": "t-bad", "kind": "number", "prompt": "How many?", "answer": 5, "also": "4"})
    with pytest.raises(SpecError, match="also"):
        validate({"id": "t-bad", "kind": "number", "prompt": "How many?", "answer": 5, "also": ["four"]})
    from conftest import ROOT

    from summitkit.quiz.build import declared_specs

    real = declared_specs(ROOT)["03-how-many-reasons"]
    assert number.check(real, "4").verdict == "correct" and number.check(real, "5").verdict == "correct"
