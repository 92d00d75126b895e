"""The paragraph reader: paging, typing a number, searching both texts and jumping to a result."""

from __future__ import annotations

from summitkit.reader import reader, search


def _parts(view):
    pick = view.children[0]
    prev_button, number, next_button = view.children[1].children
    page = view.children[2]
    query, status = view.children[3].children
    results = view.children[4]
    return pick, prev_button, number, next_button, page, query, status, results


def test_paging_and_typing_a_number():
    view = reader()
    pick, prev_button, number, next_button, page, *_ = _parts(view)
    assert pick.value == "38north" and "38north ¶1</b> of 11" in page.value and prev_button.disabled
    next_button.click()
    assert number.value == 2 and "Kim’s first visit to Russia" in page.value and "Section: The Build-Up" in page.value
    number.value = 11
    assert next_button.disabled and "second fiddle" in page.value
    pick.value = "rsis"
    assert number.value == 1 and number.max == 17 and "SYNOPSIS" in page.value


def test_search_lists_both_texts_and_jumps():
    view = reader()
    pick, _, number, _, page, query, status, results = _parts(view)
    query.value = "sovereignty"
    assert status.value.startswith("2 paragraph(s) contain “sovereignty”")
    assert [v for _, v in results.options] == [("38north", 10), ("rsis", 14)]
    results.value = ("rsis", 14)
    assert (pick.value, number.value) == ("rsis", 14) and "<mark>sovereignty</mark>" in page.value
    query.value = "<script>x</script>"
    assert "0 paragraph(s)" in status.value and "<script>" not in page.value
    query.value = "   "
    assert status.value == "" and results.layout.display == "none"


def test_search_ignores_case_and_spacing():
    assert [str(c) for c, _ in search("SIX-party   talks")] == ["rsis ¶6", "rsis ¶7", "rsis ¶17"]
    assert search("") == []
