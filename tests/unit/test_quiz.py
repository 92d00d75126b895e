"""Every question type driven headless: set the widget's value, click Check, read the message
and the saved record. Right, wrong, partial, empty and hostile input for each."""

from __future__ import annotations

import pytest

from summitkit import progress, quiz
from summitkit.quiz.spec import SpecError

HOSTILE = [
    "<script>alert('x')</script>",
    "<b>bold</b> & <img src=x onerror=alert(1)>",
    "x" * 1_000_000,
    "\u202eevil\u202c ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \x00 \ufeff",
    "ＲＳＩＳ　Ｃｏｍｍｅｎｔａｒｉｅｓ",
]


def click(q):
    q.check_button.click()
    return q.last_result


def saved(qid):
    return progress.record(qid)


def no_raw_html(q, text):
    """Learner text never appears unescaped in the widget's HTML."""
    for part in (q.feedback.value, q.answer_area.value, q.hint_area.value):
        assert "<script>" not in part and "<img" not in part
        assert "\u202e" not in part and "\x00" not in part  # no direction override or NUL echoed back


def single():
    return quiz.single(
        "t-single",
        prompt="Which outlet?",
        options=["38 North", "RSIS Commentaries", "Eurasia Review"],
        answer="RSIS Commentaries",
        feedback={"38 North": "No: 38 North published the other text."},
        cite=["rsis ¶1"],
        hints=["Look at the byline.", "Singapore."],
        explain="The byline says so.",
    )


def test_single_choice_wrong_right_empty_and_restore():
    q = single()
    assert click(q).verdict == "empty" and saved("t-single") is None  # empty is not an attempt
    q.input.value = "38 North"
    result = click(q)
    assert result.verdict == "wrong" and "other text" in q.feedback.value and "✗ Not yet" in q.feedback.value
    assert [b.description for b in q.cite_bar.children] == ["Read rsis ¶1"]  # where to look, one click away
    q.input.value = "Eurasia Review"
    assert "not the best answer" in click(q).message  # default feedback
    q.input.value = "RSIS Commentaries"
    result = click(q)
    assert result.verdict == "correct" and "✓ Correct" in q.feedback.value and "byline says so" in q.feedback.value
    assert [b.description for b in q.cite_bar.children] == ["Read rsis ¶1"]
    q.cite_bar.children[0].click()
    assert "rsis ¶1" in q.passage.value and "SYNOPSIS" in q.passage.value
    record = saved("t-single")
    assert record["answer"] == "RSIS Commentaries" and record["verdict"] == "correct" and record["attempts"] == 3
    again = single()  # re-running the cell
    assert again.input.value == "RSIS Commentaries" and "is back" in again.feedback.value and "✓ Correct" in again.feedback.value


def test_hints_in_steps_and_answer_only_after_attempt_or_second_click():
    q = single()
    q.hint_button.click()
    assert "Hint 1" in q.hint_area.value and "Hint 2" not in q.hint_area.value
    q.hint_button.click()
    assert "Singapore" in q.hint_area.value and q.hint_button.disabled
    q.reveal_button.click()
    assert "Have a go first" in q.answer_area.value and "RSIS Commentaries" not in q.answer_area.value
    q.reveal_button.click()
    assert "Answer:" in q.answer_area.value and "RSIS Commentaries" in q.answer_area.value
    q2 = quiz.single("t-single-2", prompt="?", options=["a", "b"], answer="b")
    q2.input.value = "a"
    click(q2)
    q2.reveal_button.click()
    assert "Answer:</b> b" in q2.answer_area.value and saved("t-single-2")["revealed"] is True


