"""The essay's rubric and exemplars, and what the essay box checks: quotations word for word, length, self-assessment."""

from __future__ import annotations

import pytest

from summitkit import essay, rubric
from summitkit.errors import CourseDataError
from summitkit.quiz.kinds.written import Written, length_nudge


def test_the_rubric_has_four_criteria_at_four_levels_each():
    assert rubric.criteria() == ("Claim", "Evidence", "Reasoning", "Counter-argument and sourcing")
    for criterion in rubric.criteria():
        assert [c.level for c in rubric.rubric() if c.criterion == criterion] == [4, 3, 2, 1]
    assert "how would you know" in rubric.descriptor("Reasoning", 4)
    assert len(rubric.descriptor("Evidence", 4, short=True)) < len(rubric.descriptor("Evidence", 4))


def test_a_rubric_row_with_a_bad_level_names_the_file_and_row(data_copy):
    path = data_copy / "rubric.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("Claim,2,", "Claim,7,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CourseDataError, match=r"rubric\.csv, row 4: level '7' is not one of 4, 3, 2, 1"):
        rubric.rubric()


def test_a_criterion_missing_a_level_is_named(data_copy):
    path = data_copy / "rubric.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("Reasoning,1,")]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(CourseDataError, match="criterion 'Reasoning' lacks level\\(s\\) 1"):
        rubric.rubric()


def test_three_exemplars_strong_middling_weak_each_arguing_a_different_position():
    found = rubric.exemplars()
    assert [x.strength for x in found] == ["strong", "middling", "weak"]
    assert len({x.position for x in found}) == 3
    for x in found:
        assert set(x.notes) == set(rubric.criteria()), x.id
    levels = [sum(level for level, _ in x.notes.values()) for x in found]
    assert levels == sorted(levels, reverse=True), "the strong exemplar should score highest, the weak one lowest"


def test_the_strong_and_middling_exemplars_quote_word_for_word_and_cite_paragraphs_that_exist():
    for x in rubric.exemplars()[:2]:
        checks = essay.check_quotations(x.text)
        assert checks and all(c.citation is not None for c in checks), x.id
        assert [c.problem for c in checks if c.problem] == [], x.id
        assert all(c.ok for c in essay.check_citations(x.text)), x.id
        assert all(n > 0 for n in essay.coverage(x.text).values()), f"{x.id} cites both texts"


def test_the_weak_exemplars_note_names_exactly_what_the_essay_box_finds():
    weak = rubric.exemplars()[2]
    problems = [c for c in essay.check_quotations(weak.text) if c.problem]
    assert len(problems) == 3
    note = weak.notes["Evidence"][1]
    assert "three problems" in note
    for check in problems:
        assert str(check.citation) in note
    assert "rsis ¶1, not rsis ¶2" in note and "38north ¶11, not 38north ¶10" in note


def test_a_misquotation_is_named_with_where_the_words_differ():
    [check] = essay.check_quotations('38 North says "Putin arrived to spend a few hours with Kim" (38north ¶1).')
    assert check.problem.startswith("Not word for word.")
    assert "Putin arrived in Vladivostok to spend a few hours with Kim" in check.problem


def test_a_quotation_cited_to_the_wrong_paragraph_is_told_where_the_words_are():
    [check] = essay.check_quotations("RSIS says it “merely confirms that Russia has always had a role” (rsis ¶3).")
    assert check.problem == "These words are in rsis ¶1, not in rsis ¶3: fix the paragraph number."


def test_straight_apostrophes_and_quotes_count_as_the_texts_curly_ones():
    checks = essay.check_quotations(
        'RSIS: "no lasting solution to the issue can be found without Russia\'s participation" (rsis ¶5).'
    )
    assert [c.problem for c in checks] == [""]


def test_a_citation_before_the_quotation_in_the_same_sentence_goes_with_it():
    [check] = essay.check_quotations('In rsis ¶4 Cheang writes of "at least four reasons why Putin had entered the fray".')
    assert str(check.citation) == "rsis ¶4" and check.problem == ""


