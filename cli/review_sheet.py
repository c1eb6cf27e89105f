"""The review sheet (``ckg report review``) as CSV for a spreadsheet or as one printable,
self-contained HTML page: every curated claim, its rationale, and empty columns for the
reviewer's verdict and comment."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from typing import Literal

from queries.review import RelationshipClaim, ReviewSheet, TechnologyClaims

__all__ = ["ReviewFormat", "COLUMNS", "render_review"]

ReviewFormat = Literal["csv", "html"]
Cell = str | int | None

# One table for a spreadsheet: a technology's row fills the technology columns, a relationship's
# the relationship ones; the reviewer fills verdict and comment.
COLUMNS: tuple[str, ...] = (
    "kind", "subject", "subject_zh", "subject_en", "object", "object_zh", "object_en",
    "trl", "trl_year", "trl_basis", "horizon", "readiness", "readiness_basis", "readiness_rationale",
    "carbon_class", "necessity", "rationale", "verdict", "comment",
)  # fmt: skip
TECH_COLUMNS: tuple[str, ...] = (
    "subject", "subject_zh", "subject_en", "trl", "trl_year", "trl_basis", "horizon", "readiness",
    "readiness_basis", "readiness_rationale", "carbon_class", "rationale", "verdict", "comment",
)  # fmt: skip
REL_COLUMNS: tuple[str, ...] = (
    "kind", "subject", "subject_zh", "subject_en", "object", "object_zh", "object_en", "necessity",
    "rationale", "verdict", "comment",
)  # fmt: skip
TITLE = "Curated claims for review"
INTRO = (
    "Every claim the Carbon Roadmap KG adds to the plan's text: each technology's maturity (TRL, with "
    "its year and basis), horizon (the year the plan asks for the advance it names), readiness (when "
    "it can be deployed at scale: its TRL year if commercial, else its horizon or a curated year) and "
    "carbon class, and every curated relationship with its rationale. Mark each row's verdict (agree, "
    "change, delete) and comment; corrections go back into the seeds' YAML, checked by "
    "ckg load --check."
)
CSS = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222;font-size:12px}
table{border-collapse:collapse;width:100%;margin:1rem 0 2rem}
th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}td.mark{min-width:6rem}td.wide{min-width:14rem}
@media print{body{margin:0;font-size:9px}thead{display:table-header-group}tr{break-inside:avoid}
  h2{break-before:page}h2:first-of-type{break-before:auto}}
"""


def _tech_row(claim: TechnologyClaims) -> dict[str, Cell]:
    node, ready = claim.node, claim.readiness
    return {
        "kind": "Technology",
        "subject": node.id,
        "subject_zh": node.name_zh,
        "subject_en": node.name_en,
        "trl": claim.trl,
        "trl_year": claim.trl_year,
        "trl_basis": claim.trl_basis,
        "horizon": claim.horizon,
        "readiness": ready.year if ready else None,
        "readiness_basis": ready.basis if ready else None,
        "readiness_rationale": claim.readiness_rationale,
        "carbon_class": claim.carbon_class,
        "rationale": claim.rationale,
    }


def _rel_row(claim: RelationshipClaim) -> dict[str, Cell]:
    return {
        "kind": claim.relationship.type,
        "subject": claim.source.id,
        "subject_zh": claim.source.name_zh,
        "subject_en": claim.source.name_en,
        "object": claim.target.id,
        "object_zh": claim.target.name_zh,
        "object_en": claim.target.name_en,
        "necessity": claim.necessity,
        "rationale": claim.rationale,
    }


def _spreadsheet_safe(value: Cell) -> str:
    """A cell as text that no spreadsheet runs as a formula (a leading = + - @ is quoted)."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if isinstance(value, str) and text[:1] in ("=", "+", "-", "@") else text


def _csv(sheet: ReviewSheet) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    rows = [_tech_row(c) for c in sheet.technologies] + [_rel_row(c) for c in sheet.relationships]
    for row in rows:
        writer.writerow([_spreadsheet_safe(row.get(column)) for column in COLUMNS])
    return out.getvalue()


def _h(value: Cell) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def _table(caption: str, columns: Sequence[str], rows: list[dict[str, Cell]]) -> list[str]:
    def css(column: str) -> str:
        if column in ("verdict", "comment"):
            return ' class="mark"'
        return ' class="wide"' if column.endswith(("rationale", "basis")) else ""

    out = [f"<h2>{_h(caption)} ({len(rows)})</h2>", "<table>", "<thead><tr>"]
    out += [f"<th>{_h(column.replace('_', ' '))}</th>" for column in columns]
    out += ["</tr></thead>", "<tbody>"]
    for row in rows:
        cells = "".join(f"<td{css(c)}>{_h(row.get(c))}</td>" for c in columns)
        out.append(f"<tr>{cells}</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _html(sheet: ReviewSheet) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">']
    out += [f"<title>{_h(TITLE)}</title>", f"<style>{CSS}</style>", "</head>", "<body>"]
    out += [f"<h1>{_h(TITLE)}</h1>", f"<p>{_h(INTRO)}</p>"]
    out += _table("Technologies", TECH_COLUMNS, [_tech_row(c) for c in sheet.technologies])
    out += _table("Curated relationships", REL_COLUMNS, [_rel_row(c) for c in sheet.relationships])
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render_review(sheet: ReviewSheet, fmt: ReviewFormat = "csv") -> str:
    """The review sheet as text.

    Parameters
    ----------
    sheet : from ``queries.review.review_sheet``.
    fmt : ``csv`` (one table, ``COLUMNS``, a row per technology then per curated relationship;
        a cell a spreadsheet would run as a formula is quoted with a leading ') or ``html`` (a
        printable page with a table of technologies and one of relationships, every text escaped,
        nothing loaded from elsewhere).

    Returns
    -------
    str : the whole sheet; verdict and comment are left empty.

    Raises
    ------
    ValueError : an unknown format.
    """
    if fmt == "csv":
        return _csv(sheet)
    if fmt == "html":
        return _html(sheet)
    raise ValueError(f"format: must be csv or html, got {fmt!r}")
