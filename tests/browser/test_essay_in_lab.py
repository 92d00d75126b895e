"""Issue 22 in a real JupyterLab: the essay box names a misquotation, the rubric and exemplars show, and peer review
goes through files with the notebook's own upload buttons (the same buttons in every route: hub, Binder, JupyterLite).

Screenshots go to test-artifacts/screenshots/essay__*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import labdriver
import pytest

pytestmark = pytest.mark.browser

MISQUOTED = (
    'Vladivostok was a drive-by summit. 38 North says "Putin arrived to spend a few hours with Kim" (38north ¶1), '
    'and RSIS that it "did not lead to any breakthrough" (rsis ¶2).'
)


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


cell_index, open_and_run = labdriver.cell_index, labdriver.open_and_run


def choose(lab: labdriver.LabPage, where, button: str, path: Path) -> None:
    """Press an upload button and pick ``path`` in the file dialog it opens, as a learner would."""
    with lab.page.expect_file_chooser() as chooser:
        where.get_by_role("button", name=re.compile(re.escape(button))).click()
    chooser.value.set_files(str(path))


@pytest.mark.timeout(300)
def test_the_essay_box_names_a_misquotation_and_the_rubric_and_exemplars_show(
    lab: labdriver.LabPage, artifacts_dir: Path
) -> None:
    open_and_run(lab, "notebooks/05_synthesis.ipynb")
    rubric = lab.cell(cell_index(lab, "essay.show_rubric()"))
    expect()(rubric.locator("h4")).to_have_count(4)
    expect()(rubric).to_contain_text("Level 4:")

    index = cell_index(lab, "essay.essay()")
    box = lab.cell(index)
    box.scroll_into_view_if_needed()
    box.locator("textarea").first.fill(MISQUOTED)
    box.get_by_role("checkbox", name=re.compile("^Evidence:")).check()
    box.get_by_role("button", name="Check my citations").click()
    report = box.locator(".summit-quote-problem")
    expect()(report).to_have_count(1, timeout=15_000)
    expect()(report).to_contain_text("Putin arrived to spend a few hours with Kim")
    expect()(report).to_contain_text("Putin arrived in Vladivostok to spend a few hours with Kim")
    expect()(box).to_contain_text("You ticked Evidence, but 1 quotation(s) below are not word for word")
    lab.screenshot_cells(artifacts_dir / "screenshots" / "essay__misquotation.png", [index])

    shown = lab.cell(cell_index(lab, "essay.show_exemplars()"))
    shown.scroll_into_view_if_needed()
    expect()(shown.locator("details")).to_have_count(3)
    shown.locator("details summary").nth(2).click()
    expect()(shown).to_contain_text("not in 38north ¶10")


@pytest.mark.timeout(400)
def test_peer_review_through_files_with_the_upload_buttons(lab: labdriver.LabPage, artifacts_dir: Path) -> None:
    relpath = "exercises/05_synthesis_exercises.ipynb"
    folder = lab.server.root / "exercises"
    for old in [*folder.glob("essay-for-partner-*.json"), *folder.glob("review-*.json")]:
        old.unlink()
    open_and_run(lab, relpath)
    essay = lab.cell(cell_index(lab, "essay.essay()"))
    essay.scroll_into_view_if_needed()
    essay.locator("textarea").first.fill(MISQUOTED)
    essay.get_by_role("button", name="Save").click()
    expect()(essay).to_contain_text("is kept", timeout=15_000)

    index = cell_index(lab, "peer.peer_review()")
    peer = lab.cell(index)
    peer.scroll_into_view_if_needed()
    peer.get_by_role("button", name="Export for a partner").click()
    expect()(peer).to_contain_text("Download it", timeout=15_000)
    [sent] = sorted(folder.glob("essay-for-partner-*.json"))

    # The partner's side: the same buttons, a file chosen in the browser's own file dialog.
    choose(lab, peer, "Load a partner's essay", sent)
    expect()(peer).to_contain_text("Your partner's essay", timeout=15_000)
    expect()(peer.locator(".summit-quote-problem")).to_have_count(1)
    for n, select in enumerate(peer.locator("select").all()[:4]):
        select.select_option(label=f"Level {4 - n}")
    peer.locator("textarea").first.fill("Copy the quotation from 38north ¶1 exactly.")
    peer.get_by_role("button", name="Export my review").click()
    expect()(peer).to_contain_text("pass the file to your partner", timeout=15_000)
    [review] = sorted(folder.glob("review-*.json"))

    choose(lab, peer, "Load the review of my essay", review)
    expect()(peer).to_contain_text("Your essay, as you sent it", timeout=15_000)
    expect()(peer).to_contain_text("Copy the quotation from 38north ¶1 exactly.")
    expect()(peer).to_contain_text("Claim: level 4.")
    lab.screenshot_cells(artifacts_dir / "screenshots" / "essay__peer_review.png", [index])
    for made in (sent, review):
        made.unlink()