def test_multiple_choice_partial_credit():
    q = quiz.multiple(
        "t-multi",
        prompt="Missing?",
        options=["a byline", "a date", "headings", "links"],
        answer=["a byline", "a date", "links"],
        feedback={"headings": "It has four headings."},
    )
    assert click(q).verdict == "empty"
    q.boxes[0].value = q.boxes[2].value = True
    result = click(q)
    assert result.verdict == "partial" and "four headings" in result.message
    assert (
        "One of your ticks is right. Ticked but not right (marked ✗): “headings”. Two right answers are still unticked."
        in result.message
    )
    assert "✓ right" in q.control.marks[0].value and "✗ not right" in q.control.marks[2].value
    assert [m.value for m in q.control.marks[1::2]] == ["", ""]  # unticked options get no mark: that would give them away
    for box, tick in zip(q.boxes, (True, True, False, True)):
        box.value = tick
    assert click(q).verdict == "correct"
    assert saved("t-multi")["answer"] == ["a byline", "a date", "links"]


def test_ordering_partial_and_restore():
    items = ["2003 talks", "2011 summit", "2018 Singapore", "2019 Hanoi"]
    q = quiz.order("t-order", prompt="Order", items=items)
    assert q.order_now != items
    untouched = click(q)
    assert untouched.verdict == "empty" and saved("t-order") is None  # the shuffled order is not the learner's answer
    assert q.set_answer([items[1], items[0], items[2], items[3]])  # as a learner would leave it after some clicks
    result = click(q)
    assert result.verdict == "partial" and result.message.startswith("2 of 4 in the right place")
    assert "the items at places 1 and 2" in result.message
    assert ["✗" in m.value for m in q.control.marks] == [True, True, False, False]
    assert result.marks == {items[1]: False, items[0]: False, items[2]: True, items[3]: True}
    q.move(0, 1)
    assert q.order_now == items and click(q).verdict == "correct"
    q.move(0, -1)  # out of range: nothing happens
    assert q.order_now == items
    assert quiz.order("t-order", prompt="Order", items=items).order_now == items  # restored


def test_match_and_categorize():
    q = quiz.match("t-match", prompt="Match", pairs={"Lukin": "attributed", "Cheang": "byline"}, choices=["quoted"])
    assert "quoted" in [o[1] for o in q.pickers["Lukin"].options]
    assert click(q).verdict == "empty"
    q.pickers["Lukin"].value = "attributed"
    result = click(q)
    assert result.verdict == "partial" and "1 of 2 right. No choice yet for “Cheang”." in result.message
    q.pickers["Cheang"].value = "byline"
    assert click(q).verdict == "correct"
    c = quiz.categorize(
        "t-cat", prompt="Sort", items={"synopsis": "RSIS", "headings": "both"}, categories=["38 North", "RSIS", "both"]
    )
    c.pickers["synopsis"].value = "38 North"
    c.pickers["headings"].value = "RSIS"
    assert click(c).verdict == "wrong"
    c.pickers["synopsis"].value, c.pickers["headings"].value = "RSIS", "both"
    assert click(c).verdict == "correct" and saved("t-cat")["answer"] == {"synopsis": "RSIS", "headings": "both"}


@pytest.mark.parametrize(
    "typed,verdict,words",
    [
        ("2019-04-18", "correct", ""),
        ("18 April 2019", "correct", ""),
        ("April 18th, 2019", "correct", ""),
        ("2019-04-19", "partial", "Right year and month, but not the day"),
        ("2019-05-18", "partial", "Right year, but not the month"),
        ("2018-04-18", "wrong", "Not the right year"),
        ("April 2019", "empty", "to the day"),
        ("", "empty", "Type a date"),
        ("next Tuesday", "empty", "not a date I can read"),
        ("2019-02-30", "empty", "There is no 30 February"),
        ("04/05/2019", "empty", "could be 4 May 2019 or 5 April 2019"),
        ("18 April", "empty", "Add the year"),
        ("25/4/2019", "partial", "I read “25/4/2019” as 25 April 2019"),
    ],
)
def test_date_entry_precision(typed, verdict, words):
    q = quiz.date("t-date", prompt="When?", answer="2019-04-18", precision="day")
    q.input.value = typed
    result = click(q)
    assert result.verdict == verdict and words in result.message