def test_a_citation_in_the_next_sentence_does_not_go_with_a_quotation():
    [check] = essay.check_quotations(
        'He "sounded non-committal regarding new political, diplomatic and economic support". See rsis ¶4.'
    )
    assert check.citation is None and "No citation goes with it" in check.problem


def test_a_short_term_in_quotation_marks_without_a_citation_is_left_alone():
    assert essay.check_quotations('It was a "drive-by" in my view.') == []


def test_each_of_two_quotations_in_one_sentence_takes_its_own_citation():
    text = 'Both agree: "seems to have produced little substance" (38north ¶1) and "did not lead to any breakthrough" (rsis ¶2).'
    assert [(str(c.citation), c.problem) for c in essay.check_quotations(text)] == [("38north ¶1", ""), ("rsis ¶2", "")]


def test_the_report_names_the_misquotation_counts_words_and_questions_a_ticked_evidence():
    text = 'It was a drive-by. 38 North says "Putin arrived to spend a few hours with Kim" (38north ¶1).'
    html = str(essay.report_html(text, "Write 200 to 350 words.", {"Evidence": True}))
    assert "1 quotation(s)</b>: 0 word for word, 1 not." in html
    assert "Not word for word." in html
    assert "words: the question asks for 200 to 350" in html
    assert "You ticked Evidence, but 1 quotation(s) below are not word for word" in html
    assert "no paragraph of rsis is cited" in html


def test_the_report_says_nothing_against_an_untick_or_a_sound_essay():
    strong = rubric.exemplars()[0].text
    html = str(essay.report_html(strong, "Write 200 to 350 words.", {"Evidence": True}))
    assert "You ticked" not in html and "✗" not in html
    assert "within the 200 to 350 asked for" in html


def test_a_four_word_answer_to_four_to_six_sentences_is_told_so_kindly_and_still_saved():
    spec = {
        "id": "t-short",
        "prompt": "In 4 to 6 sentences, say why Kim went to Vladivostok.",
        "rubric": ["Cites a paragraph"],
        "model": "...",
    }
    result = Written().check(spec, {"text": "Because of the sanctions.", "rubric": [False]})
    assert result.verdict == "saved"
    assert "asks for 4 to 6 sentences, and your answer has 4 words" in result.message
    assert "saved as it is" in result.message
    assert length_nudge(spec["prompt"], " ".join(["word"] * 40)) == ""


def test_the_rubric_and_exemplars_show_as_lists_with_every_level_and_note():
    html = str(essay.rubric_html())
    for criterion in rubric.criteria():
        assert f"<h4>{criterion}</h4>" in html
    assert html.count("Level 4: ") == 4 and "<table" not in html  # a list reads at 360 px; a wide table would scroll
    shown = str(essay.exemplars_html())
    assert shown.count("<details") == 3
    assert "Counter-argument and sourcing: level 4." in shown
    assert shown.count("not in 38north ¶10") >= 1


def test_a_broken_exemplar_names_the_file_and_line(data_copy):
    path = data_copy / "exemplars" / "3-weak.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## Reasoning: 1", "## Reasoning: 9"), encoding="utf-8")
    with pytest.raises(CourseDataError, match=r"3-weak\.md, line \d+: level '9' is not one of 4, 3, 2, 1"):
        rubric.exemplars()


def test_the_essays_checklist_has_one_line_per_rubric_criterion_so_each_tick_is_read_against_it():
    box = essay.essay()
    assert [b.description.split(":", 1)[0] for b in box.question.boxes] == list(rubric.criteria())
    box.question.input.value = 'A drive-by. "Putin arrived to spend a few hours with Kim" (38north ¶1).'
    box.question.boxes[1].value = True
    box.cite_button.click()
    assert "You ticked Evidence, but 1 quotation(s) below are not word for word" in box.report.value
