"""How the essay's citation check scales: answers of 1,000 to 20,000 citations (every one distinct, most of them
to paragraphs that do not exist, the worst case), checked and reported as the "Check my citations" button does.

A figure for humans, not a timed test: microseconds per citation stay flat when the check is linear in the
answer's length. (Before issue 12's part B it was quadratic: 20,000 citations took 154 s.)
"""

from __future__ import annotations

import time

SIZES = (1_000, 2_000, 5_000, 10_000, 20_000)


def _answer(n: int) -> str:
    sources = ("rsis", "38north", "bbc")
    return " ".join(f"As {sources[i % 3]} ¶{i // 3 + 1} says, the summit mattered." for i in range(n))


def bench_essay(runs: int = 3) -> dict:
    """Seconds and microseconds per citation for ``essay.report_html`` on answers of each size (best of ``runs``)."""
    from summitkit import essay

    out = []
    for n in SIZES:
        text = _answer(n)
        best = float("inf")
        for _ in range(max(runs, 1)):
            start = time.perf_counter()
            essay.report_html(text)
            best = min(best, time.perf_counter() - start)
        out.append({"citations": n, "seconds": round(best, 4), "us_per_citation": round(1e6 * best / n, 2)})
        print(f"essay: {n} citations checked in {best:.3f} s ({1e6 * best / n:.1f} us per citation)", flush=True)
    return {"runs": out}


def report_line(results: dict) -> str:
    """One line for the README's benchmark section."""
    runs = results["runs"]
    first, last = runs[0], runs[-1]
    return (
        f'- Essay citation check ("Check my citations"), {first["citations"]} to {last["citations"]} distinct citations: '
        f"{first['seconds']} s to {last['seconds']} s, {first['us_per_citation']} → {last['us_per_citation']} µs per citation "
        "(flat: linear in the answer; it was quadratic, 154 s for 20,000 citations)."
    )


if __name__ == "__main__":  # pragma: no cover - python -m bench.essay
    print(report_line(bench_essay()))
