"""Lesson 02's timeline: events grouped by id, where the sources disagree, and the figure.

The pure functions work on the rows of ``data/timeline.csv`` (see :func:`summitkit.tables.timeline`);
the figure and the widget import matplotlib and ipywidgets only when they are called.

>>> [e.id for e in events()][:3]
['six-party-launch', 'six-party-end', 'kim-jong-il-medvedev-summit']
>>> disagreements()
['putin-invitation']
>>> sorted(sources_of("putin-invitation"))
['38north', 'rsis']
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from dataclasses import dataclass
from functools import lru_cache

from summitkit.figures import OFFLINE, can_draw, drawn, lesson_figure, prebuilt, stacked_axes, svg
from summitkit.tables import TimelineEvent, short_name, sources_table, timeline

#: Colour and marker per source: Paul Tol's colour-blind-safe pair, plus different shapes.
STYLE = {"38north": ("#4477AA", "o"), "rsis": ("#EE6677", "s")}
_SPARE = [("#228833", "^"), ("#CCBB44", "D"), ("#66CCEE", "v"), ("#AA3377", "P")]
#: The summit week, the lower panel of the figure.
WEEK = (dt.date(2019, 4, 17), dt.date(2019, 4, 28))
#: The long view, the upper panel.
LONG = (2003, 2019)
FLAG = "#DDCC77"  # background of a lane where the sources contradict each other


@dataclass(frozen=True)
class Event:
    """One event, with every source's row that mentions it."""

    id: str
    rows: tuple[TimelineEvent, ...]

    @property
    def label(self) -> str:
        """The shortest of the sources' descriptions (a paraphrase by the course, not a quotation)."""
        return min((r.event for r in self.rows), key=len)

    @property
    def start(self) -> dt.date:
        return min(r.start for r in self.rows)

    @property
    def end(self) -> dt.date:
        return max(r.end for r in self.rows)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.source for r in self.rows))

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for r in self.rows for a in r.actors))


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
    disagrees: bool  # the sources give periods that do not overlap
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


def events(rows: tuple[TimelineEvent, ...] | None = None) -> list[Event]:
    """Rows grouped by event id, earliest first (ties keep the file's order)."""
    return list(_events(timeline() if rows is None else tuple(rows)))


@lru_cache(maxsize=64)
def _events(rows: tuple[TimelineEvent, ...]) -> tuple[Event, ...]:
    grouped: dict[str, list[TimelineEvent]] = {}
    for row in rows:
        grouped.setdefault(row.id, []).append(row)
    found = [Event(eid, tuple(group)) for eid, group in grouped.items()]
    order = {e.id: i for i, e in enumerate(found)}
    return tuple(sorted(found, key=lambda e: (e.start, order[e.id])))


def event(event_id: str) -> Event:
    """One event by id."""
    for item in events():
        if item.id == event_id:
            return item
    raise KeyError(f"no event {event_id!r} in data/timeline.csv")


def sources_of(event_id: str) -> tuple[str, ...]:
    """The source ids that mention an event."""
    return event(event_id).sources


def differences(rows: tuple[TimelineEvent, ...] | None = None) -> list[str]:
    """Events that two sources date differently (another date, end or precision), earliest first.

    Often one source is only vaguer than the other; see :func:`disagreements` for contradictions.
    """
    found = []
    for item in events(rows):
        if len(item.sources) > 1 and len({(r.date, r.end_date, r.precision) for r in item.rows}) > 1:
            found.append(item.id)
    return found


def overlaps(a: TimelineEvent, b: TimelineEvent) -> bool:
    """Whether two datings of an event allow at least one common day."""
    return a.start <= b.end and b.start <= a.end


def disagreements(rows: tuple[TimelineEvent, ...] | None = None) -> list[str]:
    """Events two sources date differently *and* incompatibly: their periods share no day."""
    return list(_disagreements(timeline() if rows is None else tuple(rows)))


