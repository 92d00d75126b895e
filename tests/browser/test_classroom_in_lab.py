"""Issue 23's classroom, in a real JupyterLab: the learner's path between notebooks, the teacher's projector, twelve tabs.

- Every "Next:" link, clicked in the rendered Markdown, opens the next notebook (lesson 00, exercise 00, lesson 01, ...
  exercise 05), and the last "Back to the map" opens 00 at the map.
- The projector view of a class folder of real exports: large text, the course's reading marked, a "differs" banner
  where the class's commonest answer is wrong, and no learner's name anywhere in it.
- Twelve tabs (six lessons, six exercises) at 1366×768 with the file browser open: the labels a learner can read.

Screenshots go to test-artifacts/screenshots/classroom__*.png.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import labdriver
import pytest
from classroom import Learner

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "exercises").glob("[0-9][0-9]_*_exercises.ipynb"))
START = "notebooks/00_start_here.ipynb"
MAP_ANCHOR = "The-map-of-the-series"

# The path of the notebook in the active tab.
_ACTIVE_PATH_JS = "() => { const w = window.jupyterapp.shell.currentWidget; return w && w.context ? w.context.path : null; }"

# Close every document but the active one, unsaved (the server's copies are temp copies).
_CLOSE_OTHERS_JS = """
() => {
  const app = window.jupyterapp;
  const keep = app.shell.currentWidget;
  for (const widget of Array.from(app.shell.widgets('main'))) {
    if (widget === keep) continue;
    if (widget.context && widget.context.model) widget.context.model.dirty = false;
    widget.close();
  }
}
"""


# Scroll the active notebook to its last cell (which JupyterLab then attaches and renders); its index.
_SCROLL_TO_LAST_JS = """
async () => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  const last = notebook.widgets.length - 1;
  notebook.activeCellIndex = last;
  await notebook.scrollToItem(last, 'start');
  return last;
}
"""


# Where the map's heading is in the open notebook's view.
_MAP_IN_VIEW_JS = """
(panelSel) => {
  const panel = document.querySelector(panelSel);
  const heading = panel && [...panel.querySelectorAll('h2')].find(h => h.textContent.includes('The map of the series'));
  const box = panel && (panel.querySelector('.jp-WindowedPanel-outer') || panel);
  if (!heading || !box) return {ok: false, heading: !!heading};
  const r = heading.getBoundingClientRect(), b = box.getBoundingClientRect();
  return {ok: r.top >= b.top - 2 && r.top < b.bottom - 20 && box.scrollTop > 0,
          heading_top: r.top, view_top: b.top, view_bottom: b.bottom, scroll_top: box.scrollTop};
}
"""


def the_path() -> list[str]:
    """Lesson 00, exercise 00, lesson 01, exercise 01, ... exercise 05: the order the "Next:" links promise."""
    assert len(LESSONS) == len(EXERCISES) == 6, (LESSONS, EXERCISES)
    return [nb for pair in zip(LESSONS, EXERCISES, strict=True) for nb in pair]


def shut_down_others(lab: labdriver.LabPage, keep: str) -> None:
    """Delete every session but the open notebook's, so kernels do not pile up along the path."""
    for session in lab.server.api("GET", "/api/sessions") or []:
        if session.get("path") != keep:
            lab.server.api("DELETE", f"/api/sessions/{session['id']}")


def wait_active(lab: labdriver.LabPage, path: str, timeout_ms: int = 30_000) -> None:
    try:
        lab.page.wait_for_function(f"(p) => ({_ACTIVE_PATH_JS})() === p", arg=path, timeout=timeout_ms)
    except Exception:
        raise AssertionError(f"expected {path} in the active tab, found {lab.page.evaluate(_ACTIVE_PATH_JS)!r}") from None


