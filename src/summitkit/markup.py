"""HTML for the notebooks' outputs and widgets: escaped by default, styled by class from one stylesheet.

Every piece of HTML the package shows is built here. Text is escaped unless it is already
:class:`Markup` (HTML this module built), so a learner's answer or a data row can never turn
into markup. Looks come from CSS classes (``summit-…``) defined once in :data:`STYLESHEET`,
not from inline styles scattered through the code.

>>> str(el("b", "Kim & <Putin>"))
'<b>Kim &amp; &lt;Putin&gt;</b>'
>>> str(el("div", el("i", "quoted"), " and ", "<plain>", cls="summit-note", role="status"))
'<div class="summit-note" role="status"><i>quoted</i> and &lt;plain&gt;</div>'
>>> str(el("td", "x", colspan=2, aria_label="a \\"cell\\""))
'<td colspan="2" aria-label="a &quot;cell&quot;">x</td>'
>>> str(join(["a", el("br"), "<b>"]))
'a<br>&lt;b&gt;'
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable

#: Elements that take no children and no closing tag.
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "wbr"})


class Markup(str):
    """A string of HTML that is safe to show as it is (built by this module, or a trusted constant)."""

    def __html__(self) -> str:
        return str(self)


def esc(value: object) -> Markup:
    """``value`` as text inside HTML: escaped, unless it is already :class:`Markup`.

    >>> esc("<script>") , esc(Markup("<br>"))
    ('&lt;script&gt;', '<br>')
    """
    if isinstance(value, Markup):
        return value
    return Markup(_html.escape("" if value is None else str(value), quote=True))


def raw(text: str) -> Markup:
    """Trusted HTML written in the package's own code (never learner or data text)."""
    return Markup(text)


def join(parts: Iterable[object], sep: object = "") -> Markup:
    """The parts one after another (each escaped unless Markup), separated by ``sep``."""
    return Markup(esc(sep).join(esc(p) for p in parts))


def _attr_name(name: str) -> str:
    if name in ("cls", "class_"):
        return "class"
    return name.rstrip("_").replace("_", "-")


def el(tag: str, *children: object, **attrs: object) -> Markup:
    """One element: ``el("p", "text", cls="summit-note")``. Children and attribute values are escaped.

    An attribute whose value is ``None`` or ``False`` is left out; ``True`` writes the bare name.
    Underscores in attribute names become hyphens (``aria_live`` -> ``aria-live``); ``cls`` is ``class``.
    """
    rendered = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        key = _attr_name(name)
        rendered.append(f" {key}" if value is True else f' {key}="{esc(value)}"')
    opening = f"<{tag}{''.join(rendered)}>"
    if tag in _VOID:
        return Markup(opening)
    return Markup(f"{opening}{join(children)}</{tag}>")


class Cell:
    """A table cell with attributes (``cell(3, cls="summit-num")``, ``cell("x", colspan=2)``); see :func:`table`."""

    def __init__(self, content: object, header: bool = False, **attrs: object) -> None:
        self.content, self.header, self.attrs = content, header, attrs

    def render(self, default_tag: str, **defaults: object) -> Markup:
        return el("th" if self.header else default_tag, self.content, **{**defaults, **self.attrs})


def cell(content: object, header: bool = False, **attrs: object) -> Cell:
    """A cell with attributes for :func:`table`; ``header=True`` makes it a ``<th>``."""
    return Cell(content, header, **attrs)


def num(value: object) -> Cell:
    """A number cell, aligned right."""
    return Cell(value, cls="summit-num")


def _cell(content: object, tag: str, **defaults: object) -> Markup:
    return content.render(tag, **defaults) if isinstance(content, Cell) else el(tag, content, **defaults)


