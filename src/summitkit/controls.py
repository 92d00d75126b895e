"""Widget controls the views share: a row that wraps on a narrow screen, the one pager, and the one way a
button or a menu gets its action (:func:`guard`): whatever goes wrong inside it is said in the page.

ipywidgets is imported when a control is made, never when this module is imported.

Why :func:`guard`: ipywidgets runs a button's action inside the kernel's message handling, where an
exception does not reach the notebook. It goes to JupyterLab's log, and the learner sees a button that
does nothing. Every action is therefore wrapped once, here, and a failure becomes a sentence in the page:
the progress store's own sentence (:class:`~summitkit.progress.ProgressError`), the course data's
(:class:`~summitkit.errors.CourseDataError`), or "something went wrong" with the details one click away.
"""

from __future__ import annotations

import traceback
import unicodedata
from collections.abc import Callable

from summitkit.errors import CourseDataError
from summitkit.markup import ACCESSIBILITY_SCRIPT, Markup, details, el, join, page
from summitkit.progress import ProgressError

#: What a learner reads when an action fails for a reason the package did not foresee.
SOMETHING_WENT_WRONG = (
    "Something went wrong, so this did not finish. Nothing you saved before is lost. Try again; "
    "if it happens again, show this message to your teacher."
)
DATA_ADVICE = "Show this to your teacher: the file needs fixing. Nothing you saved is lost."


