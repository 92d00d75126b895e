"""A novice can operate every question alone (issue 17's question-widget items), driven headless.

Per-item ✓/✗ marks beside the items (and in the announced feedback), cleared when the item changes; an ordering
fixed in a few choices; dropdowns that start on "— choose —" and are named after their item; plain words in
every message a learner meets; hints that come back when a cell runs again; code tasks that read the learner's
variable by name, explain a foreseen wrong value, and tell the learner's own code error as a sentence about
their line; citations typed without ¶; ``quiz.show`` on its own in a fresh kernel.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hostile_inputs import HOSTILE

from summitkit import essay, progress, quiz
from summitkit.quiz import bank
from summitkit.quiz.kinds.base import CHOOSE

ROOT = Path(__file__).resolve().parents[2]
ITEMS = ["2003 talks", "2011 summit", "2018 Singapore", "2019 Hanoi", "2019 Vladivostok"]
#: Words of a programmer, never of a learner: Python's type names, reprs, "kind", "spec".
JARGON = re.compile(r"\b(?:str|int|float|NoneType|None|dict|tuple|bool|kind|spec|repr|Traceback|MISSING)\b|object at 0x|<class ")


def click(q):
    q.check_button.click()
    return q.last_result


# ----- dropdowns: "— choose —", named after their item -----------------------------------------------------------------------
@pytest.mark.parametrize("qid", ["00-habits", "01-features", "02-which-source", "04-relations"])
def test_dropdowns_start_on_choose_and_are_named_after_their_item(qid):
    q = quiz.show(qid)
    for item, picker in q.pickers.items():
        assert picker.value == "" and picker.label == CHOOSE  # shown, never blank
        assert picker.description == item  # the <label for> the select: its accessible name, and what the learner reads
    assert q.answer() == {} and click(q).verdict == "empty"


def test_the_evidence_dropdown_starts_on_choose():
    q = quiz.show("01-audience")
    assert q.input.label == CHOOSE and q.input.description == "Paragraph:" and q.answer() is None


# ----- marks beside the items ---------------------------------------------------------------------------------------------
def test_match_marks_each_chosen_item_and_clears_a_changed_one():
    q = quiz.match("t-m", prompt="Match", pairs={"Lukin": "attributed", "Cheang": "byline", "Putin": "quoted"})
    q.pickers["Lukin"].value, q.pickers["Cheang"].value = "attributed", "quoted"
    result = click(q)
    assert result.verdict == "partial"
    assert "✓ right" in q.control.marks["Lukin"].value and "✗ not right" in q.control.marks["Cheang"].value
    assert q.control.marks["Putin"].value == ""  # left on "— choose —": no mark
    assert "Not right yet (marked ✗): “Cheang”" in result.message and "No choice yet for “Putin”" in result.message
    assert "byline" not in result.message  # which is wrong, never what is right
    q.pickers["Cheang"].value = "byline"
    assert q.control.marks["Cheang"].value == "" and "✓" in q.control.marks["Lukin"].value  # only the changed item loses its mark


def test_categorize_marks_every_row_in_a_real_question():
    q = quiz.show("04-who-said")
    spec = bank.get("04-who-said")
    first, *rest = list(spec["items"])
    q.pickers[first].value = spec["items"][first]
    for item in rest:
        q.pickers[item].value = next(c for c in spec["categories"] if c != spec["items"][item])
    result = click(q)
    assert "✓ right" in q.control.marks[first].value
    assert all("✗ not right" in q.control.marks[i].value for i in rest)
    assert f"1 of {len(spec['items'])} right." in result.message


def test_tick_all_marks_only_ticked_options_in_plain_words():
    q = quiz.multiple("t-t", prompt="Which?", options=["a", "b", "c", "d"], answer=["a", "b"])
    q.boxes[0].value = q.boxes[2].value = True
    result = click(q)
    assert result.message.startswith(
        "One of your ticks is right. Ticked but not right (marked ✗): “c”. One right answer is still unticked."
    )
    assert "judged" not in result.message
    assert [("✓" in m.value, "✗" in m.value) for m in q.control.marks] == [
        (True, False),
        (False, False),
        (False, True),
        (False, False),
    ]
    q.boxes[2].value = False
    assert q.control.marks[2].value == "" and "✓" in q.control.marks[0].value
    q.boxes[1].value = True
    assert click(q).message.startswith("You ticked exactly the right answers.")


def test_order_marks_places_and_a_moved_item_loses_its_mark():
    q = quiz.order("t-o", prompt="Order", items=ITEMS)
    q.set_answer([ITEMS[1], ITEMS[0], *ITEMS[2:]])
    result = click(q)
    assert "the items at places 1 and 2" in result.message and ITEMS[0] not in result.message
    assert ["✗ not in place" in m.value for m in q.control.marks] == [True, True, False, False, False]
    assert all("✓ in place" in m.value for m in q.control.marks[2:])
    q.control.places[1].value = 1  # "2011 summit" at place 2… no: the item at place 2 moves to place 1
    assert q.order_now == ITEMS and [m.value for m in q.control.marks[:2]] == ["", ""]
    assert all("✓" in m.value for m in q.control.marks[2:])  # items that did not move keep their marks


# ----- ordering in a few actions ------------------------------------------------------------------------------------------
def test_any_order_is_fixed_in_at_most_one_choice_per_item():
    q = quiz.order("t-few", prompt="Order", items=ITEMS)
    q.set_answer(ITEMS[::-1])  # the worst case: reversed
    choices = 0
    for place, item in enumerate(ITEMS):
        where = q.order_now.index(item)
        if where != place:
            q.control.places[where].value = place + 1  # "move to place …" in the item's own dropdown
            choices += 1
    assert q.order_now == ITEMS and choices <= len(ITEMS) - 1 and click(q).verdict == "correct"
    # each row's dropdown is named after the item now in it and shows its place
    assert [(p.description, p.value) for p in q.control.places] == [(item, i + 1) for i, item in enumerate(ITEMS)]
    assert q.control.ups[0].disabled and q.control.downs[-1].disabled


def test_moving_by_buttons_and_out_of_range_choices():
    q = quiz.order("t-btn", prompt="Order", items=ITEMS[:3])
    start = list(q.order_now)
    q.move(1, -1)
    assert q.order_now == [start[1], start[0], start[2]]
    q.move(0, -1)
    q.control.move_to(0, 7)
    assert q.order_now == [start[1], start[0], start[2]]
    assert [p.value for p in q.control.places] == [1, 2, 3]


# ----- hints come back --------------------------------------------------------------------------------------------------
def test_hints_taken_before_any_answer_come_back_when_the_cell_runs_again():
    q = quiz.show("01-sections")
    q.hint_button.click()
    assert "Hint 1:" in q.hint_area.value and progress.record("01-sections")["hints"] == 1
    again = quiz.show("01-sections")
    assert (
        again.hints_shown == 1 and "Hint 1:" in again.hint_area.value and again.hint_button.description.startswith("Hint (1 of")
    )


def test_a_code_task_keeps_its_hints_when_run_again():
    q = quiz.show("04-moscow", value=0)
    q.hint_button.click()
    again = quiz.show("04-moscow", value=12)
    assert again.hints_shown == 1 and "Hint 1:" in again.hint_area.value and progress.record("04-moscow")["hints"] == 1


# ----- code tasks -------------------------------------------------------------------------------------------------------
def test_a_foreseen_wrong_value_gets_its_own_explanation():
    result = quiz.check(bank.get("04-moscow"), 0)
    assert result.verdict == "wrong" and result.message.startswith("0 is too low.") and '"moscow", not "Moscow"' in result.message
    assert "RSIS" in quiz.check(bank.get("04-moscow"), 1).message
    assert quiz.check(bank.get("04-moscow"), 12).message == "12 is too low. Check your working, or take a hint."


def test_a_list_or_a_collection_is_described_in_words():
    message = quiz.check(bank.get("04-moscow"), ["the", "putin"]).message
    assert message.startswith("Your value is a list of 2 things (“the”, “putin”), not a number.") and not JARGON.search(message)
    message = quiz.check(bank.get("04-moscow"), {"38north": "x", "rsis": "y"}).message
    assert "a collection of 2 things by name" in message and not JARGON.search(message)


def _ipython(script: str) -> dict:
    """Run ``script`` in a real IPython shell in a fresh process; it prints one JSON line at the end."""
    code = textwrap.dedent("""
        import json, sys
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
    """) + textwrap.dedent(script)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_code_question_reads_the_variable_and_rechecks_after_any_cell():
    found = _ipython("""
        shell.run_cell("from summitkit import quiz")
        shell.run_cell("moscow = ...")
        shell.run_cell("q = quiz.show('04-moscow')")
        q = shell.user_ns["q"]
        seen = [q.last_result.message]
        shell.run_cell("moscow = 0")            # the learner runs only their own cell: the question checks again
        seen.append(q.last_result.message)
        shell.run_cell("x = 1")                 # a cell that does not change it: no new check
        seen.append(q.last_result.message)
        shell.user_ns["moscow"] = 13
        q.check_button.click()                  # or they press Check my value
        seen.append(q.last_result.message)
        print(json.dumps({"seen": seen, "button": q.check_button.description, "shown": q.control.shown_value.value,
                          "attempts": __import__("summitkit.progress").progress.record("04-moscow")["attempts"]}))
    """)
    first, zero, unchanged, right = found["seen"]
    assert first.startswith("Replace the ...") and zero.startswith("0 is too low.") and unchanged == zero
    assert right.startswith("13 is right.") and found["button"] == "Check my value" and found["attempts"] == 2
    assert "Your value (<code>moscow</code>): <b>13</b>" in found["shown"]


def test_a_question_cell_run_before_the_code_cell_asks_for_it_in_words():
    q = quiz.show("04-moscow")  # no IPython here, so no variable: as in a notebook whose code cell has not run
    assert q.last_result.verdict == "empty" and q.last_result.message.startswith("No value yet: run the cell above first")
    assert not JARGON.search(q.last_result.message) and "value=" not in q.last_result.message


# ----- plain words ------------------------------------------------------------------------------------------------------
OWN_WORDING = (
    "single",
    "multiple",
    "order",
    "match",
    "categorize",
    "evidence",
    "written",
)  # date, number: another helper's reading


@pytest.mark.parametrize("kind", OWN_WORDING)
def test_no_message_a_learner_meets_uses_programmers_words(kind):
    questions = [qid for qid, entry in bank.entries().items() if entry["kind"] == kind]
    assert questions
    for qid in questions[:3]:
        spec = bank.get(qid)
        for name, value in HOSTILE.items():
            message = quiz.check(spec, value).message
            assert not JARGON.search(message), f"{qid} on {name}: {message[:200]}"


def test_the_how_lines_say_how_to_answer_in_plain_words():
    from summitkit.quiz import kinds

    for kind in kinds.registry().values():
        assert not JARGON.search(kind.how) and not JARGON.search(kind.empty), kind.name
    assert "value=" not in quiz.show("04-moscow").prompt.value


# ----- citations without ¶ ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["rsis 2", "rsis para 2", "rsis p2", "RSIS ¶ 2", "rsis paragraph 2", "Rsis p. 2"])
def test_the_citation_checker_reads_what_a_learner_can_type(typed):
    checks = essay.check_citations(f"As {typed} says, Russia is back.")
    assert [(str(c.citation), c.ok) for c in checks] == [("rsis ¶2", True)]


def test_years_and_other_numbers_are_not_citations():
    assert essay.check_citations("In 2019 rsis 2019 and 38north 1,500 words") == []


def test_the_written_prompt_says_how_to_cite_without_the_pilcrow():
    q = quiz.show("05-essay")
    assert "rsis 8" in q.prompt.value and "rsis para 8" in q.input.placeholder
    assert "rsis para 8" in essay.NO_CITATIONS
