"""Any number of sources: a third, made-up source added to a copy of data/ (tests/third_source.py) shows up in
every lesson: each figure's alt text, the tables, the readers, the cards, the essay's checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import third_source
from conftest import ROOT
from kernel import errors, run

from summitkit import compare, essay, sourcing, stakes, tables, textstats, timeline
from summitkit.sources import source_ids

NAME = third_source.NAME


@pytest.fixture
def three(data_copy):
    third_source.add_third_source(data_copy)
    return data_copy


def test_the_data_with_three_sources_validates(three):
    assert source_ids() == ["38north", "rsis", third_source.ID]
    counts = tables.validate_all()
    assert counts[f"sources/{third_source.ID}.md"] == 3
    assert any(set(c.quotes) == {"38north", "rsis", third_source.ID} for c in tables.claims())


def test_every_figure_and_its_words_name_the_third_source(three):
    fig = timeline.plot()
    assert NAME in [t.get_text() for t in fig.legends[0].get_texts()]
    assert f"{NAME}'s green triangles" in timeline.alt_text() and f"only in {NAME}" in timeline.alt_text()
    assert "of the three texts" in timeline.finding() and "two texts" not in timeline.finding()
    fig = stakes.plot()
    assert [ax.get_title() for ax in fig.axes][-1] == f"{NAME} (1 stake)"
    words = stakes.alt_text()
    assert "one panel per text (three panels)" in words and f"{NAME} 1 (1 wants)" in words
    assert NAME in stakes.finding()
    fig = compare.plot()
    assert f"only in {NAME}" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert f"only in {NAME}: 1" in compare.alt_text() and "where more than one text speaks to a point" in compare.finding()


def test_every_table_and_reader_names_the_third_source(three):
    assert NAME in timeline.table_html() and NAME in timeline.versions_html("vladivostok-summit")
    assert "From outside the three texts" in timeline.outside_html("putin-invitation") and f"or {NAME}" in timeline.outside_html(
        "putin-invitation"
    )
    assert f'<th colspan="4" scope="colgroup">{NAME}</th>' in stakes.count_table_html()
    assert f"{NAME}: 1 stake (1 wants)" in stakes.card_html("Russia") and f"{NAME}: 0 stakes" in stakes.card_html("China")
    assert f'<th scope="col">{NAME}</th>' in stakes.motives_html()
    page = compare.side_by_side("testwire-railways")
    assert f"<h4>{NAME}</h4>" in page and "testwire ¶3" in page and "38 North does not make this point" in page
    assert NAME in compare.framing_html(["railways"]) and "testwire ¶1" in compare.framing_html(["railways"])
    assert NAME in sourcing.compare_html() and "A Third View of Vladivostok" in sourcing.structure_html()
    for shown in (
        textstats.measures_html(),
        textstats.quotations_html(),
        textstats.term_rates_html(),
        textstats.distinctive_html(),
    ):
        assert NAME in shown
    box = timeline.explore()
    assert box.source.options[0] == ("all three texts", "") and (NAME, third_source.ID) in box.source.options
    assert f"only in {NAME}" in [label for label, _ in compare.claim_reader().pick_relation.options]
    assert "the checklist asks for evidence from all three texts" in essay.report_html("38north ¶1 and rsis ¶2")
    assert essay.coverage("testwire ¶2") == {"38north": 0, "rsis": 0, third_source.ID: 1}


def _shown(notebook) -> str:
    """Everything a run notebook shows: its outputs and the state of its widgets (labels, options, HTML)."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts += [str(v) for v in output.get("data", {}).values()]
    state = notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in state.values():
        for value in model.get("state", {}).values():
            parts += [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return "\n".join(parts)


def _alt_texts(shown: str) -> list[str]:
    return re.findall(r'<img src="data:image/svg\+xml;base64,[^"]*" alt="([^"]*)"', shown)


LESSONS = sorted((ROOT / "notebooks").glob("0[0-9]_*.ipynb"))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_runs_and_shows_the_third_source(three, tmp_path, path: Path):
    notebook = run(path, path.parent)
    assert errors(notebook) == []
    shown = _shown(notebook)
    lesson = path.stem[:2]
    if lesson == "00":
        assert "rows checked" in shown
        return
    assert NAME in shown or "Test Wire Service" in shown
    alts = _alt_texts(shown)
    if lesson in ("02", "03", "04"):  # the lessons with a figure: its alt text names the new source
        assert alts and all(NAME in alt for alt in alts), alts
    expected = {
        "01": ["Test Wire Service: A Third View of Vladivostok", f'<th scope="col">{NAME}</th>', "A Third View of Vladivostok"],
        "02": [f"<b>{NAME}</b> (testwire ¶1)", f"{NAME}'s green triangles", "all three texts"],
        "03": [f"{NAME}: 1 stake (1 wants)", f'colspan="4" scope="colgroup">{NAME}</th>'],
        "04": [f"only in {NAME}", f"<h4>{NAME}</h4>", "Test Wire Service: A Third View of Vladivostok"],
        "05": [f"<h4>{NAME}</h4>", "Test Wire Service: A Third View of Vladivostok"],
    }[lesson]
    for text in expected:
        assert text in shown, (lesson, text)
