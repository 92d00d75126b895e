"""Lesson 02's timeline figure: the long view (years) above, the summit week (days) below.

One lane per event; each source's dating is a marker (colour *and* shape by source); a bar shows the
period a year or month date allows; a hollow marker is a date worked out from another event. A lane
whose sources date the event differently is shaded and marked: ``≠`` (solid shading) for a
contradiction, ``≈`` (hatched shading) for an apparent contradiction. matplotlib loads only when drawn.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass

from summitkit.analysis.timeline import (
    FLAGS,
    LONG,
    WEEK,
    Event,
    counts,
    events,
    explanation,
    finding,
    in_week,
    select,
    verdict,
    when,
    when_each,
)
from summitkit.figures import drawn, lesson_figure, literal_text, prebuilt, svg
from summitkit.figures.style import APPARENT_FILL, CONTRADICTION_FILL, SourceStyle, source_style, stacked_axes
from summitkit.sources import possessive, short_name, source_ids
from summitkit.tables import TimelineEvent
from summitkit.wording import all_of

_FILLS = {"contradiction": CONTRADICTION_FILL, "apparent": APPARENT_FILL}


@dataclass(frozen=True)
class Point:
    """One mark on the figure: one source's dating of one event."""

    event: str
    label: str
    source: str
    panel: str  # "long" or "week"
    lane: int  # 0 = top lane of its panel
    start: dt.date  # first day the date allows
    end: dt.date  # last day the date allows
    precision: str
    hollow: bool  # a date worked out from another event (precision "relative")
    span: bool  # the date allows more than one day: drawn as a bar from start to end
    verdict: str | None  # "contradiction", "apparent" (the datings share no day) or None
    citation: str

    @property
    def left(self) -> dt.datetime:
        """Where the period starts on the axis: the first moment of its first day."""
        return dt.datetime.combine(self.start, dt.time())

    @property
    def right(self) -> dt.datetime:
        """Where the period ends on the axis: the last moment of its last day."""
        return dt.datetime.combine(self.end, dt.time()) + dt.timedelta(days=1)

    @property
    def x(self) -> dt.datetime:
        """Where the marker sits: the middle of the period (noon, for a single day)."""
        return self.left + (self.right - self.left) / 2


def style(source: str) -> SourceStyle:
    """Colour, marker and their words for a source (by its place in sources.csv)."""
    return source_style(source, source_ids())


def plot_points(rows: tuple[TimelineEvent, ...] | None = None) -> list[Point]:
    """What the figure draws: one point per row, in its panel and lane."""
    lanes = {"long": 0, "week": 0}
    points = []
    for item in events(rows):
        panel = "week" if in_week(item) else "long"
        lane = lanes[panel]
        lanes[panel] += 1
        for row in item.rows:
            points.append(
                Point(
                    item.id,
                    item.label,
                    row.source,
                    panel,
                    lane,
                    row.start,
                    row.end,
                    row.precision,
                    row.precision == "relative",
                    row.end > row.start,
                    verdict(item),
                    f"{row.source} ¶{row.paragraph}",
                )
            )
    return points


def _key(actor: str | None, source: str | None, years: tuple[int, int] | None) -> tuple:
    """What a timeline figure depends on: the filters and the data (a changed file gives a new key)."""
    return ("timeline", actor or None, source or None, tuple(years or LONG), hash(select()))


def _wrap(text: str, width: int = 44) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=2, placeholder="…"))


def _lane_offsets(points: list[Point]) -> dict[tuple[str, str], float]:
    """Vertical nudge of each (event, source) so that sources on one lane do not hide each other."""
    out: dict[tuple[str, str], float] = {}
    for p in points:
        here = list(dict.fromkeys(q.source for q in points if q.event == p.event))
        n = len(here)
        out[(p.event, p.source)] = 0.0 if n == 1 else -0.18 + 0.36 * here.index(p.source) / (n - 1)
    return out