@lru_cache(maxsize=64)
def _disagreements(rows: tuple[TimelineEvent, ...]) -> tuple[str, ...]:
    found = []
    for item in events(rows):
        pairs = [(a, b) for i, a in enumerate(item.rows) for b in item.rows[i + 1:] if a.source != b.source]
        if any(not overlaps(a, b) for a, b in pairs):
            found.append(item.id)
    return tuple(found)


def marked(mark: str = "DISAGREES:", rows: tuple[TimelineEvent, ...] | None = None) -> list[str]:
    """Event ids with a row whose note carries ``mark`` (``DISAGREES:`` or ``OUTSIDE THE TEXTS:``)."""
    return [e.id for e in events(rows) if any(mark in r.note for r in e.rows)]


def note_part(row: TimelineEvent, mark: str) -> str:
    """The part of a row's note that follows ``mark``, up to the next mark (empty if none)."""
    if mark not in row.note:
        return ""
    text = row.note.split(mark, 1)[1]
    for other in ("DISAGREES:", "OUTSIDE THE TEXTS:"):
        if other != mark and other in text:
            text = text.split(other, 1)[0]
    return text.strip()


def actors(rows: tuple[TimelineEvent, ...] | None = None) -> list[str]:
    """Every actor named in the timeline, most frequent first."""
    rows = timeline() if rows is None else rows
    counts: dict[str, int] = {}
    for row in rows:
        for actor in row.actors:
            counts[actor] = counts.get(actor, 0) + 1
    return sorted(counts, key=lambda a: (-counts[a], a))


def select(actor: str | None = None, source: str | None = None, years: tuple[int, int] | None = None) -> tuple[TimelineEvent, ...]:
    """The rows that name ``actor``, come from ``source`` and fall (at least partly) within ``years``."""
    out = []
    for row in timeline():
        if actor and actor not in row.actors:
            continue
        if source and row.source != source:
            continue
        if years and (row.end.year < years[0] or row.start.year > years[1]):
            continue
        out.append(row)
    return tuple(out)


def counts(rows: tuple[TimelineEvent, ...] | None = None) -> dict[str, int]:
    """How many events only one source mentions, and how many both (keys: source ids and 'both')."""
    out: dict[str, int] = {}
    for item in events(rows):
        key = item.sources[0] if len(item.sources) == 1 else "both"
        out[key] = out.get(key, 0) + 1
    return out


def in_week(item: Event) -> bool:
    """Whether an event belongs to the summit week panel (all of it inside :data:`WEEK`)."""
    return WEEK[0] <= item.start and item.end <= WEEK[1]


def plot_points(rows: tuple[TimelineEvent, ...] | None = None) -> list[Point]:
    """What the figure draws: one point per row, in its panel and lane.

    >>> points = plot_points()
    >>> len(points) == len(timeline())
    True
    >>> sorted({p.source for p in points if p.disagrees})
    ['38north', 'rsis']
    """
    rows = timeline() if rows is None else rows
    contradicted = set(disagreements(rows))
    lanes = {"long": 0, "week": 0}
    points = []
    for item in events(rows):
        panel = "week" if in_week(item) else "long"
        lane = lanes[panel]
        lanes[panel] += 1
        for row in item.rows:
            start, end = row.start, row.end
            points.append(Point(item.id, item.label, row.source, panel, lane, start, end,
                                row.precision, row.precision == "relative", end > start, item.id in contradicted,
                                f"{row.source} ¶{row.paragraph}"))
    return points


def style(source: str) -> tuple[str, str]:
    """(colour, marker) of a source."""
    if source in STYLE:
        return STYLE[source]
    others = [s.id for s in sources_table() if s.id not in STYLE]
    return _SPARE[others.index(source) % len(_SPARE)] if source in others else ("#777777", "X")


