"""One HTML helper: the package's HTML is built by summitkit.markup (escaped by default, styled by class from one
stylesheet), and every view escapes data and learner text, whatever a row of data holds."""

from __future__ import annotations

import ast
import csv
import re

from summitkit import codegraph, markup

#: Modules that may write HTML by hand: the helper itself, and the question widgets while they are rewritten as classes.
HAND_WRITTEN_HTML_ALLOWED = ("summitkit.markup", "summitkit.quiz.")
_TAG = re.compile(
    r"<\s*/?\s*(?:div|span|p|b|i|table|tr|td|th|ul|ol|li|h\d|details|summary|blockquote|br|img|figure|code|mark)\b", re.I
)


def _strings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_no_module_writes_html_or_inline_styles_by_hand():
    found = []
    for module, path in codegraph.module_files().items():
        if module.startswith(HAND_WRITTEN_HTML_ALLOWED):
            continue
        for line, text in _strings(path):
            if _TAG.search(text) or re.search(r"\bstyle\s*=", text):
                found.append(f"{module} line {line}: {text[:60]!r}")
    assert found == []


def test_the_stylesheet_defines_every_class_the_package_uses():
    used = set()
    for module, path in codegraph.module_files().items():
        if module.startswith("summitkit.quiz."):
            continue
        used |= set(re.findall(r"cls=\"([^\"]+)\"", path.read_text(encoding="utf-8")))
    classes = {c for group in used for c in group.split()}
    sheets = markup.STYLESHEET + markup.PRINT_STYLESHEET  # the notebooks' outputs, and the printable pages
    assert classes and all(f".{c}" in sheets for c in classes), sorted(c for c in classes if f".{c}" not in sheets)


def test_el_esc_join_page_escape_by_default():
    assert str(markup.el("b", "<i>")) == "<b>&lt;i&gt;</b>"
    assert str(markup.join(["<", markup.el("br")])) == "&lt;<br>"
    assert markup.page("x").startswith("<style>") and f'<div class="summit {markup.NO_MATHS}">x</div>' in markup.page("x")
    assert str(markup.highlight("a <b> A", "a")) == "<mark>a</mark> &lt;b&gt; <mark>A</mark>"


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def _poison(data):
    """Put hostile text in every free-text column a teacher may edit (quotes must stay verbatim, so not those)."""
    for name, columns in (
        ("timeline.csv", ("event", "note")),
        ("stakes.csv", ("stake", "note", "actor")),
        ("claims.csv", ("topic", "explanation", "id")),
        ("sources.csv", ("outlet", "short", "genre", "author_note")),
    ):
        path = data / name
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        for row in rows[:2]:
            for column in columns:
                if column in row:
                    row[column] = (row[column] + " " + HOSTILE) if column not in ("id", "actor") else row[column] + "-x"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        if name == "stakes.csv":  # a new actor's name goes into actors.csv too, as the loader asks a teacher to do
            with (data / "actors.csv").open("a", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows([[a, ""] for a in dict.fromkeys(r["actor"] for r in rows[:2])])


def test_every_view_escapes_what_the_data_holds(data_copy):
    from summitkit import compare, reader, sourcing, stakes, tables, textstats, timeline
    from summitkit.citations import Citation

    _poison(data_copy)
    views = [
        timeline.table_html(),
        timeline.outside_html(tables.timeline()[0].id),
        timeline.versions_html(tables.timeline()[0].id),
        stakes.count_table_html(),
        stakes.motives_html(),
        *(stakes.card_html(a) for a in stakes.actors()),
        compare.framing_html(),
        *(compare.side_by_side(c.id) for c in tables.claims()[:3]),
        sourcing.compare_html(),
        sourcing.structure_html(),
        textstats.measures_html(),
        textstats.quotations_html(),
        reader.paragraph_html(Citation("rsis", 1), HOSTILE),
        timeline.figure()._repr_html_(),
        stakes.figure()._repr_html_(),
        compare.figure()._repr_html_(),
    ]
    assert any("&lt;script&gt;" in str(v) for v in views)  # the hostile text is shown, as text
    for shown in views:
        assert "<script" not in shown and "<img src=x" not in shown
    box = compare.claim_reader()
    assert "<script" not in box.page.value