def table(
    header: Iterable[object],
    rows: Iterable[Iterable[object]],
    caption: object = None,
    cls: str = "summit-table",
    row_headers: bool = True,
) -> Markup:
    """A table with a header row; cells escaped unless Markup; the first cell of each row is its header
    (unless ``row_headers`` is false). A :func:`cell` carries attributes.

    >>> str(table(["", "a"], [["row", 1]]))
    '<table class="summit-table"><thead><tr><th scope="col"></th><th scope="col">a</th></tr></thead><tbody><tr><th scope="row">row</th><td>1</td></tr></tbody></table>'
    >>> str(table(["n"], [[num(3)]], row_headers=False))
    '<table class="summit-table"><thead><tr><th scope="col">n</th></tr></thead><tbody><tr><td class="summit-num">3</td></tr></tbody></table>'
    """
    head = el("thead", el("tr", *(_cell(h, "th", scope="col") for h in header)))
    body_rows = []
    for row in rows:
        cells = list(row)
        if not cells:
            continue
        first = [_cell(cells[0], "th", scope="row")] if row_headers else [_cell(cells[0], "td")]
        body_rows.append(el("tr", *first, *(_cell(c, "td") for c in cells[1:])))
    parts = [el("caption", caption)] if caption is not None else []
    return el("table", *parts, head, el("tbody", *body_rows), cls=cls)


def highlight(text: str, needle: str) -> Markup:
    """``text`` escaped, with every occurrence of ``needle`` (case ignored) inside ``<mark>``.

    >>> str(highlight("Kim & Putin met; kim left", "kim"))
    '<mark>Kim</mark> &amp; Putin met; <mark>kim</mark> left'
    """
    if not needle:
        return esc(text)
    pieces = re.split(f"({re.escape(needle)})", text, flags=re.IGNORECASE)
    return join(el("mark", piece) if i % 2 else piece for i, piece in enumerate(pieces))


def details(summary: object, *body: object, open: bool = False) -> Markup:  # the HTML attribute's name
    """A disclosure: ``summary`` always shown, ``body`` on a click."""
    return el("details", el("summary", summary), *body, open=open)


