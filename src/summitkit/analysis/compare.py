"""Lesson 04's comparison of the analyses: claims by topic and relation, shared remarks, framing words.

Every function works for any number of sources: they come from ``data/sources.csv`` and from the
``<id>_paragraph`` / ``<id>_quote`` columns of ``data/claims.csv``. The relations are those of
:mod:`summitkit.relations`. The functions that count take the claims as an argument (default: the
course's table), so they can be tried on a made-up table.

>>> from summitkit.tables import Claim
>>> toy = [Claim("a", "outcome", "agree", {}, "x"), Claim("b", "outcome", "emphasis", {}, "y"),
...        Claim("c", "japan", "agree", {}, "z")]
>>> counts(toy)
Counter({('outcome', 'agree'): 1, ('outcome', 'emphasis'): 1, ('japan', 'agree'): 1})
>>> by_topic(toy, ("agree", "emphasis"))
{'outcome': {'agree': 1, 'emphasis': 1}, 'japan': {'agree': 1, 'emphasis': 0}}
>>> totals(toy, ("agree", "emphasis", "contradict"))
{'agree': 2, 'emphasis': 1, 'contradict': 0}
>>> finding(toy, ("agree", "emphasis", "contradict"))
'2 of 3 claims agree, none contradict: where both texts speak to a point, they mostly agree'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from summitkit.analysis.textstats import STOP_WORDS, quotations, words
from summitkit.citations import Citation, find_quote
from summitkit.relations import for_sources
from summitkit.relations import label as relation_label
from summitkit.sources import ordered_sources, paragraph
from summitkit.tables import Claim, claims

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

# Words the texts use to cast Russia (and the summit) in a role; lesson 04 reads them as framing.
ROLE_PHRASES = (
    "drive-by summit",
    "a player in the North Korea game",
    "major player",
    "supporting actors",
    "second fiddle",
    "kingmaker",
    "playground",
    "great power",
    "key player",
    "entered the fray",
    "Asia-Pacific power",
    "positive role",
)


def _claims(rows: Iterable[Claim] | None) -> list[Claim]:
    return list(claims() if rows is None else rows)


def sources(rows: Iterable[Claim] | None = None) -> list[str]:
    """Every source, in the order of sources.csv (and any other source the claims quote)."""
    return ordered_sources(s for c in _claims(rows) for s in c.quotes)


def shown_relations(rows: Iterable[Claim] | None = None) -> tuple[str, ...]:
    """The relations the figure, its legend and the claim reader list: those marked ``always`` and those in use."""
    found = _claims(rows)
    used = {c.relation for c in found}
    listed = tuple(r.id for r in for_sources(sources(found)) if r.always or r.id in used)
    return listed + tuple(r for r in dict.fromkeys(c.relation for c in found) if r not in listed)


def topic_label(topic: str) -> str:
    """A topic id as words (``kim-motives`` -> ``Kim's motives``; an unknown id: hyphens become spaces).

    >>> topic_label("un-security-council"), topic_label("new-topic")
    ('UN Security Council', 'new topic')
    """
    if topic in _TOPICS:
        return _TOPICS[topic]
    parts = topic.replace("_", " ").replace("-", " ").split()
    return " ".join(w.upper() if w in ("un", "us", "asean", "unsc") else w for w in parts)


def counts(rows: Iterable[Claim] | None = None) -> Counter[tuple[str, str]]:
    """Claims per ``(topic, relation)``."""
    return Counter((c.topic, c.relation) for c in _claims(rows))


def by_topic(rows: Iterable[Claim] | None = None, relations: Sequence[str] | None = None) -> dict[str, dict[str, int]]:
    """``{topic: {relation: n}}`` for every relation shown, topics in order of first appearance."""
    found = _claims(rows)
    rels = shown_relations(found) if relations is None else tuple(relations)
    tally = counts(found)
    return {t: {r: tally.get((t, r), 0) for r in rels} for t in dict.fromkeys(c.topic for c in found)}


def totals(rows: Iterable[Claim] | None = None, relations: Sequence[str] | None = None) -> dict[str, int]:
    """Claims per relation over all topics, every relation shown (0 if none)."""
    found = _claims(rows)
    rels = shown_relations(found) if relations is None else tuple(relations)
    tally = Counter(c.relation for c in found)
    return {r: tally.get(r, 0) for r in rels}


def of_relation(relation: str, rows: Iterable[Claim] | None = None) -> list[Claim]:
    """The claims with one relation, in the table's order."""
    return [c for c in _claims(rows) if c.relation == relation]


def finding(rows: Iterable[Claim] | None = None, relations: Sequence[str] | None = None) -> str:
    """The finding of the agreement figure in one sentence, worked out from the counts (see the module's examples)."""
    found = _claims(rows)
    total = totals(found, relations)
    n = sum(total.values())
    if not n:
        return "No claims to compare yet"
    top, top_n = max(total.items(), key=lambda kv: kv[1])
    parts = [f"{top_n} of {n} claims {relation_label(top)}"]
    if top != "agree" and total.get("agree"):
        parts.append(f"{total['agree']} agree")
    fights = total.get("contradict", 0)
    parts.append(f"only {fights} contradict{'s' if fights == 1 else ''}" if fights else "none contradict")
    seeming = total.get("apparent-contradiction", 0)
    if seeming:
        parts[-1] += f" ({seeming} apparent contradiction{'s' if seeming > 1 else ''})"
    n_sources = max(len(sources(found)), 2)
    where = "where both texts speak to a point" if n_sources == 2 else "where more than one text speaks to a point"
    shared = sum(v for r, v in total.items() if not r.startswith("only-"))
    if total.get("emphasis", 0) * 2 > shared:
        return f"{', '.join(parts)}: {where}, they mostly weigh it differently"
    if total.get("agree", 0) * 2 > shared:
        return f"{', '.join(parts)}: {where}, they mostly agree"
    return ", ".join(parts)


def _words(text: str) -> list[str]:
    """The words of a text as textstats counts them, straight and curly apostrophes alike."""
    return words(text.replace("'", "’"))


def _runs(items: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(items[i : i + n]) for i in range(len(items) - n + 1)}


def shared_remark(claim: Claim, min_words: int = 2) -> str:
    """Words someone is quoted as saying that two sources' cited paragraphs both use ('' if none).

    The words must stand inside “ ” in at least one cited paragraph (so they are a remark,
    not the author's own words), appear in the paragraphs of at least two sources, and
    appear in at least one of the claim's own quotations (so the row is about that remark).
    The longest such run of words is returned.
    """
    paragraphs = {sid: paragraph(sid, number) for sid, (number, _) in claim.quotes.items()}
    if len(paragraphs) < 2:
        return ""
    quotes = [_words(q) for _, q in claim.quotes.values()]
    per_source = {sid: _words(text) for sid, text in paragraphs.items()}
    best: tuple[str, ...] = ()
    cache: dict[tuple[str, int], set[tuple[str, ...]]] = {}

    def runs(sid: str, n: int) -> set[tuple[str, ...]]:
        if (sid, n) not in cache:
            cache[(sid, n)] = _runs(per_source[sid], n)
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
                    users = sum(1 for other in per_source if run in runs(other, n))
                    if users >= 2 and any(run in _runs(q, n) for q in quotes):
                        best = max(best, run, key=len)
    return " ".join(best)


def same_evidence(rows: Iterable[Claim] | None = None) -> list[tuple[Claim, str]]:
    """Same evidence, two readings: ``emphasis`` claims whose sources quote the same remark, with its words."""
    out = []
    for claim in of_relation("emphasis", rows):
        remark = shared_remark(claim)
        if remark:
            out.append((claim, remark))
    return out


def framing(phrases: Sequence[str] = ROLE_PHRASES) -> dict[str, dict[str, list[Citation]]]:
    """Where each phrase occurs: ``{phrase: {source id: [citations]}}``, every source listed."""
    ids = sources()
    out = {}
    for phrase in phrases:
        found = find_quote(phrase)
        out[phrase] = {s: [c for c in found if c.source == s] for s in ids}
    return out