def test_date_to_the_month_and_tolerance():
    q = quiz.date("t-month", prompt="When?", answer="2018-05", precision="month")
    q.input.value = "May 2018"
    assert click(q).verdict == "correct"
    q.input.value = "2018-05-31"  # more precise than needed is fine
    assert click(q).verdict == "correct"
    t = quiz.date("t-tol", prompt="When?", answer="2019-04-25", precision="day", tolerance_days=1)
    t.input.value = "2019-04-26"
    assert click(t).verdict == "correct"


def test_number_entry_with_tolerance():
    q = quiz.number("t-num", prompt="How many?", answer=17, tolerance=0)
    for typed, verdict in (
        ("16", "wrong"),
        ("17 paragraphs", "correct"),
        ("seventeen", "correct"),
        ("many", "empty"),
        ("", "empty"),
        ("1,017", "wrong"),
    ):
        q.input.value = typed
        assert click(q).verdict == verdict, typed
    q.input.value = "20"
    assert "too high" in click(q).message


def test_evidence_pick_shows_the_paragraph():
    q = quiz.evidence(
        "t-ev",
        prompt="Which?",
        statement="Purpose",
        answer=["rsis ¶1"],
        options=["rsis ¶1", "rsis ¶2"],
        feedback={"rsis ¶2": "¶2 is about earlier summits."},
    )
    q.input.value = "rsis ¶2"
    assert "THE LAST summit" in q.reading.value
    assert "earlier summits" in click(q).message
    assert q.cite_bar.children == ()  # an evidence pick never shows the right paragraph before it is found
    q.input.value = "rsis ¶1"
    assert click(q).verdict == "correct" and [b.description for b in q.cite_bar.children] == ["Read rsis ¶1"]


def test_written_answer_rubric_and_model():
    q = quiz.written("t-wr", prompt="Why?", rubric=["I say what is missing", "I cite a paragraph"], model="A model answer.")
    assert click(q).verdict == "empty"
    q.reveal_button.click()
    assert "Have a go first" in q.answer_area.value
    q.input.value = "No byline, see 38north ¶1."
    q.boxes[1].value = True
    result = click(q)
    assert result.verdict == "saved" and "1 of 2" in result.message and "✎ Saved" in q.feedback.value
    q.reveal_button.click()
    assert "Model answer:</b> A model answer." in q.answer_area.value
    again = quiz.written("t-wr", prompt="Why?", rubric=["I say what is missing", "I cite a paragraph"], model="A model answer.")
    assert again.input.value == "No byline, see 38north ¶1." and [b.value for b in again.boxes] == [False, True]


def test_code_task_checks_the_computed_value():
    assert quiz.code("t-code", prompt="Words?", answer=65, value=...).last_result.verdict == "empty"
    assert saved("t-code") is None
    assert quiz.code("t-code", prompt="Words?", answer=65, value=64).last_result.verdict == "wrong"
    assert quiz.code("t-code", prompt="Words?", answer=65, value="65").last_result.verdict == "correct"
    assert quiz.code("t-code", prompt="Words?", answer=65, value=[1, 2]).last_result.verdict == "empty"
    assert quiz.code("t-code", prompt="Words?", answer=65, value=float("nan")).last_result.verdict == "empty"
    assert quiz.code("t-code", prompt="Words?", answer=65, value=65.0).last_result.message.startswith("65 is right")
    assert saved("t-code")["attempts"] == 3


