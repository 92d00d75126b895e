"""Issue 17's page fixes, driven in a real JupyterLab as a novice would use them.

- The reader: a number typed in "Go to ¶" after another goes to that number (typing 12 after 1 once went to 17),
  a number the text does not have is named as such, search answers while typing, and two passages sit side by side.
- The Russia actor card fits on a screen (folded by kind) and has Previous / Next under it too.
- Lesson 03 asks 03-how-many-reasons before the table that numbers the reasons, and shows its counts once.
- Exercise 02's timeline table is folded by year and gives no ≠/≈ flag away; its questions follow it.
- The scorecard says "N of N answered here; M more in exercises/…"; the notes box keeps what was written across a restart.
- A question cell run before anything else shows its question (no NameError); lesson and exercise tabs differ.

Screenshots of each page go to test-artifacts/screenshots/pages__*.png.
"""

from __future__ import annotations

import json
from pathlib import Path

import labdriver
import oracle
import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


cell_index, open_and_run = labdriver.cell_index, labdriver.open_and_run


def shot(lab: labdriver.LabPage, artifacts_dir: Path, name: str, indexes: list[int]) -> None:
    lab.screenshot_cells(artifacts_dir / "screenshots" / f"pages__{name}.png", indexes)


def height(locator) -> float:
    return locator.evaluate("(e) => e.getBoundingClientRect().height")


@pytest.mark.timeout(300)
def test_the_reader_goes_to_typed_numbers_searches_as_you_type_and_compares(lab: labdriver.LabPage, artifacts_dir: Path) -> None:
    open_and_run(lab, "notebooks/01_the_sources.ipynb")
    index = cell_index(lab, "reader.reader()")
    cell = lab.cell(index)
    cell.scroll_into_view_if_needed()
    first, second = oracle.source_ids()[:2]
    count = len(oracle.paragraphs(first))
    goto = cell.get_by_placeholder("e.g. 12").first
    page = cell.locator(".summit-page").first

    goto.fill(str(count + 1))
    goto.press("Enter")
    expect()(cell).to_contain_text(f"{first} has paragraphs 1 to {count}: there is no ¶{count + 1}.")
    expect()(page).to_contain_text(f"{first} ¶1 of {count}")  # nothing moved

    goto.fill("1")
    goto.press("Enter")
    expect()(goto).to_have_value("")  # empty again after the jump
    goto.click()
    lab.page.keyboard.type("2")  # the typing that went to ¶12 (silently clamped to the last) before
    lab.page.keyboard.press("Enter")
    expect()(page).to_contain_text(f"{first} ¶2 of {count}")
    cell.locator("select").first.select_option(index=oracle.source_ids().index(second))
    goto.fill("12")
    goto.press("Enter")
    expect()(page).to_contain_text(f"{second} ¶12 of {len(oracle.paragraphs(second))}")

    search = cell.get_by_placeholder("a word or phrase, e.g. sanctions").first
    search.click()
    lab.page.keyboard.type("sovereign", delay=40)  # no Enter: results appear as you type
    hits = sum("sovereign" in p.casefold() for s in oracle.source_ids() for p in oracle.paragraphs(s))
    expect()(cell).to_contain_text(f"{hits} paragraph(s) contain “sovereign”")

    cell.get_by_role("button", name="Compare: open a second column").click()
    expect()(cell.locator(".summit-page")).to_have_count(2)
    expect()(cell).to_contain_text("choose one to read it in the second column")
    results = cell.locator("select[size]").first
    results.select_option(index=0)
    shown = cell.locator(".summit-page")
    expect()(shown.nth(0)).to_contain_text(f"{second} ¶12")  # the first column keeps its place
    expect()(shown.nth(1)).to_contain_text("sovereign")
    lab.settle()
    shot(lab, artifacts_dir, "reader_two_columns", [index])


@pytest.mark.timeout(300)
def test_the_actor_card_fits_with_a_pager_below_and_lesson_03_asks_before_it_shows(
    lab: labdriver.LabPage, artifacts_dir: Path
) -> None:
    from summitkit.stakes import actors

    open_and_run(lab, "notebooks/03_stakes.ipynb")
    names = actors()
    cards = cell_index(lab, "stakes.actor_cards()")
    cell = lab.cell(cards)
    cell.scroll_into_view_if_needed()
    expect()(cell.locator("h3").first).to_have_text(names[0])
    output = cell.locator(".jp-OutputArea-output").first
    assert height(output) < 1400, f"the {names[0]} card is {height(output):.0f} px tall (it was about 6,450 px unfolded)"
    shot(lab, artifacts_dir, "actor_card_closed", [cards])
    cell.locator("summary").filter(has_text="wants").first.click()
    expect()(cell.locator("details[open] li").first).to_be_visible()
    shot(lab, artifacts_dir, "actor_card_folded", [cards])
    cell.get_by_role("button", name="Next ▶").last.click()  # the pager under the card
    expect()(cell.locator("h3").first).to_have_text(names[1])
    expect()(cell).to_contain_text(f"actor 2 of {len(names)}")

    question = cell_index(lab, '"03-how-many-reasons"')
    table = cell_index(lab, "stakes.motives_html()")
    assert cell_index(lab, 'reader.reader(source="rsis", start=4)') < question < table
    words = lab.cell(cell_index(lab, "stakes.figure_words_html()"))
    expect()(words.locator("details")).to_have_count(2)
    assert words.locator("details[open]").count() == 0 and words.locator("table").first.is_hidden()
    shot(
        lab,
        artifacts_dir,
        "lesson03_counts_and_reasons",
        [cell_index(lab, "stakes.figure()"), cell_index(lab, "figure_words_html"), question - 1, question],
    )


