"""Lesson figures: one registry, declared where each figure is drawn; built once (data/figures/), current with
everything they depend on, and redrawn when stale. Also the recipe "add a figure", followed with a toy figure."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT

from summitkit import codegraph, figures

NAMES = sorted(figures.load_all())


def test_every_lesson_figure_is_registered_where_it_is_drawn():
    assert NAMES == ["agreement", "stakes", "timeline"]
    for spec in figures.LESSON_FIGURES.values():
        assert spec.module.startswith("summitkit.figures.") and spec.draw.__module__ == spec.module
        assert spec.reads and callable(spec.alt_text)


#: Where each lesson prints its figure's words, and the call that prints them.
WORDS_IN_LESSON = {
    "timeline": ("02_timeline.ipynb", "print(timeline.alt_text())"),
    "stakes": ("03_stakes.ipynb", "HTML(stakes.figure_words_html())"),
}


@pytest.mark.parametrize("name", sorted(WORDS_IN_LESSON))
def test_lesson_shows_the_generated_description_not_a_hand_written_one(name):
    """The figure's words come from the data (issue 18): the lesson prints them; test_prose_numbers keeps counts out of its
    prose. The same words are the picture's alt text for screen readers."""
    lesson, call = WORDS_IN_LESSON[name]
    notebook = json.loads((ROOT / "notebooks" / lesson).read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    markdown = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert call in code and "(alt text)" not in markdown
    module = importlib.import_module(f"summitkit.{name}")
    assert module.figure().alt == figures.LESSON_FIGURES[name].alt_text() == module.alt_text()


@pytest.mark.parametrize("name", NAMES)
def test_the_fingerprint_covers_every_file_the_figure_depends_on(name):
    spec = figures.LESSON_FIGURES[name]
    stamp = json.loads((figures.data_dir() / "figures" / f"{name}.json").read_text(encoding="utf-8"))
    # the code it covers: the module that draws it and everything that module imports, read now from the sources
    closure = {p.relative_to(codegraph.PACKAGE_DIR.parent).as_posix() for p in codegraph.closure(spec.file)}
    assert set(stamp["code"]) == closure
    assert {
        "summitkit/tables.py",
        "summitkit/sources.py",
        "summitkit/figures/__init__.py",
        f"summitkit/analysis/{spec.module.split('.')[-1]}.py",
    } <= closure
    # the data: sources.csv, every text, and what it reads
    texts = sorted(f"sources/{p.name}" for p in (figures.data_dir() / "sources").glob("*.md"))
    assert stamp["data"] == ["sources.csv", *texts, *spec.reads]


def test_lessons_show_figures_without_importing_matplotlib():
    code = (
        "import sys; from summitkit import compare, stakes, timeline; "
        "html = [timeline.figure()._repr_html_(), stakes.figure()._repr_html_(), compare.figure()._repr_html_()]; "
        "w = timeline.explore(); "
        "print('matplotlib' in sys.modules, all('data:image/svg+xml;base64,' in h for h in html))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


def test_edited_data_is_drawn_afresh(data_copy):
    """A teacher edits the data: the built picture no longer matches, so the lesson draws the figure from the new data."""
    path = data_copy / "stakes.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert figures.prebuilt("stakes") is None and figures.prebuilt("timeline") is not None
    picture = figures.picture("stakes", caption="Described")
    assert picture.svg.lstrip().startswith(b"<?xml") and b"<svg" in picture.svg
    shown = picture._repr_html_()
    assert "Described" in shown and "max-width:100%" in shown and 'alt="A two-sided bar chart' in shown


def test_a_new_source_text_makes_every_figure_stale(data_copy):
    (data_copy / "sources" / "extra.md").write_text("# Extra\n\nOne paragraph.\n", encoding="utf-8")
    assert all(figures.prebuilt(name) is None for name in NAMES)


def test_damaged_stamp_is_treated_as_stale(data_copy):
    (data_copy / "figures" / "timeline.json").write_text("{ broken", encoding="utf-8")
    assert figures.prebuilt("timeline") is None
    (data_copy / "figures" / "stakes.json").write_text(json.dumps({"key": "x"}), encoding="utf-8")
    assert figures.prebuilt("stakes") is None
    (data_copy / "figures" / "agreement.svg").unlink()
    assert figures.prebuilt("agreement") is None


TOY = '''
"""A toy lesson figure, registered as docs/developing.md's recipe "Add a figure" says."""
from summitkit.analysis.stakes import actors
from summitkit.figures import lesson_figure


def alt_text() -> str:
    return f"A toy bar chart of {len(actors())} actors."


@lesson_figure("toy", reads=("stakes.csv",), alt_text=alt_text)
def draw():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 2))
    fig.add_subplot().bar([0, 1], [len(actors()), 1])
    return fig
'''


@pytest.fixture
def toy_figure(tmp_path, monkeypatch):
    folder = tmp_path / "toymodules"
    folder.mkdir()
    (folder / "toy_lesson_figure.py").write_text(textwrap.dedent(TOY), encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    __import__("toy_lesson_figure")
    yield folder / "toy_lesson_figure.py"
    figures.LESSON_FIGURES.pop("toy", None)
    sys.modules.pop("toy_lesson_figure", None)


def test_recipe_add_a_figure(toy_figure, data_copy):
    assert "toy" in figures.LESSON_FIGURES
    assert figures.prebuilt("toy") is None  # not built yet: drawn when shown
    shown = figures.picture("toy")
    assert shown.alt.startswith("A toy bar chart of") and b"<svg" in shown.svg
    written = figures.build_figures(data_copy, ["toy"])
    assert written == [data_copy / "figures" / "toy.svg", data_copy / "figures" / "toy.json"]
    stamp = json.loads((data_copy / "figures" / "toy.json").read_text(encoding="utf-8"))
    assert str(toy_figure.resolve()) in stamp["code"]  # the file that draws it...
    assert {"summitkit/analysis/stakes.py", "summitkit/tables.py", "summitkit/textfiles.py"} <= set(
        stamp["code"]
    )  # ...and what it imports
    assert figures.prebuilt("toy") == (data_copy / "figures" / "toy.svg").read_bytes()
    toy_figure.write_text(toy_figure.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert figures.prebuilt("toy") is None  # its code changed
    figures.build_figures(data_copy, ["toy"])
    assert figures.prebuilt("toy") is not None
    (data_copy / "stakes.csv").write_text((data_copy / "stakes.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert figures.prebuilt("toy") is None  # the data it reads changed