def last_cell_link(lab: labdriver.LabPage, label: str):
    """The link in the rendered paragraph that starts with ``label`` ("Next:" or "Back to the map:") of the last cell."""
    # JupyterLab attaches only the cells near the view: scroll the notebook to its last cell first.
    last_index = lab.page.evaluate(_SCROLL_TO_LAST_JS)
    last = lab.page.locator(f"{labdriver.PANEL} .jp-Notebook .jp-Cell[data-windowed-list-index='{last_index}']")
    last.first.wait_for(timeout=15_000)
    para = last.locator(".jp-RenderedMarkdown p").filter(has_text=label)
    para.first.wait_for(timeout=15_000)
    links = para.first.locator("a")
    assert links.count() >= 1, f"the {label!r} line of the last cell has no link: {para.first.inner_text()!r}"
    return links.first


@pytest.mark.timeout(600)
def test_next_links_lead_from_00_through_every_notebook_and_back_to_the_map(lab: labdriver.LabPage) -> None:
    path = the_path()
    lab.open(path[0])
    for there in path[1:]:
        last_cell_link(lab, "Next:").click()
        wait_active(lab, there)  # the click opened the next notebook on the path, in the active tab
        lab.page.locator(labdriver.PANEL).first.wait_for(timeout=30_000)
        lab.page.evaluate(_CLOSE_OTHERS_JS)
        shut_down_others(lab, there)
    home = last_cell_link(lab, "Back to the map:")
    href = home.get_attribute("href") or ""  # JupyterLab rewrites it to /files/...?_xsrf=...#anchor
    assert "notebooks/00_start_here.ipynb" in href and href.endswith(f"#{MAP_ANCHOR}"), href
    home.click()
    wait_active(lab, START)
    lab.needs_reload = True  # two notebooks may be open: the next test starts from a clean page
    lab.server.shut_down_kernels()


@pytest.mark.xfail(
    reason="JupyterLab 4.6 opens 00 from the exercise's 'Back to the map' link at the notebook's top, not at the map's "
    "heading (the view's scrollTop stays 0, with windowingMode full or none; seen 7 Dec 2026), while the same anchor "
    "clicked inside 00 does scroll: the cross-notebook case of jupyterlab/jupyterlab#15207 (a 4.0 regression)",
    strict=False,
)
@pytest.mark.timeout(300)
def test_back_to_the_map_opens_00_scrolled_to_the_map(lab: labdriver.LabPage) -> None:
    lab.open(EXERCISES[-1])
    home = last_cell_link(lab, "Back to the map:")
    home.click()
    wait_active(lab, START)
    lab.needs_reload = True
    # The map's heading is scrolled into the notebook's view, not left at the top of 00.
    try:
        lab.page.wait_for_function(f"(sel) => ({_MAP_IN_VIEW_JS})(sel).ok", arg=labdriver.PANEL, timeout=15_000)
    except Exception:
        seen = lab.page.evaluate(_MAP_IN_VIEW_JS, labdriver.PANEL)
        raise AssertionError(f"'Back to the map' opened 00 but not at the map: {seen}") from None
    finally:
        lab.server.shut_down_kernels()


# --------------------------------------------------------------------------------------------------------------------
# The projector
# --------------------------------------------------------------------------------------------------------------------
NOTEBOOK = "solutions/teacher_class_dashboard.ipynb"
QUESTION = "04-check-measures"
WRONG = "RSIS is more accurate than 38 North"
NAMES = ("Zofia Quartermaine", "Ignatius Bellwether", "Oluwaseun Marchetti", "Priya Vandersloot")


def make_class(folder: Path, homes: Path) -> str:
    """Four learners: three choose the same wrong option of QUESTION, one the course's reading. Returns the key."""
    from summitkit import grading

    spec = grading.course_questions()[0][QUESTION].spec
    key = spec["answer"]
    assert WRONG in spec["options"] and WRONG != key
    for n, name in enumerate(NAMES):
        learner = Learner(homes / f"learner{n}")
        learner.answer(QUESTION, key if n == 3 else WRONG)
        learner.answer("04-invitation", "2018-05")
        learner.export(folder, name, f"learner{n}@example.edu")
    return key


