"""Lesson figures are built once (data/figures/), current with their data and code, and redrawn when stale."""

from __future__ import annotations

import subprocess
import sys

import pytest

from summitkit import figures


@pytest.mark.parametrize("name", sorted(figures.LESSON_FIGURES))
def test_prebuilt_figure_is_current(name):
    assert figures.prebuilt(name) is not None, f"data/figures/{name}.svg is stale or missing: run python3 run.py build"


def test_lessons_show_figures_without_importing_matplotlib():
    code = ("import sys; from summitkit import compare, stakes, timeline; "
            "html = [timeline.figure()._repr_html_(), stakes.figure()._repr_html_(), compare.figure()._repr_html_()]; "
            "w = timeline.explore(); "
            "print('matplotlib' in sys.modules, all('data:image/svg+xml;base64,' in h for h in html))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


def test_edited_data_is_drawn_afresh(data_copy):
    """A teacher edits the data: the built picture no longer matches, so the lesson draws the figure from the new data."""
    path = data_copy / "stakes.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert figures.prebuilt("stakes") is None
    picture = figures.lesson_figure("stakes", "alt words", caption="Described")
    assert picture.svg.lstrip().startswith(b"<?xml") and b"<svg" in picture.svg
    html = picture._repr_html_()
    assert "alt='alt words'" in html and "Described" in html and "max-width:100%" in html


def test_damaged_stamp_is_treated_as_stale(data_copy):
    (data_copy / "figures" / "timeline.json").write_text("{ broken", encoding="utf-8")
    assert figures.prebuilt("timeline") is None
    (data_copy / "figures" / "agreement.svg").unlink()
    assert figures.prebuilt("agreement") is None
