"""The planner's commands of ``ckg``: gaps, impact, critical, chains."""

from __future__ import annotations

import argparse

from api.analytics_models import chains_out, critical_out, gap_check_out, gaps_out, impact_out
from api.report import arrow_path, figures_text
from cli.options import add_backend_flags, add_json_flag, on_store
from cli.render import NAMES, emit, page, table
from graph.store import GraphStore
from queries import analytics
from queries.analytics import GAP_KINDS, METRICS

__all__ = ["add_commands", "add_gap_flags", "gap_parameters"]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gaps = commands.add_parser("gaps", help="the plan's gaps: a summary of every check, or one check")
    gaps.add_argument("kind", nargs="?", help=f"one of {', '.join(GAP_KINDS)}")
    add_gap_flags(gaps)
    gaps.set_defaults(run=on_store(_gaps))
    impact = commands.add_parser("impact", help="what is held up if a technology stalls")
    impact.add_argument("id")
    impact.add_argument("--limit", type=int, help="at most this many of each group (default 20)")
    impact.add_argument("--offset", type=int, help="skip this many of each group")
    impact.set_defaults(run=on_store(_impact))
    critical = commands.add_parser("critical", help="technologies ranked by how much hangs on them")
    critical.add_argument("--metric", default="dependents", help=f"one of {', '.join(METRICS)}")
    critical.add_argument("--limit", type=int)
    critical.set_defaults(run=on_store(_critical))
    chains = commands.add_parser("chains", help="the technology chains that lead to a milestone")
    chains.add_argument("milestone_id")
    chains.add_argument("--limit", type=int)
    chains.set_defaults(run=on_store(_chains))
    for sub in (impact, critical, chains):
        _add_enabling_flag(sub)
    for sub in (gaps, impact, critical, chains):
        add_json_flag(sub)
        add_backend_flags(sub)


def add_gap_flags(parser: argparse.ArgumentParser) -> None:
    """The gap checks' parameters, for ``ckg gaps`` and ``ckg report gaps``."""
    group = parser.add_argument_group("gap checks")
    group.add_argument("--horizon-max", type=int, help="undemonstrated: latest horizon due: 2025, 2030, 2060")
    group.add_argument("--no-reserve", action="store_true", help="undemonstrated: leave out the 2060 reserve")
    group.add_argument("--trl-2025", type=int, help="unsupported_milestone: TRL a 2025 milestone needs")
    group.add_argument("--trl-2030", type=int, help="unsupported_milestone: TRL a later milestone needs")
    _add_enabling_flag(group)


def _add_enabling_flag(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    parser.add_argument(
        "--include-enabling",
        action="store_true",
        help="follow enabling dependencies too (by default only essential ones)",
    )


def gap_parameters(args: argparse.Namespace) -> analytics.GapParameters:
    """The gap checks' parameters the flags of ``add_gap_flags`` give."""
    reserve = False if args.no_reserve else None
    return analytics.gap_parameters(
        args.horizon_max, reserve, args.trl_2025, args.trl_2030, args.include_enabling
    )


def _gaps(store: GraphStore, args: argparse.Namespace) -> int:
    params = gap_parameters(args)
    if args.kind is None:
        model = gaps_out(analytics.gaps(store, params))
        rows = [(c.kind, c.count, c.description) for c in model.checks]
        emit(args, model, table(["kind", "count", "description"], rows, wrap={"description"}))
        return 0
    check = gap_check_out(analytics.gap(store, args.kind, params))
    behind = [arrow_path(f.path, names=False) if f.path else figures_text(f.figures) for f in check.items]
    found = [(f.nodes[0].id, f.nodes[0].name_zh, b) for f, b in zip(check.items, behind, strict=True)]
    columns = ["node", "name_zh", "path or figures"]
    why = "\n".join(f"{i}. {f.explanation}" for i, f in enumerate(check.items, start=1))
    text = f"{check.kind} ({check.count}): {check.description}\n{table(columns, found, wrap=columns[1:])}"
    emit(args, check, f"{text}\n\n{why}".rstrip())
    return 0


def _impact(store: GraphStore, args: argparse.Namespace) -> int:
    model = impact_out(analytics.impact(store, args.id, args.include_enabling, args.limit, args.offset))
    along = "essential and enabling" if model.include_enabling else "essential"
    parts = [
        f"if {model.root.id} stalls (following {along} dependencies): "
        + ", ".join(f"{n} {label}" for label, n in model.counts.items())
    ]
    for title, group in (("technologies", model.technologies), ("demonstrations", model.demonstrations),
                         ("milestones", model.milestones)):  # fmt: skip
        rows = [(i.depth, i.node.id, i.node.name_zh, arrow_path(i.chain, names=False)) for i in group.items]
        found = table(["depth", "id", "name_zh", "chain"], rows, wrap={"name_zh", "chain"})
        parts.append(f"\n{title} ({page(group.offset, len(rows), group.total)}):\n{found}")
    emit(args, model, "\n".join(parts))
    return 0


def _critical(store: GraphStore, args: argparse.Namespace) -> int:
    ranked = analytics.critical(store, args.metric, args.limit, args.include_enabling)
    model = critical_out(args.metric, ranked, args.include_enabling)
    rows = [(n, i.value, i.node.id, i.node.name_zh, i.node.name_en) for n, i in enumerate(model.items, 1)]
    emit(args, model, f"by {model.metric}:\n" + table(["rank", "value", "id", *NAMES], rows, wrap=NAMES))
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
    emit(args, model, head + "\n" + table(["weakest", "trl", "chain"], rows, wrap={"chain"}))
    return 0