#: The one stylesheet. Colours are Paul Tol's and Okabe-Ito's colour-blind-safe palettes; contrast with
#: the background is at least 4.5:1 for text. Every output that uses a class carries it (see :func:`page`).
STYLESHEET = """
.summit{max-width:100%;line-height:1.45;overflow-wrap:anywhere}
.summit h3,.summit h4{margin:0.3em 0}
.summit .summit-muted{color:#555}
.summit .summit-note{color:#444;font-size:0.92em}
.summit .summit-box{border:1px solid #bbb;padding:0.5em;margin:0.5em 0}
.summit .summit-outside{border:2px dashed #555;padding:0.4em 0.8em;max-width:46em}
.summit .summit-quote{margin:0.3em 0;padding-left:0.8em;border-left:3px solid #888}
.summit .summit-paraphrase{background:#f4f4f4;padding:0.4em}
.summit .summit-claim{max-width:70em}
.summit .summit-citation-problem{margin:0.3em 0}
.summit .summit-quote-problem{margin:0.3em 0}
.summit .summit-teacher-feedback{border-left:0.3em solid #228833;padding:0.2em 0.5em;margin:0.3em 0}
.summit .summit-projector{font-size:1.5em;line-height:1.35}
.summit .summit-projector h2{font-size:1.3em;margin:0.6em 0 0.2em}
.summit .summit-bar{display:flex;flex-wrap:wrap;align-items:center;gap:0.4em;margin:0.15em 0}
.summit .summit-bar-fill{display:inline-block;height:0.9em;background:#4477aa;min-width:2px}
.summit .summit-differs{border-left:0.4em solid #cc6677;padding-left:0.5em;margin:0.4em 0}
.summit .summit-keyed{font-weight:bold}
.summit .summit-columns{display:flex;flex-wrap:wrap;gap:0.5em;margin:0.4em 0}
.summit .summit-column{flex:1 1 18em;min-width:min(16em,100%);padding:0 0.5em}
.summit .summit-panels{display:flex;flex-wrap:wrap;gap:1.5em}
.summit .summit-panel{flex:1 1 18em;min-width:min(16em,100%)}
.summit .summit-table{border-collapse:collapse;max-width:100%}
.summit .summit-table th,.summit .summit-table td{text-align:left;vertical-align:top;padding:0.2em 0.5em}
.summit .summit-table .summit-num{text-align:right}
.summit .summit-table .summit-center{text-align:center}
.summit .summit-list{padding-left:1.2em}
.summit .summit-list li{margin-bottom:0.4em}
.summit .summit-outline{list-style:none;padding-left:1em}
.summit .summit-page{max-width:46em;line-height:1.5}
.summit .summit-page p{font-size:1.05em}
.summit .summit-verdict{border-left:4px solid #777;padding-left:0.6em;margin:0.3em 0}
.summit .summit-verdict-correct{border-left-color:#1b7837}
.summit .summit-verdict-partial{border-left-color:#b35806}
.summit .summit-verdict-wrong{border-left-color:#762a83}
.summit .summit-verdict-saved{border-left-color:#2166ac}
.summit .summit-alert{border-left:4px solid #b35806;padding-left:0.6em;margin:0.3em 0}
.summit .summit-alert pre{white-space:pre-wrap;font-size:0.85em}
.summit .summit-flag{font-weight:bold}
.summit .summit-flag-contradiction{font-weight:bold;border-bottom:2px solid #997700}
.summit .summit-flag-apparent{font-weight:bold;border-bottom:2px dotted #555}
.summit .summit-figure{margin:0}
.summit .summit-figure img{max-width:100%;height:auto}
.summit .summit-figure figcaption{max-width:46em;color:#333}
.summit mark{background:#ffe680;color:inherit}
.summit .summit-download{font-weight:bold;text-decoration:underline;color:#0b5cad}
.summit .summit-offline{color:#444;font-style:italic}
.summit .summit-grades th,.summit .summit-grades td{overflow-wrap:normal}
.summit .summit-prompt{font-size:1.05em}
.summit .summit-answer{background:#f4f4f4;padding:0.4em}
.summit-question{max-width:100%}
.summit-question .summit-row-label{padding-top:0.3em}
.summit-question .summit-statement{margin:0.3em 0}
.summit-question .widget-inline-hbox.widget-checkbox,.summit-question .widget-radio-box label{height:auto;min-height:var(--jp-widgets-inline-height)}
.summit-question .widget-label-basic,.summit-question .widget-label-basic span,.summit-question .widget-radio-box label{white-space:normal;overflow:visible;text-overflow:clip;line-height:1.35}
.summit-question .widget-radio-box label{margin-bottom:0.25em}
.summit-widget,.summit-question{max-width:100%;box-sizing:border-box}
.summit-widget .widget-inline-hbox,.summit-question .widget-inline-hbox{max-width:calc(100% - 2 * var(--jp-widgets-margin, 2px)) !important}
.summit-widget select,.summit-question select{max-width:100%}
.summit-widget .widget-hbox,.summit-question .widget-hbox{flex-wrap:wrap;max-width:100%}
.summit-widget .widget-html,.summit-question .widget-html{max-width:100%}
.summit-widget img{max-width:100%;height:auto}
.summit-question.summit-question :focus-visible,.summit-widget.summit-widget :focus-visible{outline:3px solid #1a5fb4 !important;outline-offset:1px}
.summit-question .summit-pick.widget-inline-hbox{width:auto;flex:1 1 20em;flex-wrap:wrap;align-items:center;height:auto;gap:0.2em 0.6em}
.summit-question .summit-pick > .widget-label{flex:1 1 12em;width:auto;min-width:0;max-width:100%;white-space:normal;overflow:visible;text-overflow:clip;text-align:left;line-height:1.35;height:auto;margin:0}
.summit-question .summit-pick > select{flex:0 1 14em;width:auto;min-width:7em}
.summit-question .summit-order-pick > select{order:-1;flex:0 0 4.5em;min-width:4.5em}
.summit-question .summit-item-row{max-width:46em;align-items:center;gap:0.2em;margin-bottom:0.2em}
.summit-question .summit-item-row .jupyter-button{width:2.6em;margin:0}
.summit-question .summit-mark-slot{flex:0 0 auto;min-width:0}
.summit-question .summit-mark{font-weight:bold;white-space:nowrap;padding:0 0.3em}
.summit-question .summit-mark-right{color:#1b7837}
.summit-question .summit-mark-wrong{color:#762a83}
.summit-question .summit-stacked.widget-inline-hbox{flex-direction:column;align-items:flex-start;width:100%;height:auto}
.summit-question .summit-stacked > .widget-label{width:auto;text-align:left;white-space:normal;margin-bottom:0.2em}
.summit-question .summit-stacked > input,.summit-question .summit-stacked > textarea{width:100%;max-width:46em;box-sizing:border-box}
.summit-question .summit-typed.widget-inline-hbox{width:auto;max-width:100%}
.summit-question .summit-typed > .widget-label{width:auto;white-space:normal}
.summit-question .summit-typed > input{min-width:6em;max-width:min(20em, 100%)}
.summit-question .summit-buttons .jupyter-button{margin:0.15em 0.3em 0.15em 0}
.summit-question .summit-code-error{color:#222}
.summit .summit-error{border-left:4px solid #762a83;padding:0.3em 0.6em;max-width:46em}
.summit .summit-error pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:0.85em}
.summit-widget .widget-label,.summit-question .widget-label{white-space:normal;overflow:visible;text-overflow:clip;height:auto}
.summit-question .widget-html-content,.summit-widget .widget-html-content{line-height:1.45}
.summit-widget .summit-slider{width:100%;max-width:30em}
.summit-widget .summit-slider > .widget-label{width:auto;white-space:normal}
""".strip()

