"""Lesson 04's views of the claims table: counts, the agreement figure, and the claim reader.

Every function works for any number of sources: they come from ``data/sources.csv``
and from the ``<id>_paragraph`` / ``<id>_quote`` columns of ``data/claims.csv``.
The functions that count take the claims as an argument (default: the course's table),
so they can be tried on a made-up table.

>>> from summitkit.tables import Claim
>>> toy = [Claim("a", "outcome", "agree", {}, "x"), Claim("b", "outcome", "emphasis", {}, "y"),
...        Claim("c", "japan", "agree", {}, "z")]
>>> counts(toy, relations=("agree", "emphasis"))
{'outcome': {'agree': 1, 'emphasis': 1}, 'japan': {'agree': 1, 'emphasis': 0}}
>>> relation_label("only-rsis")
'only in rsis'
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from summitkit.citations import Citation
from summitkit.tables import Claim
from summitkit.tables import relations as allowed_relations

# Okabe-Ito colours (safe for the common kinds of colour blindness), each paired with a hatch
# pattern so that the bars can be told apart in grey or by someone who sees no colour at all.
_STYLES = {
    "agree": ("#009E73", ""),
    "emphasis": ("#E69F00", "//"),
    "contradict": ("#D55E00", "xx"),
}
_ONLY_STYLES = [("#56B4E9", ".."), ("#0072B2", "\\\\"), ("#CC79A7", "oo"), ("#F0E442", "++"), ("#999999", "--")]
_LABELS = {"agree": "agree", "emphasis": "differ in emphasis", "contradict": "contradict"}


def _claims(claims: Iterable[Claim] | None) -> list[Claim]:
    if claims is None:
        from summitkit.tables import claims as load

        return list(load())
    return list(claims)


def _relations(claims: list[Claim], relations: Sequence[str] | None) -> tuple[str, ...]:
    if relations is not None:
        return tuple(relations)
    known = allowed_relations()
    extra = [r for r in dict.fromkeys(c.relation for c in claims) if r not in known]
    return tuple(known) + tuple(extra)


def relation_label(relation: str) -> str:
    """The words a learner reads for a relation (``only-rsis`` -> ``only in rsis``)."""
    if relation.startswith("only-"):
        return f"only in {relation[5:]}"
    return _LABELS.get(relation, relation)


_TOPICS = {
    "russia-china-us": "Russia, China and the US",
    "russia-motives": "Russia's motives",
    "russia-weight": "Russia's weight",
    "kim-motives": "Kim's motives",
    "economic-help-and-sanctions": "economic help and sanctions",
    "denuclearisation-and-guarantees": "denuclearisation and guarantees",
    "build-up": "the build-up",
    "departure": "Kim's departure",
    "six-party-talks": "Six-Party Talks",
    "south-korea": "South Korea",
    "japan": "Japan",
    "un-security-council": "UN Security Council",
}


def topic_label(topic: str) -> str:
    """A topic id as words (``kim-motives`` -> ``Kim's motives``; an unknown id: hyphens become spaces).

    >>> topic_label("un-security-council"), topic_label("new-topic")
    ('UN Security Council', 'new topic')
    """
    if topic in _TOPICS:
        return _TOPICS[topic]
    words = topic.replace("_", " ").replace("-", " ").split()
    return " ".join(w.upper() if w in ("un", "us", "asean", "unsc") else w for w in words)


def style(relation: str, relations: Sequence[str]) -> tuple[str, str]:
    """(colour, hatch) of a relation; the ``only-`` relations take the next free pair in turn."""
    if relation in _STYLES:
        return _STYLES[relation]
    others = [r for r in relations if r not in _STYLES]
    return _ONLY_STYLES[others.index(relation) % len(_ONLY_STYLES)] if relation in others else ("#999999", "")


def counts(claims: Iterable[Claim] | None = None, relations: Sequence[str] | None = None) -> dict[str, dict[str, int]]:
    """Claims per topic and relation: ``{topic: {relation: n}}``, topics in order of first appearance."""
    rows = _claims(claims)
    rels = _relations(rows, relations)
    table: dict[str, dict[str, int]] = {}
    for claim in rows:
        cell = table.setdefault(claim.topic, dict.fromkeys(rels, 0))
        if claim.relation in cell:
            cell[claim.relation] += 1
    return table


def totals(claims: Iterable[Claim] | None = None, relations: Sequence[str] | None = None) -> dict[str, int]:
    """Claims per relation over all topics.

    >>> from summitkit.tables import Claim
    >>> totals([Claim("a", "t", "agree", {}, ""), Claim("b", "u", "agree", {}, "")], relations=("agree", "contradict"))
    {'agree': 2, 'contradict': 0}
    """
    rows = _claims(claims)
    rels = _relations(rows, relations)
    out = dict.fromkeys(rels, 0)
    for claim in rows:
        if claim.relation in out:
            out[claim.relation] += 1
    return out


def of_relation(relation: str, claims: Iterable[Claim] | None = None) -> list[Claim]:
    """The claims with one relation, in the table's order."""
    return [c for c in _claims(claims) if c.relation == relation]


def _words(text: str) -> list[str]:
    """The words of a text as textstats counts them, straight and curly apostrophes alike."""
    from summitkit.textstats import words

    return words(text.replace("'", "’"))


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def shared_remark(claim: Claim, min_words: int = 2) -> str:
    """Words someone is quoted as saying that two sources' cited paragraphs both use ('' if none).

    The words must stand inside “ ” in at least one cited paragraph (so they are a remark,
    not the author's own words), appear in the paragraphs of at least two sources, and
    appear in at least one of the claim's own quotations (so the row is about that remark).
    The longest such run of words is returned.
    """
    from summitkit.sources import paragraph
    from summitkit.textstats import STOP_WORDS, quotations

    paragraphs = {sid: paragraph(sid, number) for sid, (number, _) in claim.quotes.items()}
    if len(paragraphs) < 2:
        return ""
    quotes = [_words(q) for _, q in claim.quotes.values()]
    words = {sid: _words(text) for sid, text in paragraphs.items()}
    best: tuple[str, ...] = ()
    cache: dict[tuple[str, int], set[tuple[str, ...]]] = {}

    def runs(sid: str, n: int) -> set[tuple[str, ...]]:
        if (sid, n) not in cache:
            cache[(sid, n)] = _runs(words[sid], n)
        return cache[(sid, n)]

    for text in paragraphs.values():
        for remark in quotations(text):
            said = _words(remark)
            for n in range(len(said), min_words - 1, -1):
                if n <= len(best):
                    break
                for run in _runs(said, n):
                    if all(w in STOP_WORDS for w in run):
                        continue
                    users = sum(1 for other in words if run in runs(other, n))
                    if users >= 2 and any(run in _runs(q, n) for q in quotes):
                        best = max(best, run, key=len)
    return " ".join(best)


def same_evidence(claims: Iterable[Claim] | None = None) -> list[tuple[Claim, str]]:
    """Same evidence, two readings: ``emphasis`` claims whose sources quote the same remark, with its words."""
    out = []
    for claim in of_relation("emphasis", claims):
        remark = shared_remark(claim)
        if remark:
            out.append((claim, remark))
    return out


def headline(claims: Iterable[Claim] | None = None, relations: Sequence[str] | None = None) -> str:
    """The finding of the agreement figure in one sentence, worked out from the counts."""
    rows = _claims(claims)
    total = totals(rows, relations)
    n = sum(total.values())
    if not n:
        return "No claims to compare yet"
    ranked = sorted(total.items(), key=lambda kv: -kv[1])
    top, top_n = ranked[0]
    parts = [f"{top_n} of {n} claims {relation_label(top)}"]
    if top != "agree" and total.get("agree"):
        parts.append(f"{total['agree']} agree")
    fights = total.get("contradict", 0)
    parts.append(f"only {fights} contradict{'s' if fights == 1 else ''}" if fights else "none contradict")
    shared = sum(total.get(r, 0) for r in _STYLES)
    if total.get("emphasis", 0) * 2 > shared:
        return f"{', '.join(parts)}: where both texts speak to a point, they mostly weigh it differently"
    if total.get("agree", 0) * 2 > shared:
        return f"{', '.join(parts)}: where both texts speak to a point, they mostly agree"
    return ", ".join(parts)


def figure(caption: str | None = "Text description of the figure"):  # -> figures.Picture
    """The lesson's agreement figure with its description (built once by ``run.py build``; drawn now if the data changed)."""
    from summitkit.figures import lesson_figure

    return lesson_figure("agreement", alt_text, caption)


def plot_agreement(claims: Iterable[Claim] | None = None, relations: Sequence[str] | None = None):  # -> matplotlib.figure.Figure
    """A stacked bar per topic: how many claims the sources agree on, differ on, contradict or only one makes.

    Each relation has its own colour *and* hatching, each bar segment is labelled with its count,
    topics are sorted by number of claims and the title states the finding.
    Built on a bare :class:`matplotlib.figure.Figure` (no pyplot state).
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    rows = _claims(claims)
    rels = _relations(rows, relations)
    table = counts(rows, rels)
    topics = sorted(table, key=lambda t: (sum(table[t].values()), [-table[t][r] for r in rels]))  # largest at the top
    fig = Figure(figsize=(9.5, 0.42 * len(topics) + 2.2), layout="constrained")
    ax = fig.add_subplot()
    left = [0] * len(topics)
    for relation in rels:
        colour, hatch = style(relation, rels)
        values = [table[t][relation] for t in topics]
        bars = ax.barh([topic_label(t) for t in topics], values, left=left, color=colour, hatch=hatch,
                       edgecolor="black", linewidth=0.6, label=relation_label(relation))
        for bar, value in zip(bars, values):
            if value:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, str(value),
                        ha="center", va="center", fontsize=9, fontweight="bold",
                        bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.9))
        left = [a + b for a, b in zip(left, values)]
    widest = max(left, default=1)
    ax.set_xlim(0, widest + 0.5)
    ax.set_xticks(range(0, widest + 1))
    ax.set_xlabel("Number of claims in the comparison table (data/claims.csv)")
    ax.set_ylabel("Topic")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(facecolor=style(r, rels)[0], hatch=style(r, rels)[1], edgecolor="black", label=relation_label(r)) for r in rels]
    ax.legend(handles=handles, title="How the texts relate", loc="lower right", frameon=True, fontsize=9)
    ax.set_title(_wrap(headline(rows, rels), 80), loc="left", fontsize=11.5, fontweight="bold")
    fig.summitkit_alt = alt_text(rows, rels)
    return fig


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def alt_text(claims: Iterable[Claim] | None = None, relations: Sequence[str] | None = None) -> str:
    """What the agreement figure shows, in words, for a reader who cannot see it."""
    rows = _claims(claims)
    rels = _relations(rows, relations)
    table = counts(rows, rels)
    total = totals(rows, rels)
    overall = "; ".join(f"{relation_label(r)}: {n}" for r, n in total.items())
    topics = sorted(table, key=lambda t: -sum(table[t].values()))
    per_topic = "; ".join(
        f"{topic_label(t)}: " + ", ".join(f"{n} {relation_label(r)}" for r, n in table[t].items() if n) for t in topics)
    return (f"Horizontal stacked bar chart of {len(rows)} claims in {len(table)} topics, one bar per topic, "
            f"each bar split by how the sources relate on that claim. {headline(rows, rels)}. "
            f"Totals: {overall}. By topic, largest first: {per_topic}.")


def _source_ids(claims: list[Claim]) -> list[str]:
    from summitkit.sources import source_ids

    known = source_ids()
    extra = [s for c in claims for s in c.quotes if s not in known]
    return known + list(dict.fromkeys(extra))


def side_by_side(claim_id: str, claims: Iterable[Claim] | None = None) -> str:
    """One claim as safe HTML: each source's cited paragraph in its own column, then our paraphrase."""
    rows = _claims(claims)
    claim = next((c for c in rows if c.id == claim_id), None)
    if claim is None:
        raise KeyError(f"no claim {claim_id!r} in data/claims.csv")
    columns = []
    for sid in _source_ids(rows):
        if sid in claim.quotes:
            number, quote = claim.quotes[sid]
            body = (f"<div><b>Key words quoted:</b> “{html.escape(quote)}”</div>" + Citation(sid, number).html())
        else:
            body = f"<div style='color:#555'><i>{html.escape(sid)} does not make this point (so our table records).</i></div>"
        columns.append(f"<div style='flex:1 1 18em;min-width:16em;padding:0 0.5em'><h4 style='margin:0.2em 0'>{html.escape(sid)}</h4>{body}</div>")
    return (
        f"<div class='summit-claim' style='max-width:70em'>"
        f"<div><b>Claim</b> <code>{html.escape(claim.id)}</code> · topic: {html.escape(topic_label(claim.topic))} · "
        f"the sources <b>{html.escape(relation_label(claim.relation))}</b></div>"
        f"<div style='display:flex;flex-wrap:wrap;gap:0.5em;margin:0.4em 0'>{''.join(columns)}</div>"
        f"<div style='background:#f4f4f4;padding:0.4em'><b>Our paraphrase</b> (the course's summary, not the authors' words): "
        f"{html.escape(claim.explanation)}</div></div>"
    )


def claim_reader(start: str | None = None, relation: str | None = None):  # -> ipywidgets.VBox
    """A widget to flip through the claims, optionally of one relation, with the passages side by side."""
    import ipywidgets as w

    from summitkit.controls import row

    rows = _claims(None)
    rels = _relations(rows, None)
    pick_relation = w.Dropdown(options=[("all claims", "")] + [(relation_label(r), r) for r in rels],
                               value=relation or "", description="Show:")
    pick_claim = w.Dropdown(description="Claim:", layout=w.Layout(width="40em"))
    prev_button = w.Button(description="◀ Previous", tooltip="Previous claim")
    next_button = w.Button(description="Next ▶", tooltip="Next claim")
    position = w.Label()
    page = w.HTML()

    def chosen() -> list[Claim]:
        return [c for c in rows if not pick_relation.value or c.relation == pick_relation.value]

    def fill(*_):
        keep = pick_claim.value
        claims = chosen()
        pick_claim.options = [(f"{topic_label(c.topic)} · {c.id}", c.id) for c in claims]
        ids = [c.id for c in claims]
        pick_claim.value = keep if keep in ids else (ids[0] if ids else None)
        show()

    def show(*_):
        ids = [c.id for c in chosen()]
        if pick_claim.value not in ids:
            page.value, position.value = "<i>No claims of this kind.</i>", ""
            return
        at = ids.index(pick_claim.value)
        position.value = f"{at + 1} of {len(ids)}"
        prev_button.disabled, next_button.disabled = at == 0, at == len(ids) - 1
        page.value = side_by_side(pick_claim.value, rows)

    def step(delta: int) -> None:
        ids = [c.id for c in chosen()]
        if pick_claim.value in ids:
            pick_claim.value = ids[min(max(0, ids.index(pick_claim.value) + delta), len(ids) - 1)]

    pick_relation.observe(fill, names="value")
    pick_claim.observe(show, names="value")
    prev_button.on_click(lambda _: step(-1))
    next_button.on_click(lambda _: step(1))
    fill()
    if start in [c.id for c in chosen()]:
        pick_claim.value = start
    box = w.VBox([row(pick_relation, pick_claim), row(prev_button, position, next_button), page])
    box.pick_relation, box.pick_claim, box.page = pick_relation, pick_claim, page  # handles for tests
    box.prev_button, box.next_button = prev_button, next_button
    return box


# Words the two texts use to cast Russia (and the summit) in a role; lesson 04 reads them as framing.
ROLE_PHRASES = ("drive-by summit", "a player in the North Korea game", "major player", "supporting actor", "second fiddle",
                "kingmaker", "playground", "great power", "key player", "entered the fray", "Asia-Pacific power", "positive role")


def framing_html(phrases: Sequence[str] = ROLE_PHRASES) -> str:
    """Where each phrase occurs in each source, as a table of citations ("—": not used)."""
    from summitkit.sources import find_quote, source_ids

    ids = source_ids()
    head = "".join(f"<th style='text-align:left'>{html.escape(s)}</th>" for s in ids)
    body = []
    for phrase in phrases:
        found = find_quote(phrase)
        cells = "".join(
            "<td style='text-align:left'>" + (", ".join(html.escape(str(c)) for c in found if c.source == s) or "—") + "</td>"
            for s in ids)
        body.append(f"<tr><td style='text-align:left'>“{html.escape(phrase)}”</td>{cells}</tr>")
    return f"<table><tr><th style='text-align:left'>Words</th>{head}</tr>{''.join(body)}</table>"