@pytest.mark.parametrize("text", HOSTILE, ids=["script", "img", "1MB", "bidi-nul", "fullwidth"])
def test_hostile_input_is_escaped_and_kept(text):
    for make in (
        lambda: quiz.date("t-h-date", prompt="When?", answer="2019-04-25"),
        lambda: quiz.number("t-h-num", prompt="How many?", answer=3),
    ):
        q = make()
        q.input.value = text
        result = click(q)
        assert result.verdict in ("empty", "wrong")
        assert len(result.message) < 400
        no_raw_html(q, text)
    w = quiz.written("t-h-wr", prompt="Why?", rubric=["ok"], model="m")
    w.input.value = text
    if len(text) > progress.MAX_ANSWER_CHARS:  # issue 25: refused before saving (never "Saved", then lost), and said
        assert click(w).verdict == "empty" and saved("t-h-wr") is None and "not saved" in w.alert.value
        assert w.input.value == text  # still in the box
        return
    assert click(w).verdict == "saved"
    assert saved("t-h-wr")["answer"]["text"] == text  # nothing lost
    no_raw_html(w, text)
    assert quiz.written("t-h-wr", prompt="Why?", rubric=["ok"], model="m").input.value == text


@pytest.mark.parametrize(
    "typed,verdict", [("１７", "correct"), ("１６", "wrong"), ("１７ paragraphs", "correct"), ("１，０１７", "wrong")]
)
def test_fullwidth_digits_are_read_as_digits(typed, verdict):
    """A learner whose keyboard types full-width digits (Japanese, Chinese input) is read right."""
    assert not typed.isascii()  # the test types full-width digits, not ASCII
    q = quiz.number("t-fw-num", prompt="How many?", answer=17)
    q.input.value = typed
    assert click(q).verdict == verdict


def test_fullwidth_digits_in_dates():
    q = quiz.date("t-fw-date", prompt="When?", answer="2019-04-18", precision="day")
    q.input.value = "２０１９－０４－１８"
    assert not q.input.value.isascii() and click(q).verdict == "correct"
    q.input.value = "２０１９－０４－１９"
    assert click(q).verdict == "partial"


def test_fullwidth_option_text_is_not_taken_for_the_option():
    """Single choice compares the option exactly: a look-alike in full-width letters is not the right option."""
    q = single()
    assert not HOSTILE[4].isascii() and q.set_answer(HOSTILE[4]) is False  # not an option: not put into the radio buttons
    from summitkit.quiz import check

    assert check(q.spec, HOSTILE[4]).verdict == "wrong" and check(q.spec, "RSIS Commentaries").verdict == "correct"


@pytest.mark.parametrize(
    "bad,message",
    [
        ({"kind": "single", "id": "x", "prompt": "p", "options": ["a", "b"], "answer": "c"}, "must be among the options"),
        ({"kind": "single", "id": "x", "prompt": "p", "options": ["a", "A "], "answer": "a"}, "read the same"),
        ({"kind": "date", "id": "x", "prompt": "p", "answer": "2019", "precision": "day"}, "not a date to the day"),
        ({"kind": "evidence", "id": "x", "prompt": "p", "statement": "s", "answer": "rsis ¶99"}, "does not exist"),
        ({"kind": "poll", "id": "x", "prompt": "p"}, "is not one of"),
        ({"kind": "number", "id": "x", "prompt": "p", "answer": 3, "colour": "red"}, "unknown field"),
    ],
)
def test_bad_declarations_name_the_question_and_field(bad, message):
    from summitkit.quiz.spec import validate

    with pytest.raises(SpecError, match=message):
        validate(bad)


def test_show_reads_the_sealed_bank():
    q = quiz.show("01-outlet")
    q.input.value = "RSIS Commentaries"
    assert click(q).verdict == "correct"


def test_show_unknown_id_says_how_to_fix():
    from summitkit import CourseDataError

    with pytest.raises(CourseDataError, match="run 'python3 run.py build'"):
        quiz.show("01-no-such-question")


def test_corrupted_progress_warns_in_the_widget(progress_home):
    (progress_home / "progress.json").write_text("{ not json", encoding="utf-8")
    q = single()
    assert "could not be read" in q.notice.value and "fresh file" in q.notice.value
    assert list(progress_home.glob("progress.corrupt-*.json"))