def _draw_panel(ax, points: list[Point], panel: str, limits: tuple[dt.datetime, dt.datetime]) -> None:
    from matplotlib.dates import DateFormatter, DayLocator, MonthLocator, YearLocator

    mine = [p for p in points if p.panel == panel]
    lanes = sorted({p.lane for p in mine})
    position = {lane: i for i, lane in enumerate(lanes)}
    offsets = _lane_offsets(mine)
    labels: dict[int, str] = {}
    for p in mine:
        y = position[p.lane] + offsets[(p.event, p.source)]
        look = style(p.source)
        if position[p.lane] not in labels and p.verdict:
            colour, alpha, hatch = _FILLS[p.verdict]
            ax.axhspan(
                position[p.lane] - 0.45,
                position[p.lane] + 0.45,
                facecolor=colour,
                alpha=alpha,
                hatch=hatch,
                edgecolor="#666666" if hatch else "none",
                zorder=0,
                lw=0,
                gid=f"{p.verdict}:{p.event}",
            )
        labels[position[p.lane]] = (f"{FLAGS[p.verdict][0]} " if p.verdict else "") + _wrap(p.label)
        if p.span:
            ax.plot(
                [p.left, p.right],
                [y, y],
                color=look.colour,
                lw=5,
                alpha=0.45,
                solid_capstyle="butt",
                ls=(0, (2, 1)) if p.hollow else "-",
                zorder=2,
                gid=f"span:{p.event}:{p.source}",
            )
        ax.plot(
            [p.x],
            [y],
            marker=look.marker,
            ms=7,
            color=look.colour,
            mec=look.colour,
            mew=1.6,
            mfc="white" if p.hollow else look.colour,
            ls="none",
            zorder=3,
            gid=f"point:{p.event}:{p.source}",
        )
    ax.set_yticks(range(len(lanes)), [labels[i] for i in range(len(lanes))], fontsize=7.5)
    for tick in ax.get_yticklabels():
        if tick.get_text()[:1] in {symbol for symbol, _ in FLAGS.values()}:
            tick.set_fontweight("bold")
    ax.set_ylim(max(len(lanes), 1) - 0.5, -0.5)
    ax.set_xlim(*limits)
    ax.set_axisbelow(True)
    if panel == "long":
        years = limits[1].year - limits[0].year
        if years > 3:
            ax.xaxis.set_major_locator(YearLocator(2 if years > 8 else 1))
            ax.xaxis.set_major_formatter(DateFormatter("%Y"))
            ax.set_xlabel("Year (a bar shows the whole period a vague date allows)")
        else:
            ax.xaxis.set_major_locator(MonthLocator(bymonth=(1, 4, 7, 10)))
            ax.xaxis.set_major_formatter(DateFormatter("%b\n%Y"))
            ax.set_xlabel("Month (a bar shows the whole period a vague date allows)")
        ax.grid(axis="x", color="#dddddd", lw=0.6)
    else:
        days = [limits[0] + dt.timedelta(days=i) for i in range((limits[1] - limits[0]).days)]
        ax.set_xticks([d + dt.timedelta(hours=12) for d in days], [str(d.day) for d in days])
        ax.xaxis.set_minor_locator(DayLocator())
        ax.grid(axis="x", which="minor", color="#dddddd", lw=0.6)
        ax.tick_params(axis="x", which="major", length=0)
        ax.set_xlabel("Day of April 2019 (gridlines mark midnight; a marker in the middle of a day means that day)")


