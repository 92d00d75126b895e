"""What JupyterLab does to a kernel's widgets, for tests: press a button, type in a box, pick from a menu,
the way the browser's messages arrive (through ``Widget._handle_msg``), and everything a learner would
see go wrong, caught where ipywidgets hides it.

Why this is needed: ipywidgets runs a button's callbacks and a menu's observers inside its own message
handling, which swallows every exception: it calls ``get_ipython().showtraceback()`` (the traceback goes
to JupyterLab's log console, the learner sees a button that does nothing) or, without IPython, logs a
warning. ``button.click()`` in a test would go through the same swallowing and hide the failure.
:class:`Frontend` replaces that shell with one that records each traceback, records every warning
ipywidgets and traitlets log, and packs every message the kernel would send to the browser with
``jupyter_client``'s own packer (text that cannot be sent, such as a lone surrogate, fails there as it
would in a real kernel). A test asserts :meth:`Frontend.quiet` after driving the widgets.
"""

from __future__ import annotations

import datetime
import logging
import sys
import traceback

import comm
import ipywidgets.widgets.widget as widget_module
from comm.base_comm import BaseComm
from jupyter_client.session import json_packer


class PackingComm(BaseComm):
    """A comm that packs each message as the kernel's session would (and keeps the last few)."""

    sent: list[dict] = []

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys) -> None:
        json_packer({"msg_type": msg_type, "data": data, "metadata": metadata or {}})  # raises what a real kernel would
        PackingComm.sent = [*PackingComm.sent[-20:], {"msg_type": msg_type, "data": data}]


class _Recorder(logging.Handler):
    def __init__(self, frontend: Frontend) -> None:
        super().__init__(logging.WARNING)
        self.frontend = frontend

    def emit(self, record: logging.LogRecord) -> None:
        self.frontend.failures.append(
            f"logged by {record.name}: {record.getMessage()}"
            + ("\n" + "".join(traceback.format_exception(*record.exc_info)) if record.exc_info else "")
        )


class Frontend:
    """The browser's side of the widgets, and the learner's eyes: see the module's docstring."""

    def __init__(self, monkeypatch) -> None:  # pytest's monkeypatch
        self.failures: list[str] = []
        monkeypatch.setattr(widget_module, "get_ipython", lambda: self)  # ipywidgets' swallowing calls self.showtraceback()
        monkeypatch.setattr(comm, "create_comm", lambda *args, **kwargs: PackingComm(*args, **kwargs))
        self._handler = _Recorder(self)
        for name in ("", "traitlets", "ipywidgets", "comm"):
            logging.getLogger(name).addHandler(self._handler)

    def close(self) -> None:
        for name in ("", "traitlets", "ipywidgets", "comm"):
            logging.getLogger(name).removeHandler(self._handler)

    # ----- what ipywidgets calls when something fails ------------------------------------------------
    def showtraceback(self, *args, **kwargs) -> None:  # IPython's signature
        self.failures.append("".join(traceback.format_exception(*sys.exc_info())))

    # ----- what the browser sends ------------------------------------------------------------------
    @staticmethod
    def can_arrive(value: object) -> bool:
        """Whether the browser's value can reach the kernel at all: the Jupyter server packs every message the
        same way, so text it cannot pack (a lone surrogate) never arrives."""
        try:
            json_packer({"value": value})
        except (TypeError, ValueError):
            return False
        return True

    def click(self, button) -> None:  # an ipywidgets.Button
        """Press a button as the browser does: a 'click' message, handled by ipywidgets."""
        button._handle_msg({"content": {"data": {"method": "custom", "content": {"event": "click"}}}, "buffers": []})

    def set(self, widget, **state: object) -> bool:  # any widget
        """Change a widget's state as the browser does (typing, ticking, picking); False if it cannot arrive."""
        if not self.can_arrive(state):
            return False
        widget._handle_msg({"content": {"data": {"method": "update", "state": state}}, "buffers": []})
        return True

    def type(self, box, text: str) -> bool:  # a Text or Textarea
        """Type (or paste) ``text`` into a box."""
        return self.set(box, value=text)

    def pick(self, menu, value: object) -> None:  # a Dropdown or RadioButtons
        """Choose ``value`` in a menu (the browser sends the option's index; None clears it)."""
        values = [o[1] if isinstance(o, tuple) else o for o in menu.options]
        self.set(menu, index=None if value is None else values.index(value))

    # ----- what the learner sees -------------------------------------------------------------------
    def quiet(self) -> list[str]:
        """Every traceback or warning that reached JupyterLab's log since the last call (and forget them)."""
        out, self.failures = self.failures, []
        return out


def choose_file(upload, path) -> None:  # an ipywidgets FileUpload and a pathlib.Path
    """Put ``path`` into a ``FileUpload`` as the browser does when a learner picks it in the file dialog."""
    raw = path.read_bytes()
    kind = "text/html" if path.suffix in (".html", ".htm") else "application/json"
    upload.value = (
        {
            "name": path.name,
            "type": kind,
            "size": len(raw),
            "content": memoryview(raw),
            "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        },
    )
