"""The planner's commands of ``ckg``: gaps, impact, critical, chains, the gap report, export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from api.analytics_models import chains_out, critical_out, gap_check_out, gaps_out, impact_out
from api.report import ReportFormat, arrow_path, figures_text, render_gap_report
from api.review_report import ReviewFormat, render_review
from api.table import emit, render_table
from graph.store import GraphStore
from queries import analytics
from queries.analytics import GAP_KINDS, METRICS
from queries.export import FORMATS, export
from queries.review import review_sheet

__all__ = ["PLANNER", "add_gap_flags", "add_planner_commands"]


def add_gap_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("gap checks")
    group.add_argument("--horizon-max", type=int, help="undemonstrated: latest horizon due: 2025, 2030, 2060")
    group.add_argument("--no-reserve", action="store_true", help="undemonstrated: leave out the 2060 reserve")
    group.add_argument("--trl-2025", type=int, help="unsupported_milestone: TRL a 2025 milestone needs")
    group.add_argument("--trl-2030", type=int, help="unsupported_milestone: TRL a later milestone needs")
    add_enabling_flag(group)


def add_enabling_flag(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    parser.add_argument(
        "--include-enabling",
        action="store_true",
        help="follow enabling dependencies too (by default only essential ones)",
    )


def add_planner_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    add_backend_flags: Callable[[argparse.ArgumentParser], None],
) -> None:
    gaps = commands.add_parser("gaps", help="the plan's gaps: a summary of every check, or one check")
    gaps.add_argument("kind", nargs="?", help=f"one of {', '.join(GAP_KINDS)}")
    add_gap_flags(gaps)
    impact = commands.add_parser("impact", help="what is held up if a technology stalls")
    impact.add_argument("id")
    impact.add_argument("--limit", type=int, help="at most this many of each group (default 20)")
    impact.add_argument("--offset", type=int, help="skip this many of each group")
    critical = commands.add_parser("critical", help="technologies ranked by how much hangs on them")
    critical.add_argument("--metric", default="dependents", help=f"one of {', '.join(METRICS)}")
    critical.add_argument("--limit", type=int)
    chains = commands.add_parser("chains", help="the technology chains that lead to a milestone")
    chains.add_argument("milestone_id")
    chains.add_argument("--limit", type=int)
    for sub in (impact, critical, chains):
        add_enabling_flag(sub)
    for sub in (gaps, impact, critical, chains):
        sub.add_argument("--json", action="store_true", help="print the API's JSON")
        add_backend_flags(sub)
    exporter = commands.add_parser("export", help="the whole graph as json, graphml, cypher or csv (zip)")
    exporter.add_argument("--format", choices=FORMATS, default="json")
    exporter.add_argument("--output", help="write to this file (default: stdout; csv is a zip, so a file)")
    add_backend_flags(exporter)


def _gap_parameters(args: argparse.Namespace) -> analytics.GapParameters:
    reserve = False if args.no_reserve else None
    return analytics.gap_parameters(
        args.horizon_max, reserve, args.trl_2025, args.trl_2030, args.include_enabling
    )


def _gaps(store: GraphStore, args: argparse.Namespace) -> int:
    params = _gap_parameters(args)
    if args.kind is None:
        model = gaps_out(analytics.gaps(store, params))
        rows = [(c.kind, c.count, c.description) for c in model.checks]
        emit(args, model, render_table(["kind", "count", "description"], rows, max_width=100))
        return 0
    check = gap_check_out(analytics.gap(store, args.kind, params))
    behind = [arrow_path(f.path, names=False) if f.path else figures_text(f.figures) for f in check.items]
    found = [(f.nodes[0].id, f.nodes[0].name_zh, b) for f, b in zip(check.items, behind, strict=True)]
    table = render_table(["node", "name_zh", "path or figures"], found, max_width=90)
    why = "\n".join(f"{i}. {f.explanation}" for i, f in enumerate(check.items, start=1))
    emit(args, check, f"{check.kind} ({check.count}): {check.description}\n{table}\n\n{why}".rstrip())
    return 0


def _impact(store: GraphStore, args: argparse.Namespace) -> int:
    found = analytics.impact(store, args.id, args.include_enabling, args.limit, args.offset)
    model = impact_out(found)
    along = "essential and enabling" if model.include_enabling else "essential"
    parts = [
        f"if {model.root.id} stalls (following {along} dependencies): "
        + ", ".join(f"{n} {label}" for label, n in model.counts.items())
    ]
    for title, group in (("technologies", model.technologies), ("demonstrations", model.demonstrations),
                         ("milestones", model.milestones)):  # fmt: skip
        rows = [(i.depth, i.node.id, i.node.name_zh, arrow_path(i.chain, names=False)) for i in group.items]
        shown = f"{group.offset + 1}–{group.offset + len(group.items)} of {group.total}" if rows else "none"
        table = render_table(["depth", "id", "name_zh", "chain"], rows, max_width=90)
        parts.append(f"\n{title} ({shown}):\n{table}")
    emit(args, model, "\n".join(parts))
    return 0


def _critical(store: GraphStore, args: argparse.Namespace) -> int:
    ranked = analytics.critical(store, args.metric, args.limit, args.include_enabling)
    model = critical_out(args.metric, ranked, args.include_enabling)
    rows = [(n, i.value, i.node.id, i.node.name_zh, i.node.name_en) for n, i in enumerate(model.items, 1)]
    table = render_table(["rank", "value", "id", "name_zh", "name_en"], rows)
    emit(args, model, f"by {model.metric}:\n{table}")
    return 0


def _chains(store: GraphStore, args: argparse.Namespace) -> int:
    model = chains_out(
        analytics.milestone_chains(store, args.milestone_id, args.limit, args.include_enabling)
    )
    rows = [
        (
            c.weakest.id if c.weakest else "–",
            c.weakest.trl if c.weakest else "–",
            arrow_path(c.path, names=False),
        )
        for c in model.chains
    ]
    head = f"{model.total} chain(s) lead to {model.milestone.id}; {len(model.chains)} shown, weakest first:"
    emit(args, model, head + "\n" + render_table(["weakest", "trl", "chain"], rows, max_width=120))
    return 0


def _write(text: str, output: str | None, encoding: str = "utf-8") -> bool:
    """Print the text, or write it to ``output``; whether it went to a file."""
    if not output:
        print(text, end="")
        return False
    with open(output, "w", encoding=encoding, newline="") as out:
        out.write(text)
    return True


def _gap_report(store: GraphStore, args: argparse.Namespace) -> int:
    fmt: ReportFormat = args.format or "md"  # render_gap_report refuses any other
    model = gaps_out(analytics.gaps(store, _gap_parameters(args)))
    text = (
        model.model_dump_json(indent=2) + "\n" if args.json else render_gap_report(model, fmt, store.backend)
    )
    if _write(text, args.output):
        findings = sum(c.count for c in model.checks)
        print(f"wrote {args.output}: {findings} findings in {len(model.checks)} checks")
    return 0


def _review_report(store: GraphStore, args: argparse.Namespace) -> int:
    if args.json:
        raise ValueError("json: the review sheet is csv or html, for a reviewer to mark up")
    fmt: ReviewFormat = args.format or "csv"  # render_review refuses any other
    sheet = review_sheet(store)
    # a byte-order mark, so that spreadsheets open the file's Chinese as UTF-8
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    if _write(render_review(sheet, fmt), args.output, encoding):
        claims = (
            f"{len(sheet.technologies)} technologies and {len(sheet.relationships)} curated relationships"
        )
        print(f"wrote {args.output}: {claims} to review")
    return 0


def _report(store: GraphStore, args: argparse.Namespace) -> int:
    return _review_report(store, args) if args.kind == "review" else _gap_report(store, args)


def _export(store: GraphStore, args: argparse.Namespace) -> int:
    exported = export(store, args.format)
    if not args.output:
        if args.format == "csv" and sys.stdout.isatty():
            raise ValueError(f"csv is a zip archive: give --output (for example {exported.filename})")
        sys.stdout.buffer.write(exported.content)
        return 0
    with open(args.output, "wb") as out:
        out.write(exported.content)
    print(f"wrote {args.output} ({exported.media_type}, {len(exported.content):,} bytes)", file=sys.stderr)
    return 0


PLANNER: dict[str, Callable[[GraphStore, argparse.Namespace], int]] = {
    "gaps": _gaps,
    "impact": _impact,
    "critical": _critical,
    "chains": _chains,
    "report": _report,
    "export": _export,
}
