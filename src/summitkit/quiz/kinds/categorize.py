"""Categorising: sort each item into one of the categories."""

from __future__ import annotations

from summitkit.quiz.kinds._assign import Assignment
from summitkit.quiz.kinds.base import Field, among, fail, strings


class Categorize(Assignment):
    """Sort each item into one of the categories."""

    name = "categorize"
    fields = (
        Field("items", annotation="dict[str, str]"),
        Field("categories", shown=True, annotation="list[str]"),
    )
    derived = ("item_list",)
    how = "Sort each item into a group."
    empty = "Choose a category for at least one item, then press Check."
    example = {
        "prompt": "Whose aim was it?",
        "items": {"International prestige": "Russia", "Economic support": "North Korea"},
        "categories": ["Russia", "North Korea"],
    }

    def normalize(self, spec: dict) -> None:
        qid = spec["id"]
        categories = strings(qid, "categories", spec["categories"], 2)
        items = spec["items"]
        if not isinstance(items, dict) or len(items) < 2:
            raise fail(qid, "'items' maps each item to one of the 'categories'", "items")
        for category in items.values():
            if category not in categories:
                raise among(qid, "items", category, categories, "the 'categories' (each item's group is one of them)")
        spec["categories"] = categories
        spec["item_list"] = strings(qid, "items", list(items), 2)

    def rows(self, spec: dict) -> list[str]:
        return spec["item_list"]

    def choices(self, spec: dict) -> list[str]:
        return spec["categories"]

    def truth(self, spec: dict) -> dict[str, str]:
        return spec["items"]
