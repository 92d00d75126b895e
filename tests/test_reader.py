"""The paragraph reader: paging with the pager, typing a number, searching every text and jumping to a result."""

from __future__ import annotations

import html

import oracle

from summitkit.controls import Pager
from summitkit.reader import reader, search


def test_paging_and_typing_a_number():
    view = reader()
    first, second = oracle.source_ids()[:2]
    count = len(oracle.paragraphs(first))
    assert isinstance(view.pager, Pager) and view.pick.value == first
    assert f"{first} ¶1</b> of {count}" in view.page.value and view.pager.prev_button.disabled
    assert view.pager.position.value == f"paragraph 1 of {count}"
    view.pager.next_button.click()
    assert view.number.value == 2 and html.escape(oracle.flat(oracle.paragraphs(first)[1])[:40]) in view.page.value
    view.number.value = count
    assert view.pager.next_button.disabled and view.pager.position.value == f"paragraph {count} of {count}"
    view.pick.value = second
    assert view.number.value == 1 and view.number.max == len(oracle.paragraphs(second))


def test_the_section_heading_is_shown():
    view = reader(source="rsis")
    assert "Section: SYNOPSIS" in view.page.value


def test_search_lists_every_text_and_jumps():
    view = reader()
    view.query.value = "sovereignty"
    expected = [(sid, n) for sid in oracle.source_ids() for n, p in enumerate(oracle.paragraphs(sid), start=1)
                if "sovereignty" in p.casefold()]
    assert view.status.value.startswith(f"{len(expected)} paragraph(s) contain “sovereignty”")
    assert [v for _, v in view.results.options] == expected
    view.results.value = expected[-1]
    assert (view.pick.value, view.number.value) == expected[-1] and "<mark>sovereignty</mark>" in view.page.value
    view.query.value = "<script>x</script>"
    assert "0 paragraph(s)" in view.status.value and "<script>" not in view.page.value
    view.query.value = "   "
    assert view.status.value == "" and view.results.layout.display == "none"


def test_search_ignores_case_and_spacing():
    assert [str(c) for c, _ in search("SIX-party   talks")] == [str(c) for c, _ in search("six-party talks")]
    assert search("SIX-party   talks") and search("") == []
