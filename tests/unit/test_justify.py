"""The choose-and-justify kind: credit for the course's answer and for another answer with valid evidence,
partial credit that names the missing part, the quotation checked word for word, paper, key and dashboard."""

from __future__ import annotations

import pytest

from summitkit import grading, printables
from summitkit.quiz import kinds
from summitkit.quiz.kinds.base import SpecError

KIND = kinds.get("justify", "test")
SPEC = KIND.validate(
    {
        "id": "t-justify",
        "kind": "justify",
        "prompt": "Was Russia's role at Vladivostok new?",
        "options": ["An old role confirmed", "A new entrance"],
        "answer": "An old role confirmed",
        "reading": "RSIS's own first paragraph says the meeting confirms an old role (rsis ¶1).",
        "case": {"A new entrance": "RSIS's title and its reasons say Putin had entered the fray (rsis ¶4)."},
        "paragraphs": ["rsis ¶1", "rsis ¶4", "38north ¶11"],
    }
)
REASON = "RSIS itself says the role is an old one, so the summit only confirmed it."


def answer(
    choice="An old role confirmed", paragraph="rsis ¶1", quote="merely confirms that Russia has always had a role", reason=REASON
):
    return {"choice": choice, "paragraph": paragraph, "quote": quote, "reason": reason}


def test_course_answer_with_valid_evidence_is_full_credit_and_states_both_readings():
    result = KIND.check(SPEC, answer())
    assert (result.verdict, result.score) == ("correct", 1.0)
    assert "Our reading: RSIS's own first paragraph" in result.message
    assert "entered the fray (rsis ¶4)" in result.message  # the case for the other answer


def test_other_answer_with_valid_evidence_earns_full_credit_with_the_course_reading():
    result = KIND.check(SPEC, answer("A new entrance", "rsis 4", "at least four reasons why Putin had entered the fray", REASON))
    assert (result.verdict, result.score) == ("correct", 1.0)
    assert "Not our reading, but your evidence holds: full credit." in result.message
    assert "Our reading:" in result.message and "The case for “A new entrance”" in result.message
    assert result.cite == ["rsis ¶4"]


def test_straight_and_curly_quotes_count_the_same():
    typed = "no lasting solution to the issue can be found without Russia's participation"  # the text has ’
    result = KIND.check({**SPEC, "paragraphs": ["rsis ¶5"]}, answer("A new entrance", "rsis ¶5", f"“{typed}”", REASON))
    assert result.verdict == "correct", result.message


@pytest.mark.parametrize(
    ("changes", "score", "said"),
    [
        ({"quote": "merely confirms that Russia has a role"}, 0.5, "the quotation is not word for word in rsis ¶1"),
        ({"paragraph": "rsis ¶4"}, 0.5, "The quote is word for word in rsis ¶1"),
        ({"quote": ""}, 0.5, "no quotation"),
        ({"paragraph": ""}, 0.5, "no paragraph cited"),
        ({"quote": "merely"}, 0.5, "fewer than 3 words"),
        ({"reason": ""}, 0.75, "no reasoning"),
        ({"reason": "Yes."}, 0.75, "reasoning of fewer than 6 words"),
        ({"quote": "", "reason": ""}, 0.25, "no quotation; no reasoning"),
    ],
)
def test_missing_or_invalid_evidence_is_partial_and_says_which_part(changes, score, said):
    for choice in SPEC["options"]:  # the same for the course's answer and the other one
        result = KIND.check(SPEC, {**answer(choice), **changes})
        assert result.verdict == "partial"
        assert result.score == pytest.approx(score)
        assert said in result.message
        assert "Our reading:" in result.message


def test_no_choice_is_empty_and_odd_answers_never_raise():
    assert KIND.check(SPEC, answer(choice="")).verdict == "empty"
    for odd in (None, "text", 3, ["a"], {"choice": 5}, {"choice": "An old role confirmed", "quote": ["x"]}, {"choice": "zzz"}):
        assert KIND.check(SPEC, odd).verdict == "empty"
    assert KIND.fits(SPEC, "text") and KIND.fits(SPEC, {"choice": "zzz"}) and KIND.fits(SPEC, {"paragraph": "rsis ¶9"})
    assert KIND.fits(SPEC, answer()) == ""


def test_declaration_rules():
    base = {"id": "q", "kind": "justify", "prompt": "p", "options": ["a", "b"], "answer": "a", "reading": "r"}
    with pytest.raises(SpecError, match="case for every other answer"):
        KIND.validate({**base, "case": {"a": "the course answer needs none"}})
    with pytest.raises(SpecError, match="'answer' must be among"):
        KIND.validate({**base, "answer": "c", "case": {"b": "x"}})
    with pytest.raises(SpecError, match="rsis ¶99 does not exist"):
        KIND.validate({**base, "case": {"b": "x"}, "paragraphs": ["rsis ¶99"]})
    assert len(KIND.validate({**base, "case": {"b": "x"}})["paragraphs"]) > 20  # every paragraph when none is given


def test_dashboard_wrong_parts_name_the_choice_and_the_missing_evidence():
    question = grading.Question("t-justify", "t", "justify", SPEC["prompt"], SPEC)
    parts = grading.wrong_parts(question, {**answer("A new entrance"), "quote": "", "reason": ""})
    assert parts == ["chose “A new entrance”", "no quotation", "no reasoning"]
    assert grading.wrong_parts(question, "forged")[0] == "no answer chosen"


def test_paper_and_answer_key():
    entry = KIND.split(SPEC)
    page = printables.worksheet_html({"t-justify": entry}, {})
    assert "○ " in page and "Quotation:" in page and "Reasoning:" in page and "Paragraph:" in page
    assert "RSIS's own first paragraph" not in page  # the reading is sealed, never on the learner's sheet
    key = printables.answer_key_html({"t-justify": SPEC}, {})
    assert "An old role confirmed" in key and "Also accepted with valid evidence" in key and "entered the fray" in key


def test_control_labels_every_part_and_round_trips(monkeypatch):
    pytest.importorskip("ipywidgets")
    control = KIND.make_control(SPEC)
    assert [control.choice.description, control.paragraph.description] == ["Your answer:", "Paragraph:"]
    assert [control.quote.description, control.reason.description] == ["Quotation:", "Reasoning:"]
    assert control.read() is None
    assert control.put_back(answer("A new entrance", "rsis 4"))
    assert control.read() == answer("A new entrance", "rsis ¶4")
    assert not control.put_back({"choice": "zzz"}) and control.read()["choice"] == "A new entrance"


def test_a_question_may_declare_its_depth_of_knowledge():
    base = {"id": "q", "kind": "single", "prompt": "p", "options": ["a", "b"], "answer": "a"}
    spec = kinds.get("single").validate({**base, "dok": 2})
    assert spec["dok"] == 2 and "dok" not in kinds.get("single").shown()  # sealed, like the answer
    assert kinds.get("single").join(kinds.get("single").split(spec))["dok"] == 2
    for bad in (0, 5, "3", True, 2.5):
        with pytest.raises(SpecError, match="Depth of Knowledge level: 1, 2, 3 or 4"):
            kinds.get("single").validate({**base, "dok": bad})
    assert "dok" in kinds.get("evidence").signature().parameters and "dok" in KIND.signature().parameters
