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


def table(header: Iterable[object], rows: Iterable[Iterable[object]], caption: object = None, cls: str = "summit-table") -> Markup:
    """A table with a header row; cells escaped unless Markup; the first cell of each row is its header.

    >>> str(table(["", "a"], [["row", 1]]))
    '<table class="summit-table"><thead><tr><th scope="col"></th><th scope="col">a</th></tr></thead><tbody><tr><th scope="row">row</th><td>1</td></tr></tbody></table>'
    """
    head = el("thead", el("tr", *(el("th", h, scope="col") for h in header)))
    body_rows = []
    for row in rows:
        cells = list(row)
        if not cells:
            continue
        body_rows.append(el("tr", el("th", cells[0], scope="row"), *(el("td", c) for c in cells[1:])))
    parts = [el("caption", caption)] if caption is not None else []
    return el("table", *parts, head, el("tbody", *body_rows), cls=cls)


def details(summary: object, *body: object, open: bool = False) -> Markup:  # noqa: A002 - the HTML attribute's name
    """A disclosure: ``summary`` always shown, ``body`` on a click."""
    return el("details", el("summary", summary), *body, open=open)


#: The one stylesheet. Colours are Paul Tol's and Okabe-Ito's colour-blind-safe palettes; contrast with
#: the background is at least 4.5:1 for text. Every output that uses a class carries it (see :func:`page`).
STYLESHEET = """
.summit{max-width:100%;line-height:1.45;overflow-wrap:anywhere}
.summit .summit-muted{color:#555}
.summit .summit-note{color:#444;font-size:0.92em}
.summit .summit-box{border:1px solid #bbb;padding:0.5em;margin:0.5em 0}
.summit .summit-outside{border:2px dashed #555;padding:0.4em 0.8em;max-width:46em}
.summit .summit-quote{margin:0.3em 0;padding-left:0.8em;border-left:3px solid #888}
.summit .summit-paraphrase{background:#f4f4f4;padding:0.4em}
.summit .summit-columns{display:flex;flex-wrap:wrap;gap:0.5em;margin:0.4em 0}
.summit .summit-column{flex:1 1 18em;min-width:min(16em,100%);padding:0 0.5em}
.summit .summit-table{border-collapse:collapse;max-width:100%}
.summit .summit-table th,.summit .summit-table td{text-align:left;vertical-align:top;padding:0.2em 0.5em;max-width:30em}
.summit .summit-verdict{border-left:4px solid #777;padding-left:0.6em}
.summit .summit-verdict-correct{border-left-color:#1b7837}
.summit .summit-verdict-partial{border-left-color:#b35806}
.summit .summit-verdict-wrong{border-left-color:#762a83}
.summit .summit-verdict-saved{border-left-color:#2166ac}
.summit .summit-flag{font-weight:bold}
.summit mark{background:#ffe680;color:inherit}
.summit .summit-prompt{font-size:1.05em}
.summit .summit-answer{background:#f4f4f4;padding:0.4em}
.summit-question{max-width:100%}
.summit-question .summit-row-label{padding-top:0.3em}
.summit-question .summit-statement{margin:0.3em 0}
.summit-question .widget-inline-hbox.widget-checkbox,.summit-question .widget-radio-box label{height:auto;min-height:var(--jp-widgets-inline-height)}
.summit-question .widget-label-basic,.summit-question .widget-label-basic span,.summit-question .widget-radio-box label{white-space:normal;overflow:visible;text-overflow:clip;line-height:1.35}
.summit-question .widget-radio-box label{margin-bottom:0.25em}
""".strip()


def page(*children: object, cls: str = "summit") -> Markup:
    """A block of package HTML with the stylesheet: what a notebook output or an HTML widget shows."""
    return Markup(f"<style>{STYLESHEET}</style>{el('div', *children, cls=cls)}")


class Shown:
    """HTML a notebook displays (IPython calls ``_repr_html_``); ``str()`` gives the HTML too."""

    def __init__(self, markup: Markup) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return str(page(self.markup))

    def __str__(self) -> str:
        return str(self.markup)
