"""Lesson 05's essay box: citations found and checked, learner text escaped, saved, restored and exported."""

from __future__ import annotations

import json

import oracle
import pytest

from summitkit import essay, progress, quiz, scorecard
from summitkit.citations import Citation

HOSTILE = "<script>alert('x')</script> <img src=x onerror=alert(1)> \u202eevil\u202c & rsis ¶4"
RUBRIC = ["Claim", "Evidence from both texts", "Counter-evidence", "Sourcing"]


def written():
    return quiz.written("05-essay", prompt="Drive-by or entrance?", rubric=RUBRIC, model="A model answer.")


def test_existing_and_missing_citations():
    checks = essay.check_citations("See 38north ¶1 and rsis ¶4, again rsis ¶4; but rsis ¶40, bbc ¶1 and 38 North ¶2.")
    assert [(str(c.citation), c.ok, c.times) for c in checks] == [
        ("38north ¶1", True, 1),
        ("rsis ¶4", True, 2),
        ("rsis ¶40", False, 1),
        ("bbc ¶1", False, 1),
        ("north ¶2", False, 1),
    ]
    assert checks[2].problem.startswith("rsis has paragraphs 1 to 17, so there is no ¶40.")
    assert "There is no source called “bbc”" in checks[3].problem
    assert "Did you mean 38north ¶2?" in checks[4].problem
    assert essay.coverage("38north ¶1, 38north ¶99") == {sid: int(sid == "38north") for sid in oracle.source_ids()}


def test_report_shows_passages_flags_bad_citations_and_asks_for_both_texts():
    report = essay.report_html("Putin left early (38north ¶11), see also rsis ¶40.")
    assert Citation("38north", 11).html() in report
    assert "✗ <b>rsis ¶40</b> does not exist" in report and "summit-citation-problem" in report
    assert "You cite no paragraph of rsis yet" in report
    both = essay.report_html("38north ¶1 and rsis ¶2")
    assert "You cite no paragraph" not in both and "2 different citation(s) found</b>: 2 exist, 0 do not" in both


def test_empty_and_uncited_answers_get_a_gentle_prompt():
    assert essay.EMPTY in essay.report_html("   ")
    assert "I found no citations" in essay.report_html("Russia was a supporting actor.")


def test_widget_saves_checks_and_escapes_hostile_text():
    box = essay.essay(written())
    q = box.question
    box.cite_button.click()
    assert progress.record("05-essay") is None  # an empty answer is not saved
    assert "Your answer is empty" in box.report.value
    q.input.value = HOSTILE
    q.boxes[0].value = True
    box.cite_button.click()
    saved = progress.record("05-essay")
    assert saved["answer"] == {"text": HOSTILE, "rubric": [True, False, False, False]}
    for part in (box.report.value, q.feedback.value, q.answer_area.value):
        assert "<script>" not in part and "<img" not in part and "\u202e" not in part
    assert Citation("rsis", 4).html() in box.report.value
    assert box.report in q.children  # the report sits inside the question's box, the button beside Save
    assert any(
        box.cite_button in row.children and q.check_button in row.children for row in q.children if hasattr(row, "children")
    )


def test_answer_is_restored_with_its_citations_and_exported(tmp_path):
    first = essay.essay(written())
    first.question.input.value = "A drive-by with a message (38north ¶1, rsis ¶5)."
    first.question.boxes[1].value = True
    first.question.check_button.click()
    again = essay.essay(written())  # re-running the cell
    assert again.question.input.value == "A drive-by with a message (38north ¶1, rsis ¶5)."
    assert [b.value for b in again.question.boxes] == [False, True, False, False]
    assert Citation("rsis", 5).html() in again.report.value  # the check is shown straight away
    data = json.loads(scorecard.export("Ada Learner", tmp_path).read_text(encoding="utf-8"))
    assert data["questions"]["05-essay"]["answer"]["text"] == "A drive-by with a message (38north ¶1, rsis ¶5)."
    assert data["questions"]["05-essay"]["kind"] == "written"


def test_essay_from_the_question_bank():
    box = essay.essay()
    assert box.question.qid == "05-essay" and len(box.question.boxes) == 4
    assert box.question.boxes[0].description.startswith("Claim:")
    assert box.question.boxes[3].description.startswith("Counter-argument and sourcing:")


def test_essay_needs_a_written_question():
    with pytest.raises(ValueError, match="written question"):
        essay.essay(quiz.number("t-n", prompt="How many?", answer=3))