@pytest.mark.timeout(420)
def test_projector_shows_the_class_split_large_with_the_reading_marked_and_no_names(
    lab: labdriver.LabPage, artifacts_dir: Path, tmp_path: Path
) -> None:
    folder = lab.server.root / "solutions" / "class-exports"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        key = make_class(folder, tmp_path)
        assert len(list(folder.glob("*.json"))) == len(NAMES)
        lab.open(NOTEBOOK)
        lab.run_all(timeout=180)
        report = labdriver.check_open_notebook(lab, NOTEBOOK, click=False)
        assert not report.problems, "\n".join(report.problems)
        index = labdriver.cell_index(lab, "projector.show(")
        cell = lab.cell(index)
        view = cell.locator(".summit-projector")
        assert view.count() == 1, "the projector cell shows no .summit-projector view"
        text = view.first.inner_text()
        assert f"{len(NAMES)} learner(s); no names are shown." in text
        section = view.first.locator(f"section[aria-label='question {QUESTION}']")
        assert section.count() == 1, f"no section for {QUESTION} in the projector view"
        # Large: the view's text is bigger than the notebook's own Markdown body text.
        sizes = lab.page.evaluate(
            """([panelSel, index]) => {
                 const px = (e) => parseFloat(getComputedStyle(e).fontSize);
                 const panel = document.querySelector(panelSel);
                 const body = panel.querySelector('.jp-MarkdownCell .jp-RenderedMarkdown p');
                 const cell = panel.querySelectorAll('.jp-Notebook .jp-Cell')[index];
                 const bar = cell.querySelector('.summit-projector .summit-bar');
                 return {body: px(body), view: px(cell.querySelector('.summit-projector')), bar: bar ? px(bar) : 0};
               }""",
            [labdriver.PANEL, index],
        )
        assert sizes["view"] > sizes["body"] and sizes["bar"] > sizes["body"], sizes
        # The course's reading is marked on its own bar, and only there.
        keyed = section.locator(".summit-bar").filter(has=lab.page.locator(".summit-keyed"))
        assert keyed.count() == 1 and key in keyed.first.inner_text(), section.inner_text()
        assert "25% (1)" in keyed.first.inner_text()
        wrong_bar = section.locator(".summit-bar").filter(has_text=WRONG)
        assert wrong_bar.count() == 1 and "75% (3)" in wrong_bar.first.inner_text()
        assert wrong_bar.first.locator(".summit-keyed").count() == 0
        # The class's majority chose a wrong option: the banner says so and names it.
        banner = section.locator(".summit-differs")
        assert banner.count() == 1 and WRONG in banner.first.inner_text(), section.inner_text()
        # No name, no address, no file name anywhere in the projector's output.
        output = cell.locator(".jp-OutputArea").first.inner_text()
        for n, name in enumerate(NAMES):
            for part in (name, *name.split(), f"learner{n}@example.edu"):
                assert part not in output, f"{part!r} appears in the projector view"
        assert "summit-export" not in output and ".json" not in output
        shot = artifacts_dir / "screenshots" / "classroom__projector.png"
        lab.screenshot_cells(shot, [index])
        assert shot.is_file()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------------------------------------------------