def finding(rows: tuple[TimelineEvent, ...] | None = None) -> str:
    """The sentence the figure's title states, computed from the data.

    >>> finding()
    '20 of 25 events appear in only one of the two texts; the texts share 5 and contradict each other on 1: “Putin invites Kim to visit Russia”'
    """
    items = events(rows)
    tally = counts(rows)
    both = tally.get("both", 0)
    single = len(items) - both
    clash = [e.label for e in items if e.id in disagreements(rows)]
    if not items:
        return "No event matches this filter"
    n_sources = len({s for e in items for s in e.sources})
    if n_sources < 2:
        return f"{len(items)} events, all from one text"
    text = f"{single} of {len(items)} events appear in only one of the two texts; the texts share {both}"
    if clash:
        text += f" and contradict each other on {len(clash)}: " + "; ".join(f"“{c}”" for c in clash)
    else:
        text += " and contradict each other on none"
    return text


def _key(actor: str | None, source: str | None, years: tuple[int, int] | None) -> tuple:
    """What a timeline figure depends on: the filters and the data (a changed file gives a new key)."""
    return ("timeline", actor or None, source or None, tuple(years or LONG), hash(timeline()))


def timeline_picture(actor: str | None = None, source: str | None = None, years: tuple[int, int] | None = None) -> bytes:
    """The timeline as SVG bytes, drawn at most once for each filter (and reused by :func:`explore`)."""
    if not actor and not source and tuple(years or LONG) == tuple(LONG):
        built = prebuilt("timeline")  # the unfiltered timeline, drawn once by run.py build
        if built:
            return built
    return drawn(_key(actor, source, years)) or svg(plot_timeline(actor, source, years))


def figure():  # -> figures.Picture
    """The lesson's timeline figure (built once by ``run.py build``; drawn now if the data changed)."""
    return lesson_figure("timeline", alt_text)


def _wrap(text: str, width: int = 44) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=2, placeholder="…"))


def _lane_offsets(points: list[Point]) -> dict[tuple[str, str], float]:
    """Vertical nudge of each (event, source) so that two sources on one lane do not hide each other."""
    out: dict[tuple[str, str], float] = {}
    for p in points:
        sources = list(dict.fromkeys(q.source for q in points if q.event == p.event))
        n = len(sources)
        out[(p.event, p.source)] = 0.0 if n == 1 else -0.18 + 0.36 * sources.index(p.source) / (n - 1)
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
        colour, marker = style(p.source)
        if position[p.lane] not in labels and p.disagrees:
            ax.axhspan(position[p.lane] - 0.45, position[p.lane] + 0.45, color=FLAG, alpha=0.45, zorder=0, lw=0,
                       gid=f"disagree:{p.event}")
        labels[position[p.lane]] = ("≠ " if p.disagrees else "") + _wrap(p.label)
        if p.span:
            ax.plot([p.left, p.right], [y, y], color=colour, lw=5, alpha=0.45, solid_capstyle="butt",
                    ls=(0, (2, 1)) if p.hollow else "-", zorder=2, gid=f"span:{p.event}:{p.source}")
        ax.plot([p.x], [y], marker=marker, ms=7, color=colour, mec=colour, mew=1.6,
                mfc="white" if p.hollow else colour, ls="none", zorder=3, gid=f"point:{p.event}:{p.source}")
    ax.set_yticks(range(len(lanes)), [labels[i] for i in range(len(lanes))], fontsize=7.5)
    for tick in ax.get_yticklabels():
        if tick.get_text().startswith("≠"):
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


