"""Add a third, made-up source to a copy of data/, as docs/developing.md's recipe "Add a source" says.

Used by tests/integration/test_any_number_of_sources.py. The text is synthetic and says so; every quotation below is
verbatim in it, so the course's own validation accepts it.
"""

from __future__ import annotations

import csv
from pathlib import Path

ID = "testwire"
NAME = "Test Wire"  # the 'short' column: how the lessons name it
TEXT = """# A Third View of Vladivostok (a made-up text for the tests)

## The meeting

Putin and Kim met in Vladivostok on 25 April 2019 and talked about railways. The summit produced little of substance.

Russia wants rail links through North Korea to the South, our correspondent was told.

## Afterwards

Observers said the summit was “a modest beginning” for railways and ports.
"""


def _rewrite(path: Path, change, extra_columns: tuple[str, ...] = ()) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    fields = list(rows[0]) + [c for c in extra_columns if c not in rows[0]]
    for row in rows:
        for column in extra_columns:
            row.setdefault(column, "")
    change(rows, fields)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def add_third_source(data: Path) -> None:
    """The text, its row in sources.csv, and a few rows citing it in timeline.csv, stakes.csv and claims.csv."""
    (data / "sources" / f"{ID}.md").write_text(TEXT, encoding="utf-8")

    def source_row(rows, fields):
        rows.append(
            {
                **dict.fromkeys(fields, ""),
                "id": ID,
                "title": "A Third View of Vladivostok (a made-up text for the tests)",
                "author": "Nobody (synthetic)",
                "outlet": "Test Wire Service",
                "short": NAME,
                "date": "2019-04-26",
                "genre": "made-up news report",
            }
        )

    _rewrite(data / "sources.csv", source_row)

    def timeline_rows(rows, fields):
        base = dict.fromkeys(fields, "")
        rows.append(
            {
                **base,
                "id": "vladivostok-summit",
                "date": "2019-04-25",
                "precision": "day",
                "event": "Putin and Kim meet in Vladivostok",
                "actors": "Russia;North Korea",
                "source": ID,
                "paragraph": "1",
                "quote": "Putin and Kim met in Vladivostok on 25 April 2019",
            }
        )
        rows.append(
            {
                **base,
                "id": "railway-talks",
                "date": "2019-04-25",
                "precision": "day",
                "event": "Putin and Kim talk about railways",
                "actors": "Russia;North Korea",
                "source": ID,
                "paragraph": "1",
                "quote": "talked about railways",
            }
        )

    _rewrite(data / "timeline.csv", timeline_rows)

    def stake_rows(rows, fields):
        rows.append(
            {
                **dict.fromkeys(fields, ""),
                "actor": "Russia",
                "kind": "wants",
                "stake": "Rail links through North Korea",
                "source": ID,
                "paragraph": "2",
                "quote": "Russia wants rail links through North Korea to the South",
            }
        )

    _rewrite(data / "stakes.csv", stake_rows)

    def claim_rows(rows, fields):
        agree = next(r for r in rows if r["relation"] == "agree")
        agree[f"{ID}_paragraph"], agree[f"{ID}_quote"] = "1", "The summit produced little of substance."
        rows.append(
            {
                **dict.fromkeys(fields, ""),
                "id": "testwire-railways",
                "topic": "economic-projects",
                "relation": f"only-{ID}",
                f"{ID}_paragraph": "3",
                f"{ID}_quote": "“a modest beginning” for railways and ports",
                "explanation": "Only the made-up third text calls the summit a beginning for railways.",
            }
        )

    _rewrite(data / "claims.csv", claim_rows, (f"{ID}_paragraph", f"{ID}_quote"))