@pytest.mark.timeout(300)
def test_exercise_02_folds_its_table_gives_no_flag_away_and_asks_below_it(lab: labdriver.LabPage, artifacts_dir: Path) -> None:
    open_and_run(lab, "exercises/02_timeline_exercises.ipynb")
    index = cell_index(lab, "timeline.table_html(")
    cell = lab.cell(index)
    cell.scroll_into_view_if_needed()
    output = cell.locator(".jp-OutputArea-output").first
    text = output.evaluate(
        "(e) => { const c = e.cloneNode(true); c.querySelectorAll('style').forEach(s => s.remove()); return c.textContent; }"
    )  # folded rows included, the stylesheet left out
    assert "Putin invites Kim" in text or "invit" in text
    assert "≠" not in text and "≈" not in text and "contradiction" not in text
    assert height(output) < 600, f"the folded table is {height(output):.0f} px tall (about 1,700 px open)"
    year = min(int(r["date"][:4]) for r in oracle.rows("timeline.csv"))
    cell.locator("summary").filter(has_text=f"{year}:").first.click()
    expect()(cell.locator("details[open] table").first).to_be_visible()
    after = [c for c in lab.cells() if c["index"] > index and c["kind"] == "code"][:3]
    assert [c["source"].split('"')[1] for c in after] == ["02-order", "02-which-source", "02-spot"]
    shot(lab, artifacts_dir, "exercise02_table_and_questions", [index, index + 1])


@pytest.mark.timeout(300)
def test_the_scorecard_says_what_is_left_and_notes_survive_a_restart(lab: labdriver.LabPage, artifacts_dir: Path) -> None:
    bank = json.loads((REPO / "data" / "questions" / "00_start_here.json").read_text(encoding="utf-8"))["questions"]
    here = [q["id"] for q in bank if q["in_lesson"]]
    left = len(bank) - len(here)
    open_and_run(lab, "notebooks/00_start_here.ipynb")
    q = lab.questions().filter(has_text="(question 00-citation)").first
    q.scroll_into_view_if_needed()
    q.get_by_role("radio", name="Paragraph 8 of the RSIS commentary, headings not counted", exact=True).check()
    lab.sync_widgets()
    assert lab.click_and_time(q, "Check")[0].startswith("✓ Correct")
    q = lab.questions().filter(has_text="(question 00-summit-date)").first
    q.locator("input[type=text]").first.fill("25 April 2019")
    lab.sync_widgets()
    assert lab.click_and_time(q, "Check")[0].startswith("✓ Correct")

    card_index = cell_index(lab, "scorecard.show(")
    card = lab.cell(card_index)
    card.scroll_into_view_if_needed()
    card.get_by_role("button", name="Update the scorecard").click()
    expect()(card).to_contain_text(f"{len(here)} of {len(here)} answered here")
    expect()(card).to_contain_text(f"{left} more in exercises/00_start_here_exercises.ipynb")
    assert ".0 of" not in card.text_content()

    notes_index = cell_index(lab, 'notes.box("00")')
    notes = lab.cell(notes_index)
    notes.scroll_into_view_if_needed()
    mine = "Two tests: did it change what either side does next? Did it bring anyone new into the talks?"
    notes.locator("textarea").first.fill(mine)
    notes.get_by_role("button", name="Save my notes").click()
    expect()(notes).to_contain_text("Saved (")
    shot(lab, artifacts_dir, "scorecard_and_notes", [card_index, notes_index])
    lab.restart_and_run_all()
    notes = lab.cell(cell_index(lab, 'notes.box("00")'))
    notes.scroll_into_view_if_needed()
    expect()(notes.locator("textarea").first).to_have_value(mine)
    expect()(notes).to_contain_text("Your saved notes are back")


@pytest.mark.timeout(300)
def test_a_question_cell_run_first_shows_its_question(lab: labdriver.LabPage, artifacts_dir: Path) -> None:
    """A learner who opens an exercise and runs a question before the first cell sees the question, not a NameError."""
    lab.server.clear_progress()
    lab.open("exercises/00_start_here_exercises.ipynb")
    index = cell_index(lab, '"00-restart"')
    cell = lab.cell(index)
    cell.locator(".jp-InputArea-editor").first.click()
    lab.page.keyboard.press("Shift+Enter")
    cell.locator(".summit-question").first.wait_for(timeout=30_000)
    expect()(cell.get_by_role("radio")).to_have_count(3)
    assert "NameError" not in (cell.text_content() or "") and "Traceback" not in (cell.text_content() or "")
    shot(lab, artifacts_dir, "question_run_first", [index])


@pytest.mark.timeout(300)
def test_a_lesson_and_its_exercise_open_side_by_side_have_different_tab_names(lab: labdriver.LabPage) -> None:
    lab.open("notebooks/01_the_sources.ipynb")
    lab.page.evaluate(
        "async (p) => { await window.jupyterapp.commands.execute('docmanager:open', {path: p}); }",
        "exercises/01_the_sources_exercises.ipynb",
    )
    tabs = lab.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tabLabel").filter(has_text=".ipynb")
    expect()(tabs).to_have_count(2)
    names = tabs.all_text_contents()
    assert sorted(names) == ["01_the_sources.ipynb", "01_the_sources_exercises.ipynb"], names
    lab.needs_reload = True  # two notebooks and two kernels are open: the next test starts from a clean page