#: What makes the widgets speak to screen readers where ipywidgets gives no way to set ARIA attributes (shown once per
#: question and per lesson as a JavaScript output; it only adds attributes, so without it everything still works, only
#: quieter). An HTML widget marked ``summit-live`` keeps one element across updates (ipywidgets replaces its inner HTML),
#: which becomes the live region (``role=status``, ``aria-live=polite``; ``summit-live-all``: read whole); the inner
#: ``role=status`` kept for pages without the script is dropped, so nothing is announced twice. The handles of a slider
#: marked ``summit-slider`` are named after its label ("Years from", "Years to"). The radio buttons of a question become one
#: group (Tab enters once, arrows choose), and the keys pressed on our dropdowns, radio buttons, checkboxes, buttons and
#: sliders stay theirs: JupyterLab would otherwise take the arrows to move between cells and letters to edit cells.
ACCESSIBILITY_SCRIPT = """
(() => {
  if (window.__summitkitA11y) return;
  window.__summitkitA11y = true;
  const LIVE = '.summit-live > .widget-html-content';
  const quiet = (region) => region.querySelectorAll('[role=status]').forEach(e => e.removeAttribute('role'));
  const apply = () => {
    document.querySelectorAll(LIVE).forEach(region => {
      if (!region.hasAttribute('role')) {
        region.setAttribute('role', 'status');
        region.setAttribute('aria-live', 'polite');
        region.setAttribute('aria-atomic', region.parentElement.classList.contains('summit-live-all') ? 'true' : 'false');
      }
      quiet(region);
    });
    document.querySelectorAll('.summit-question .widget-radio-box').forEach(group);
    document.querySelectorAll('.summit-slider .noUi-handle').forEach(handle => {
      const box = handle.closest('.summit-slider');
      const label = box.querySelector('.widget-label');
      const name = ((label && label.textContent) || 'value').trim().replace(/:$/, '');
      const end = handle.classList.contains('noUi-handle-lower') ? ' from' : handle.classList.contains('noUi-handle-upper') ? ' to' : '';
      if (handle.getAttribute('aria-label') !== name + end) handle.setAttribute('aria-label', name + end);
    });
  };
  // JupyterLab's command-mode shortcuts act on any key that reaches the document (arrows move to another cell, letters
  // change or delete cells), so a dropdown, a radio button, a checkbox, a button or a slider of ours keeps its keys.
  const OURS = '.summit-question, .summit-widget';
  const CONTROLS = 'select, input[type=radio], input[type=checkbox], button, .noUi-handle, [role=slider]';
  document.body.addEventListener('keydown', event => {
    const target = event.target;
    if (!(target instanceof Element) || !target.matches(CONTROLS) || !target.closest(OURS)) return;
    if (event.key === 'Tab' || event.key === 'Escape' || event.ctrlKey || event.metaKey || (event.key === 'Enter' && event.shiftKey)) return;
    event.stopPropagation();
  });
  const group = box => {
    const radios = box.querySelectorAll('input[type=radio]');
    if (radios.length && !radios[0].name) {
      const name = 'summit-radio-' + Math.random().toString(36).slice(2);
      radios.forEach(r => { r.name = name; });  // one group: Tab enters it once, the arrow keys choose
    }
  };
  let queued = false;
  new MutationObserver(records => {
    for (const r of records) {
      const region = r.target.closest ? r.target.closest(LIVE) : null;
      if (region) quiet(region);
    }
    if (!queued) { queued = true; setTimeout(() => { queued = false; apply(); }, 0); }
  }).observe(document.body, {childList: true, subtree: true});
  apply();
})();
""".strip()


