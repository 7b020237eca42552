"""The ingest report: one row per capture, then the totals; errors to stderr, one line each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from sitegen.errors import one_line
from sitegen.ingest.pending import Outcome


def print_report(
    outcomes: Sequence[Outcome], out: TextIO, err: TextIO, verbose: bool = False
) -> int:
    """Print the table (and each removal when verbose) and totals; 1 when any capture failed."""
    rows = [o for o in outcomes if o.status not in ("error", "skipped")]
    if rows:
        # Names and removed text are escaped: a line break, a terminal escape or a
        # right-to-left override in them must not break or disguise the table.
        names = {o.seed: one_line(o.seed) for o in rows}
        width = max(map(len, names.values()))
        out.write(f"{'capture':<{width}}  {'status':<11}  {'removed':>7}  review / article\n")
        for o in rows:
            note = ", ".join(o.review) or "-"
            name = names[o.seed]
            out.write(
                f"{name:<{width}}  {o.status:<11}  {len(o.removed):>7}  {note} -> {o.slug}.md\n"
            )
            for removal in o.removed if verbose else ():
                text = removal.text if len(removal.text) <= 70 else removal.text[:69] + "…"
                out.write(f"    line {removal.lines:>5}  {removal.rule:<32}  {one_line(text)}\n")
    for o in outcomes:
        if o.status == "error":
            err.write(f"error: {o.message}\n")
        err.writelines(f"warning: {w}\n" for w in o.warnings)
    counts = Counter(o.status for o in outcomes)
    review = sum(1 for o in rows if o.review)
    out.write(
        f"{counts['ingested']} ingested, {counts['unchanged']} unchanged, "
        f"{counts['skipped']} skipped, {counts['kept-edited']} kept (edited by a person), "
        f"{review} need review, {counts['error']} errors\n"
    )
    return 1 if counts["error"] else 0