@literal_text
def plot(
    actor: str | None = None, source: str | None = None, years: tuple[int, int] | None = None, week: bool = True
):  # -> matplotlib.figure.Figure
    """The timeline for a filter (an actor, a source, a range of years); see the module's docstring."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows = select(actor, source, years)
    points = plot_points(rows)
    years = years or LONG
    pad = 7 if years[1] - years[0] > 3 else 11  # half a year of margin for the long view, two months when zoomed
    long_limits = (dt.datetime(years[0] - 1, pad, 1), dt.datetime(years[1] + 1, 1, 1))
    week_limits = (dt.datetime.combine(WEEK[0], dt.time()), dt.datetime.combine(WEEK[1], dt.time()) + dt.timedelta(days=1))
    long_points = [p for p in points if p.panel == "long"]
    week_points = [p for p in points if p.panel == "week"] if week else []
    n_long = len({p.lane for p in long_points})
    n_week = len({p.lane for p in week_points})
    panels = [("long", n_long), ("week", n_week)] if n_week else [("long", n_long)]
    if not n_long and n_week:
        panels = [("week", n_week)]
    fig, axes = stacked_axes([max(n, 1) * 0.36 for _, n in panels], width=10.0, left=2.9, top=0.75, gap=0.95, bottom=1.15)
    for ax, (panel, _) in zip(axes, panels):
        _draw_panel(ax, points, panel, long_limits if panel == "long" else week_limits)
        if panel == "long" and n_week and long_limits[0] <= week_limits[0] <= long_limits[1]:
            ax.axvline(dt.datetime(2019, 4, 25, 12), color="#555555", lw=1, ls=":")
            ax.annotate(
                "summit week (dotted line): see lower panel",
                (dt.datetime(2019, 4, 25, 12), 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 3),
                textcoords="offset points",
                ha="right",
                va="bottom",
                fontsize=7.5,
                color="#333333",
            )
    names = {"long": f"The long view, {years[0]}–{years[1]}", "week": "The summit week, 17–28 April 2019"}
    for ax, (panel, _) in zip(axes, panels):
        ax.set_title(names[panel], loc="left", fontsize=9.5)
        if not any(p.panel == panel for p in points):
            ax.text(0.5, 0.5, "no event matches this filter", transform=ax.transAxes, ha="center", color="#555555")
    present = [s for s in source_ids() if any(p.source == s for p in points)] or source_ids()
    handles = [
        Line2D([], [], marker=style(s).marker, color=style(s).colour, ls="none", ms=7, label=short_name(s)) for s in present
    ]
    handles += [
        Line2D(
            [], [], marker="o", color="#555555", mfc="white", ls="none", ms=7, label="hollow: date worked out from another event"
        ),
        Line2D([], [], color="#555555", lw=5, alpha=0.45, label="bar: the period a vague date allows"),
    ]
    shown = {p.verdict for p in points if p.verdict}
    for kind, words in (
        ("contradiction", "sources contradict each other"),
        ("apparent", "apparent contradiction: dated differently, both can be true"),
    ):
        if kind in shown:
            colour, alpha, hatch = _FILLS[kind]
            handles.append(
                Patch(
                    facecolor=colour,
                    alpha=alpha,
                    hatch=hatch,
                    edgecolor="#666666" if hatch else "none",
                    label=f"{FLAGS[kind][0]} {words}",
                )
            )
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=3, fontsize=8, frameon=False)
    filters = [f"actor: {actor}" if actor else "", f"source: {short_name(source)}" if source else ""]
    suffix = " (" + ", ".join(f for f in filters if f) + ")" if any(filters) else ""
    fig.suptitle("\n".join(textwrap.wrap(finding(rows) + suffix, 100)), fontsize=11, ha="left", va="top", x=0.01, y=0.995)
    fig.summitkit_key = _key(actor, source, tuple(years))
    fig.summitkit_alt = alt_text(actor, source, tuple(years))
    return fig


def alt_text(actor: str | None = None, source: str | None = None, years: tuple[int, int] | None = None) -> str:
    """The figure in words, for a reader who cannot see it."""
    rows = select(actor, source, years)
    items = events(rows)
    if not items:
        return "An empty timeline: no event matches this filter."
    present = [s for s in source_ids() if any(r.source == s for r in rows)]
    parts = [f"A timeline of {len(items)} events in two panels, one row per event, earliest at the top."]
    parts.append(
        f"The upper panel runs from {items[0].start.year} to {items[-1].end.year} in years; "
        "the lower panel shows the summit week, 17 to 28 April 2019, in days."
    )
    tally = counts(rows)
    shared = sum(n for key, n in tally.items() if len(key) > 1)
    singles = [(key[0], n) for key, n in tally.items() if len(key) == 1]
    singles.sort(key=lambda kn: present.index(kn[0]) if kn[0] in present else len(present))
    if len(present) == 1:
        parts.append(f"All {len(items)} events come from {short_name(present[0])}.")
    else:
        where = all_of(len(present)) if len(present) == 2 else "more than one text"
        only = ", ".join(f"{n} only in {short_name(s)}" for s, n in singles)
        parts.append(f"{shared} events appear in {where}" + (f"; {only}." if only else "."))
    looks = [f"{possessive(short_name(s))} {style(s).words}" for s in present]
    looks[0] = f"{possessive(short_name(present[0]))} datings are {style(present[0]).words}"
    parts.append(
        ", ".join(looks) + "; hollow markers are dates worked out from another event, "
        "and bars show the whole year or month a vague date allows."
    )
    week_items = [e for e in items if in_week(e)]
    long_items = [e for e in items if not in_week(e)]
    if long_items:
        parts.append("Upper panel, in order: " + "; ".join(f"{e.label} ({when_each(e)})" for e in long_items) + ".")
    if week_items:
        parts.append("Lower panel, in order: " + "; ".join(f"{e.label} ({when_each(e)})" for e in week_items) + ".")
    for item in items:
        kind = verdict(item)
        if kind:
            parts.append(_flag_sentence(item, kind))
    return " ".join(parts)


def _flag_sentence(item: Event, kind: str) -> str:
    versions = "; ".join(f"{short_name(r.source)} ({r.source} ¶{r.paragraph}) places it in {when(r)}" for r in item.rows)
    if kind == "contradiction":
        return f"The row “{item.label}” is shaded and marked ≠ because the sources contradict each other: {versions}."
    why = explanation(item)
    return (
        f"The row “{item.label}” is shaded with hatching and marked ≈, an apparent contradiction: the sources date it "
        f"differently ({versions}), but both accounts can be true." + (f" Why: {why}" if why else "")
    )


@lesson_figure("timeline", reads=("timeline.csv",), alt_text=alt_text)
def draw():  # -> matplotlib.figure.Figure
    """The lesson's timeline, unfiltered."""
    return plot()


def svg_for(actor: str | None = None, source: str | None = None, years: tuple[int, int] | None = None) -> bytes:
    """The timeline as SVG bytes, drawn at most once for each filter (the unfiltered one built by ``run.py build``)."""
    if not actor and not source and tuple(years or LONG) == tuple(LONG):
        built = prebuilt("timeline")
        if built:
            return built
    return drawn(_key(actor, source, years)) or svg(plot(actor, source, years))