#: Classes that keep JupyterLab's mathematics typesetting out: a learner named "$x$", or a "$" in a data row,
#: stays text instead of turning into a formula.
NO_MATHS = "tex2jax_ignore mathjax_ignore"


def page(*children: object, cls: str = "summit") -> Markup:
    """A block of package HTML with the stylesheet: what a notebook output or an HTML widget shows.

    >>> "mathjax_ignore" in page("$x$") and "$x$" in page("$x$")
    True
    """
    return Markup(f"<style>{STYLESHEET}</style>{el('div', *children, cls=f'{cls} {NO_MATHS}')}")


#: The stylesheet of the printable pages (:func:`document`): the handout of the texts, the worksheet, the answer key.
#: Made to be printed from a browser: serif text, numbers in a margin, no page break inside a question.
PRINT_STYLESHEET = """
body{font-family:Georgia,"Times New Roman",serif;font-size:11.5pt;line-height:1.45;color:#111;max-width:44em;margin:1.5em auto;padding:0 1em}
h1{font-size:1.45em;line-height:1.2;margin:0.2em 0 0.4em}
h2{font-size:1.2em;margin:1.2em 0 0.4em;break-after:avoid}
h3{font-size:1.05em;margin:1em 0 0.3em;break-after:avoid}
p{margin:0 0 0.6em;orphans:3;widows:3}
a{color:#0b4f8a}
code{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:0.92em}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:0.15em 0.4em;border-bottom:1px solid #ccc}
.summit-doc-meta{font-size:0.92em;color:#333;border-left:3px solid #888;padding-left:0.7em;margin:0 0 1em}
.summit-doc-note{font-size:0.9em;color:#333}
.summit-doc-part{break-before:page}
.summit-doc-part:first-of-type{break-before:auto}
.summit-para{display:flex;gap:0.7em;margin:0 0 0.6em}
.summit-para-number{flex:0 0 3.4em;text-align:right;font-family:"DejaVu Sans",Arial,sans-serif;font-weight:bold;font-size:0.85em;padding-top:0.15em;color:#333}
.summit-para-text{flex:1 1 auto;margin:0}
.summit-item{break-inside:avoid;margin:0 0 1em;padding-top:0.3em;border-top:1px solid #ddd}
.summit-question-id{font-family:"DejaVu Sans",Arial,sans-serif;font-size:0.8em;color:#555}
.summit-how{font-style:italic;font-size:0.92em;margin:0.2em 0}
.summit-choices{margin:0.2em 0 0.2em 0.6em;padding:0;list-style:none}
.summit-choices li{margin:0.15em 0}
.summit-write{border-bottom:1px solid #777;height:1.9em}
.summit-key{font-size:7.6pt;line-height:1.22;columns:2;column-gap:1.4em}
.summit-key h2{font-size:1.05em;margin:0.5em 0 0.15em;break-after:avoid}
.summit-key .summit-key-line{margin:0 0 0.2em;break-inside:avoid}
.summit-key-title{font-size:1.2em}
@page{margin:16mm 15mm}
@media print{body{margin:0;max-width:none;padding:0}a{color:inherit;text-decoration:none}}
""".strip()


def document(title: str, *children: object, lang: str = "en", stylesheet: str = PRINT_STYLESHEET) -> Markup:
    """A whole HTML page (doctype, head, title, stylesheet): what a printable file holds.

    >>> page_ = document("Kim & Putin", el("p", "<text>"))
    >>> page_.startswith("<!doctype html>") and "<title>Kim &amp; Putin</title>" in page_ and "&lt;text&gt;" in page_
    True
    """
    head = el(
        "head",
        el("meta", charset="utf-8"),
        el("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("title", title),
        el("style", raw(stylesheet)),
    )
    return Markup("<!doctype html>\n" + el("html", head, el("body", *children, cls=NO_MATHS), lang=lang) + "\n")


class Shown:
    """HTML a notebook displays (IPython calls ``_repr_html_``); ``str()`` gives the HTML too."""

    def __init__(self, markup: Markup) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return str(page(self.markup))

    def __str__(self) -> str:
        return str(self.markup)