def plot_timeline(actor: str | None = None, source: str | None = None, years: tuple[int, int] | None = None,
                  week: bool = True):  # -> matplotlib.figure.Figure
    """The timeline: the long view (years) above, the summit week (days) below.

    One lane per event; each source's dating is a marker (colour *and* shape by source); a bar shows
    the period a year or month date allows; a hollow marker is a date worked out from another event;
    a shaded lane marked ≠ is an event the sources date incompatibly.
    """
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
            ax.annotate("summit week (dotted line): see lower panel", (dt.datetime(2019, 4, 25, 12), 1.0),
                        xycoords=("data", "axes fraction"), xytext=(0, 3), textcoords="offset points", ha="right", va="bottom",
                        fontsize=7.5, color="#333333")
    names = {"long": f"The long view, {years[0]}–{years[1]}", "week": "The summit week, 17–28 April 2019"}
    for ax, (panel, _) in zip(axes, panels):
        ax.set_title(names[panel], loc="left", fontsize=9.5)
        if not any(p.panel == panel for p in points):
            ax.text(0.5, 0.5, "no event matches this filter", transform=ax.transAxes, ha="center", color="#555555")
    present = [s.id for s in sources_table() if any(p.source == s.id for p in points)] or [s.id for s in sources_table()]
    handles = [Line2D([], [], marker=style(s)[1], color=style(s)[0], ls="none", ms=7, label=short_name(s)) for s in present]
    handles += [
        Line2D([], [], marker="o", color="#555555", mfc="white", ls="none", ms=7, label="hollow: date worked out from another event"),
        Line2D([], [], color="#555555", lw=5, alpha=0.45, label="bar: the period a vague date allows"),
        Patch(color=FLAG, alpha=0.45, label="≠ sources contradict each other"),
    ]
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
    tally = counts(rows)
    parts = [f"A timeline of {len(items)} events in two panels, one row per event, earliest at the top."]
    parts.append(f"The upper panel runs from {items[0].start.year} to {items[-1].end.year} in years; "
                 "the lower panel shows the summit week, 17 to 28 April 2019, in days.")
    shares = ", ".join(f"{n} only in {short_name(k)}" for k, n in tally.items() if k != "both")
    parts.append(f"{tally.get('both', 0)} events appear in both texts; {shares}.")
    parts.append("38 North's datings are blue circles, RSIS's red squares; hollow markers are dates worked out from another event, "
                 "and bars show the whole year or month a vague date allows.")
    week_items = [e for e in items if in_week(e)]
    long_items = [e for e in items if not in_week(e)]
    if long_items:
        parts.append("Upper panel, in order: " + "; ".join(f"{e.label} ({_when(e)})" for e in long_items) + ".")
    if week_items:
        parts.append("Lower panel, in order: " + "; ".join(f"{e.label} ({_when(e)})" for e in week_items) + ".")
    for eid in disagreements(rows):
        item = next(e for e in items if e.id == eid)
        versions = "; ".join(f"{short_name(r.source)} ({r.source} ¶{r.paragraph}) places it in {_when_row(r)}" for r in item.rows)
        parts.append(f"The row “{item.label}” is shaded and marked ≠ because the sources contradict each other: {versions}.")
    return " ".join(parts)


def _when_row(row: TimelineEvent) -> str:
    """A row's period in words: ``2018``, ``May 2018``, ``25 April 2019``, ``January 2018 to February 2019``."""
    start, end = row.start, row.end
    whole_months = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    if whole_months and (start.month, end.month) == (1, 12):
        text = str(start.year) if start.year == end.year else f"{start.year} to {end.year}"
    elif whole_months:
        text = f"{start:%B %Y}" if (start.year, start.month) == (end.year, end.month) else f"{start:%B %Y} to {end:%B %Y}"
    elif start == end:
        text = f"{start.day} {start:%B %Y}"
    else:
        text = f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
    return text + (" (worked out from another event)" if row.precision == "relative" else "")


def _when(item: Event) -> str:
    return ", ".join(dict.fromkeys(f"{short_name(r.source)}: {_when_row(r)}" for r in item.rows))


def versions_html(event_id: str) -> str:
    """Each source's words on one event, side by side, with the full paragraph to read."""
    from summitkit.citations import Citation

    item = event(event_id)
    cells = []
    for row in item.rows:
        cite = Citation(row.source, row.paragraph)
        cells.append(
            f"<td style='vertical-align:top;max-width:30em;text-align:left'><b>{html.escape(short_name(row.source))}</b> "
            f"({html.escape(str(cite))}) dates it to <b>{html.escape(_when_row(row))}</b>.<br>"
            f"Its words: “{html.escape(row.quote)}”"
            f"<details><summary>Read the passage</summary>{cite.html()}</details></td>")
    return f"<table><tr>{''.join(cells)}</tr></table>"