def accessibility_script() -> None:
    """Inside IPython, display the script that gives the widgets their live regions and slider names
    (:data:`summitkit.markup.ACCESSIBILITY_SCRIPT`; it runs once per page however often it is shown). Nothing elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import Javascript, display
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    if get_ipython() is not None:
        display(Javascript(ACCESSIBILITY_SCRIPT))


def row(*children):  # -> ipywidgets.HBox
    """An HBox of controls that wraps when the notebook is narrow instead of running off the page."""
    import ipywidgets as w

    return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap", align_items="center", max_width="100%"))


def _text(value: object, limit: int = 4000) -> str:
    """Text safe to show (and to send to the browser): no broken or invisible characters, at most ``limit`` long."""
    try:
        text = value if isinstance(value, str) else str(value)
    except Exception:  # an error whose message cannot be written
        text = f"({type(value).__name__})"
    kept = "".join(ch for ch in text[: limit * 2] if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    return kept if len(kept) <= limit else kept[: limit - 1] + "…"


def alert_html(*parts: object) -> Markup:
    """A warning in the page (``role="alert"``, read out by screen readers), with the stylesheet."""
    return page(el("div", "⚠ ", *parts, role="alert", cls="summit-alert"))


def problem_html(exc: BaseException, advice: str = SOMETHING_WENT_WRONG) -> Markup:
    """What a learner is told when an action fails: the store's or the data's own sentence, else ``advice``
    ("something went wrong") with the details (the error and where it happened) behind a click, for the teacher."""
    if isinstance(exc, ProgressError):
        return alert_html(_text(exc, 1000))
    if isinstance(exc, CourseDataError):
        return alert_html(f"Problem in the course data: {_text(exc, 1000)} {DATA_ADVICE}")
    try:
        trace = "".join(traceback.format_exception(exc)[-12:])
    except Exception:  # a traceback that cannot be written out
        trace = type(exc).__name__
    detail = details("Details for your teacher", el("pre", _text(trace)))
    return alert_html(advice, f" ({type(exc).__name__})", detail)


def show_alert(status, html: str) -> None:  # an ipywidgets.HTML
    """Put ``html`` in ``status`` (an HTML widget), hidden while it is empty so it takes no room (a live area,
    :func:`alert_area` with ``live=True``, stays in the page: a screen reader only announces a region it already knows)."""
    status.value = html
    if "summit-live" not in getattr(status, "_dom_classes", ()):
        status.layout.display = "" if html else "none"


def alert_area(live: bool = False):  # -> ipywidgets.HTML
    """An empty, hidden HTML widget for :func:`guard` to say what went wrong in.

    ``live``: it also says how an action went ("✓ Saved ..."), so it is a live region, always in the page
    (marked ``summit-live``: :data:`~summitkit.markup.ACCESSIBILITY_SCRIPT` gives it ``role=status``; warnings in it
    keep their own ``role=alert``).
    """
    import ipywidgets as w

    status = w.HTML(layout=w.Layout(display="" if live else "none", width="100%"))
    status.add_class("summit-alerts")
    if live:
        status.add_class("summit-live")
        status.add_class("summit-live-all")
    return status


def guard(
    action: Callable[..., object], status, notices: Callable[[], list[str]] | None = None, advice: str = SOMETHING_WENT_WRONG
) -> Callable[..., None]:
    """``action`` made safe to run from a button (``on_click``) or a menu (``observe``): never raises.

    ``status`` is an HTML widget (:func:`alert_area`). It is emptied when the action starts (an old
    warning goes once things work); the action may write in it; after it, ``notices()`` (e.g.
    ``progress.take_notices``) are added, and if the action raised, what went wrong (:func:`problem_html`,
    with ``advice`` for an error the package did not foresee).
    """

    def handler(*args: object, **kwargs: object) -> None:
        try:
            show_alert(status, "")
        except Exception:  # a status that cannot be cleared is no reason not to act
            pass
        problem: BaseException | None = None
        try:
            action(*args, **kwargs)
        except Exception as exc:  # this is the point: the learner is told, in the page
            problem = exc
        try:
            said = [alert_html(_text(n, 1000)) for n in (notices() if notices else [])]
            if problem is not None:
                said.append(problem_html(problem, advice))
            if said:
                show_alert(status, str(status.value or "") + str(join(said)))
        except Exception:  # even saying it failed: say the least that can be said
            show_alert(status, str(alert_html(advice)))

    handler.__wrapped__ = action  # type: ignore[attr-defined]
    return handler


def on_click(
    button,
    action: Callable[[], object],
    status,
    notices: Callable[[], list[str]] | None = None,
    advice: str = SOMETHING_WENT_WRONG,
) -> None:
    """Give ``button`` its action, guarded (:func:`guard`): what goes wrong is said in ``status``."""
    button.on_click(guard(lambda _button=None: action(), status, notices, advice))


def uploaded_bytes(value: object) -> bytes | None:
    """The bytes of the one file chosen in an ipywidgets ``FileUpload`` (its ``value``), or None if none."""
    files = list(value.values()) if isinstance(value, dict) else list(value or ())
    if not files:
        return None
    content = files[0].get("content") if isinstance(files[0], dict) else getattr(files[0], "content", None)
    return bytes(content) if content is not None else None


def on_upload(upload, action: Callable[[bytes], object], status, notices: Callable[[], list[str]] | None = None) -> None:
    """Give a ``FileUpload`` its action on the chosen file's bytes, guarded (:func:`guard`) like a button's."""
    run = guard(lambda: None if (raw := uploaded_bytes(upload.value)) is None else action(raw), status, notices)
    upload.observe(lambda _change: run(), names="value")


class Pager:
    """◀ Previous · (any controls) · Next ▶ · “paragraph 3 of 11”: one item at a time, for every reader.

    The view that owns the pager says where it is with :meth:`show`, and moves when the pager calls
    ``on_move(index)`` (after a click on Previous or Next). ``box`` is the row to put on the page; it ends
    with ``status``, where anything that goes wrong is said; :meth:`guard` wraps the view's own menus the same way.
    :meth:`footer` makes a second row for the bottom of a long item, kept in step with the first.
    """

    def __init__(self, noun: str, *middle: object, on_move: Callable[[int], None] | None = None) -> None:
        self.noun = noun
        self.on_move = on_move
        self.index, self.count = 0, 0
        self.status = alert_area()
        self._rows: list[tuple] = []
        self.prev_button, self.next_button, self.position = self._buttons()
        self.box = row(self.prev_button, *middle, self.next_button, self.position, self.status)

    def guard(self, action: Callable[..., object]) -> Callable[..., None]:
        """``action`` (a view's observer) made safe: what goes wrong is said in this pager's ``status``."""
        return guard(action, self.status)

    def _buttons(self) -> tuple:
        import ipywidgets as w

        prev_button = w.Button(description="◀ Previous", tooltip=f"Previous {self.noun}")
        next_button = w.Button(description="Next ▶", tooltip=f"Next {self.noun}")
        position = w.Label()
        on_click(prev_button, lambda: self.step(-1), self.status)
        on_click(next_button, lambda: self.step(1), self.status)
        self._rows.append((prev_button, next_button, position))
        return prev_button, next_button, position

    def footer(self):  # -> ipywidgets.HBox
        """Previous · Next · position again, for the foot of an item taller than the screen."""
        prev_button, next_button, position = self._buttons()
        self._paint()
        return row(prev_button, next_button, position)

    def show(self, index: int | None, count: int) -> None:
        """Say that item ``index`` (from 0) of ``count`` is shown (None: nothing is)."""
        self.index, self.count = (index if index is not None else -1), count
        self._paint()

    def _paint(self) -> None:
        index = self.index if self.index >= 0 else None
        text = f"no {self.noun} to show" if index is None else f"{self.noun} {index + 1} of {self.count}"
        for prev_button, next_button, position in self._rows:
            position.value = text
            prev_button.disabled = index is None or index <= 0
            next_button.disabled = index is None or index >= self.count - 1

    def step(self, delta: int) -> None:
        """Move ``delta`` items (clamped to the first and last), telling the view through ``on_move``."""
        if self.count and self.index >= 0:
            target = min(max(0, self.index + delta), self.count - 1)
            if target != self.index and self.on_move:
                self.on_move(target)