# Twelve tabs
# --------------------------------------------------------------------------------------------------------------------
# Per notebook tab: the full name, and the text a learner can see (the part before the ellipsis, if it is cut), and
# whether the tab is inside the tab bar's visible width at all.
_TAB_LABELS_JS = """
() => {
  const bar = document.querySelector('.lm-DockPanel-tabBar');
  const barBox = bar.getBoundingClientRect();
  return [...bar.querySelectorAll('.lm-TabBar-tab')].map(tab => {
    const label = tab.querySelector('.lm-TabBar-tabLabel');
    const full = label.textContent;
    const box = tab.getBoundingClientRect();
    const onScreen = box.width > 0 && box.left >= barBox.left - 1 && box.right <= barBox.right + 1;
    let visible = full;
    if (label.scrollWidth > label.clientWidth + 1 && label.firstChild) {
      const range = document.createRange();
      const limit = label.getBoundingClientRect().left + label.clientWidth;
      const cut = getComputedStyle(label).textOverflow === 'ellipsis';  // JupyterLab 4.6 clips, with no '…'
      const ellipsis = !cut ? 0 : (() => { const c = document.createElement('canvas').getContext('2d');
                                          c.font = getComputedStyle(label).font; return c.measureText('…').width; })();
      let n = 0;
      for (let i = 1; i <= full.length; i++) {
        range.setStart(label.firstChild, 0); range.setEnd(label.firstChild, i);
        if (range.getBoundingClientRect().right + ellipsis <= limit + 0.5) n = i; else break;
      }
      visible = full.slice(0, n) + (cut ? '…' : '');
    }
    return {full, visible: onScreen ? visible : '', width: Math.round(box.width), on_screen: onScreen};
  });
}
"""

VIEWPORT = {"width": 1366, "height": 768}


@pytest.mark.xfail(
    reason="JupyterLab 4.6 gives each of twelve tabs about 85 px at 1366x768 with the file browser open and clips the "
    "name to its first 4-5 characters ('00_st', '01_th', ...), so a lesson and its exercise look the same; no JupyterLab "
    "setting sets a tab's width or label (a document's tab shows its file name), so only renaming the notebooks with a "
    "distinguishing prefix (L01_/E01_) would fix it. test-artifacts/twelve_tabs.json records the labels",
    strict=True,
)
@pytest.mark.timeout(600)
def test_twelve_tabs_at_1366x768_show_distinct_names(lab: labdriver.LabPage, artifacts_dir: Path) -> None:
    """Issue 23: tab names stay distinct when twelve notebooks are open on a small laptop with the file browser open."""
    page = lab.page
    before = page.viewport_size
    notebooks = [nb for pair in zip(LESSONS, EXERCISES, strict=True) for nb in pair]
    try:
        page.set_viewport_size(VIEWPORT)
        lab.open(notebooks[0], reload=True)
        page.evaluate("async () => { await window.jupyterapp.commands.execute('filebrowser:activate'); }")
        for nb in notebooks[1:]:
            page.evaluate("async (p) => { await window.jupyterapp.commands.execute('docmanager:open', {path: p}); }", nb)
            wait_active(lab, nb)
        tabs = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab")
        assert tabs.count() == 12, f"{tabs.count()} tabs open"
        assert page.locator("#filebrowser").first.is_visible(), "the file browser is not open beside the notebooks"
        lab.settle(quiet_ms=300)
        labels = page.evaluate(_TAB_LABELS_JS)
        bar = page.locator(".lm-DockPanel-tabBar").first
        bar.screenshot(path=str(artifacts_dir / "screenshots" / "classroom__twelve_tabs.png"))
        page.screenshot(path=str(artifacts_dir / "screenshots" / "classroom__twelve_tabs_window.png"))
        (artifacts_dir / "twelve_tabs.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False), encoding="utf-8")
        assert sorted(t["full"] for t in labels) == sorted(Path(nb).name for nb in notebooks)
        shown = [t["visible"] for t in labels]
        hidden = [t["full"] for t in labels if not t["on_screen"]]
        assert not hidden, f"tabs outside the tab bar's width: {hidden}; visible labels: {shown}"
        assert len(set(shown)) == len(shown), f"tab labels a learner cannot tell apart: {shown}"
    finally:
        page.set_viewport_size(before or {"width": 1280, "height": 900})
        lab.needs_reload = True
        lab.server.shut_down_kernels()
