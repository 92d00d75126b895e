"""The paragraph reader: paging, the "Go to ¶" box, searching as you type, and two passages side by side."""

from __future__ import annotations

import html

import oracle

from summitkit.controls import Pager
from summitkit.reader import reader, search, where


def test_paging_and_typing_a_number():
    view = reader()
    first, second = oracle.source_ids()[:2]
    count = len(oracle.paragraphs(first))
    assert isinstance(view.pager, Pager) and view.pick.value == first
    assert f"{first} ¶1</b> of {count}" in view.page.value and view.pager.prev_button.disabled
    assert view.pager.position.value == f"paragraph 1 of {count}"
    view.pager.next_button.click()
    assert view.first.number == 2 and html.escape(oracle.flat(oracle.paragraphs(first)[1])[:40]) in view.page.value
    view.goto.value = str(count)
    assert view.pager.next_button.disabled and view.pager.position.value == f"paragraph {count} of {count}"
    view.pick.value = second
    assert view.first.number == 1 and view.pager.position.value == f"paragraph 1 of {len(oracle.paragraphs(second))}"


def test_typed_digits_never_join_the_old_number():
    """The box empties after each jump: typing 12 after going to 1 goes to 12 (it went silently to 17 before)."""
    view = reader(source="rsis")
    view.goto.value = "1"
    assert view.first.number == 1 and view.goto.value == ""
    view.goto.value = "12"
    assert view.first.number == 12 and "rsis ¶12</b>" in view.page.value and view.goto.value == ""


def test_a_number_out_of_range_says_which_numbers_exist_and_stays():
    count = len(oracle.paragraphs("rsis"))
    view = reader(source="rsis", start=5)
    view.goto.value = str(count + 23)
    assert f"rsis has paragraphs 1 to {count}: there is no ¶{count + 23}." in view.first.message.value
    assert view.first.number == 5 and view.goto.value == str(count + 23)  # nothing moved; the learner sees what they typed
    view.goto.value = "0"
    assert f"rsis has paragraphs 1 to {count}" in view.first.message.value
    view.goto.value = "twelve"
    assert "Type a paragraph number, like 12" in view.first.message.value
    view.goto.value = "3"
    assert view.first.number == 3 and view.first.message.value == ""


def test_the_box_takes_a_citation_and_the_go_button():
    view = reader(source="rsis")
    view.goto.value = "38north ¶4"
    assert (view.pick.value, view.first.number) == ("38north", 4)
    view.first.goto.value = "rsis para 2"
    assert (view.pick.value, view.first.number) == ("rsis", 2)
    assert where("¶ 7", "rsis") == ("rsis", 7, "") and where("bbc 3", "rsis")[0] is None


def test_search_runs_as_you_type_lists_every_text_and_jumps():
    view = reader()
    assert view.query.continuous_update and "as you type" in view.status.value
    view.query.value = "s"
    assert "at least 2 letters" in view.status.value and view.results.layout.display == "none"
    view.query.value = "sovereignty"
    expected = [
        (sid, n)
        for sid in oracle.source_ids()
        for n, p in enumerate(oracle.paragraphs(sid), start=1)
        if "sovereignty" in p.casefold()
    ]
    assert view.status.value.startswith(f"{len(expected)} paragraph(s) contain “sovereignty”")
    assert [v for _, v in view.results.options] == expected
    view.results.value = expected[-1]
    assert (view.pick.value, view.first.number) == expected[-1] and "<mark>sovereignty</mark>" in view.page.value
    view.query.value = "<script>x</script>"
    assert "0 paragraph(s)" in view.status.value and "<script>" not in view.page.value
    view.query.value = "   "
    assert "as you type" in view.status.value and view.results.layout.display == "none"


def test_two_passages_side_by_side_each_paged_on_its_own():
    """Compare opens a second column (the other text, same number); search results open there; each column pages alone."""
    first, second = oracle.source_ids()[:2]
    view = reader(source=first, start=2)
    assert view.columns.children == (view.first.box,)
    view.compare.click()
    right = view.second[0]
    assert view.columns.children == (view.first.box, right.box) and (right.pick.value, right.number) == (second, 2)
    right.pager.next_button.click()
    assert (view.first.number, right.number) == (2, 3) and f"{first} ¶2</b>" in view.page.value
    view.query.value = "sovereignty"
    assert "in the second column" in view.status.value
    hit = next(v for _, v in view.results.options)
    view.results.value = hit
    assert (right.pick.value, right.number) == hit and (view.pick.value, view.first.number) == (first, 2)
    view.compare.click()
    assert view.columns.children == (view.first.box,) and "second column" not in view.status.value


def test_the_section_heading_is_shown():
    view = reader(source="rsis")
    assert "Section: SYNOPSIS" in view.page.value


def test_search_ignores_case_and_spacing():
    assert [str(c) for c, _ in search("SIX-party   talks")] == [str(c) for c, _ in search("six-party talks")]
    assert search("SIX-party   talks") and search("") == []