def outside_html(event_id: str) -> str:
    """What an outside record says about an event, from the notes in the data, clearly marked."""
    parts = list(dict.fromkeys(note_part(r, "OUTSIDE THE TEXTS:") for r in event(event_id).rows))
    parts = [p for p in parts if p]
    if not parts:
        return "<p>The data records no outside source for this event.</p>"
    body = max(parts, key=len)  # the fullest note; the others repeat it in short
    return (
        "<div style='border:2px dashed #555;padding:0.4em 0.8em;max-width:46em'>"
        "<b>From outside the two texts</b> (news reports recorded in <code>data/timeline.csv</code>, not 38 North or RSIS):"
        f"<p>{html.escape(body)}</p></div>"
    )


def explore():  # -> ipywidgets.VBox
    """Filter the timeline by actor or source and zoom on years; redraws one picture."""
    import ipywidgets as w

    from summitkit.controls import row

    actor = w.Dropdown(options=[("every actor", "")] + [(a, a) for a in actors()], description="Actor:")
    source = w.Dropdown(options=[("both texts", "")] + [(short_name(s.id), s.id) for s in sources_table()], description="Source:")
    years = w.IntRangeSlider(value=LONG, min=LONG[0], max=LONG[1], description="Years:", continuous_update=False,
                             layout=w.Layout(width="30em"))
    image = w.Image(format="svg+xml", layout=w.Layout(max_width="100%"))
    words = w.HTML()

    def draw(*_):
        args = (actor.value or None, source.value or None, tuple(years.value))
        image.value = timeline_picture(*args)
        words.value = ("<details><summary>Describe this figure in words</summary>"
                       f"{html.escape(alt_text(*args))}</details>")

    controls = (actor, source, years)
    for control in controls:
        control.observe(draw, names="value")
    draw()  # the whole timeline: the picture run.py build drew, no matplotlib needed
    box = w.VBox([row(actor, source), years, image, words])

    def ready() -> None:
        for control in controls:
            control.disabled = False
        box.children = tuple(c for c in box.children if c is not note)

    if not can_draw(when_ready=ready):  # the browser version, offline: the filters would need a redraw
        for control in controls:
            control.disabled = True
        note = w.HTML(f"<p role='note' class='summit-offline'>{html.escape(OFFLINE)}</p>")
        box.children = (*box.children[:2], note, *box.children[2:])
    return box


def table_html(rows: tuple[TimelineEvent, ...] | None = None) -> str:
    """Every event, earliest first: when each source dates it, its words and the paragraph."""
    body = ""
    for item in events(rows):
        flag = " <b>≠ the sources contradict each other</b>" if item.id in disagreements(rows) else ""
        cells = "".join(
            f"<div><b>{html.escape(short_name(r.source))}</b> ({html.escape(f'{r.source} ¶{r.paragraph}')}): "
            f"{html.escape(_when_row(r))}. “{html.escape(r.quote)}”</div>" for r in item.rows)
        earliest = min(item.rows, key=lambda r: (r.start, r.end, r.precision == "relative"))
        when = _when_row(earliest).replace(" (worked out from another event)", " (estimate)")
        body += (f"<tr><td style='vertical-align:top;text-align:left'>{html.escape(when)}</td>"
                 f"<td style='vertical-align:top;text-align:left'>{html.escape(item.label)}{flag}</td>"
                 f"<td style='vertical-align:top;text-align:left'>{cells}</td></tr>")
    return ("<table><tr><th style='text-align:left'>when (earliest dating)</th><th style='text-align:left'>event (our paraphrase)</th>"
            f"<th style='text-align:left'>what each text says</th></tr>{body}</table>")
