"""The question kinds: one module per kind in this folder, found by this registry.

A module here (``kinds/<name>.py``) that defines a subclass of :class:`~summitkit.quiz.kinds.base.Kind`
with a ``name`` adds the kind: ``quiz.<name>(...)`` declares one, the build seals it into a bank,
``quiz.show`` shows it and ``quiz.check`` checks it. Nothing else to edit. Modules whose names start
with ``_`` hold parts that several kinds share; ``base`` holds what all share. The modules are
imported on first use, not with the package.
"""

from __future__ import annotations

import importlib
import pkgutil

from summitkit.quiz.kinds.base import Kind, SpecError

#: Names a kind cannot take: they are already attributes of ``summitkit.quiz``.
RESERVED = frozenset(
    {"KINDS", "Result", "api", "bank", "build", "check", "kinds", "normalize", "result", "seal", "show", "spec", "widgets"}
)

_found: dict[str, Kind] | None = None


class KindError(TypeError):
    """A module in kinds/ defines a kind wrongly (the message names the module)."""


def _scan() -> dict[str, Kind]:
    found: dict[str, Kind] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for obj in vars(module).values():
            if not (isinstance(obj, type) and issubclass(obj, Kind) and obj.__module__ == module.__name__ and obj.name):
                continue
            where = f"{module.__name__}.{obj.__name__}"
            if not obj.name.isidentifier() or obj.name != obj.name.lower() or obj.name in RESERVED:
                raise KindError(
                    f"{where}: the kind's name {obj.name!r} must be a lower-case Python name, not one of {sorted(RESERVED)}"
                )
            if obj.name in found:
                raise KindError(f"{where}: a kind named {obj.name!r} already exists ({type(found[obj.name]).__module__})")
            if not obj.how or not obj.empty or not obj.example:
                raise KindError(
                    f"{where}: give the kind its 'how' (how to answer), 'empty' (no answer yet) and 'example' (a small declaration)"
                )
            found[obj.name] = obj()
    return found


def registry() -> dict[str, Kind]:
    """Every kind, by name (the kind modules are imported on the first call)."""
    global _found
    if _found is None:
        _found = _scan()
    return _found


def names() -> tuple[str, ...]:
    """The kinds' names, sorted."""
    return tuple(registry())


def get(name: object, question: object = None) -> Kind:
    """The kind called ``name``; SpecError (naming the question) if there is none."""
    found = registry()
    if not isinstance(name, str) or name not in found:
        where = f"question {question!r}: " if question is not None else ""
        raise SpecError(
            f"{where}kind {name!r} is not one of {', '.join(found)}",
            question=None if question is None else str(question),
            field="kind",
        )
    return found[name]


def refresh() -> None:
    """Scan kinds/ again on the next call (after adding a module while Python runs)."""
    global _found
    _found = None
