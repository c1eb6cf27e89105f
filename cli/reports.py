"""``ckg report coverage|gaps|review``: what of the plan text the graph covers, the planner's gap
report (Markdown or HTML, the same as ``GET /v1/reports/gaps``), and the expert's review sheet."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from api.analytics_models import gaps_out
from api.report import render_gap_report
from cli.options import add_backend_flags, add_json_flag, on_store, settings
from cli.planner import add_gap_flags, gap_parameters
from cli.render import table
from cli.review_sheet import render_review
from graph.store import GraphStore
from loaders import SeedError, check_seeds
from loaders.coverage import coverage
from queries import analytics
from queries.review import review_sheet

__all__ = ["add_commands"]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser("report", help="reports on the seeds and the graph")
    kinds = report.add_subparsers(dest="kind", required=True)
    covered = kinds.add_parser(
        "coverage", help="every item and target of the text and the nodes that cover it"
    )
    add_json_flag(covered)
    covered.set_defaults(run=_coverage)
    gaps = kinds.add_parser("gaps", help="the planner's gap report: every check and finding")
    gaps.add_argument("--format", default="md", metavar="md|html", help="md (default) or html")
    add_json_flag(gaps)
    add_gap_flags(gaps)
    gaps.set_defaults(run=on_store(_gaps))
    review = kinds.add_parser(
        "review", help="every curated claim with its rationale, for an expert to mark up"
    )
    review.add_argument("--format", default="csv", metavar="csv|html", help="csv (default) or html")
    review.add_argument("--json", action="store_true", help="refused: the sheet is for people, csv or html")
    review.set_defaults(run=on_store(_review))
    for sub in (gaps, review):
        sub.add_argument("--output", help="write the report to this file instead of stdout")
    for sub in (covered, gaps, review):
        add_backend_flags(sub)


def _coverage(args: argparse.Namespace) -> int:
    """Coverage of the plan text; exit 1 when an element has no node."""
    report = check_seeds(settings(args).ckg_seeds)
    if report.errors or report.data is None or report.plan is None:
        raise SeedError(report.errors)
    rows = coverage(report.plan, report.data.nodes, report.covered)
    missing = [row for row in rows if not row.covered]
    if args.json:
        found = [asdict(row) | {"covered": row.covered} for row in rows]
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 1 if missing else 0
    columns = ["element", "kind", "text", "covered by"]
    for section in dict.fromkeys(row.section for row in rows):
        print(f"\n{section}")
        cells = [
            (r.key, r.kind, r.text, ", ".join(r.nodes) or "UNCOVERED") for r in rows if r.section == section
        ]
        print(table(columns, cells, wrap=columns[2:]))
    print(f"\n{len(rows) - len(missing)} of {len(rows)} elements covered; {len(missing)} uncovered")
    return 1 if missing else 0


def _gaps(store: GraphStore, args: argparse.Namespace) -> int:
    model = gaps_out(analytics.gaps(store, gap_parameters(args)))
    if args.json:
        text = model.model_dump_json(indent=2) + "\n"
    else:
        text = render_gap_report(model, args.format, store.backend)  # which refuses another format
    if _write(text, args.output):
        findings = sum(c.count for c in model.checks)
        print(f"wrote {args.output}: {findings} findings in {len(model.checks)} checks")
    return 0


def _review(store: GraphStore, args: argparse.Namespace) -> int:
    if args.json:
        raise ValueError("json: the review sheet is csv or html, for a reviewer to mark up")
    sheet = review_sheet(store)
    text = render_review(sheet, args.format)  # which refuses another format
    # a byte-order mark, so that spreadsheets open the file's Chinese as UTF-8
    if _write(text, args.output, encoding="utf-8-sig" if args.format == "csv" else "utf-8"):
        claims = (
            f"{len(sheet.technologies)} technologies and {len(sheet.relationships)} curated relationships"
        )
        print(f"wrote {args.output}: {claims} to review")
    return 0


def _write(text: str, output: str | None, encoding: str = "utf-8") -> bool:
    """Print the text, or write it to ``output``; whether it went to a file."""
    if not output:
        print(text, end="")
        return False
    with open(output, "w", encoding=encoding, newline="") as out:
        out.write(text)
    return True
