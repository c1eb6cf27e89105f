"""``ckg``: load, check, serve and query the graph from the command line.

Every command calls the same ``queries/`` functions as the REST API; ``--json`` prints the
API's JSON for scripts.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict

from api.backend import open_store
from api.cli_planner import PLANNER, add_gap_flags, add_planner_commands
from api.logs import LOG_FORMATS
from api.models import (
    PathOut,
    PathsOut,
    SearchHitOut,
    SearchOut,
    dependencies_out,
    node_out,
    path_out,
)
from api.settings import Settings
from api.table import emit, render_table
from graph.errors import BackendUnavailable
from graph.store import GraphStore
from loaders import SeedError, check_seeds
from loaders.coverage import coverage
from queries import nodes, paths
from queries.errors import QueryError
from queries.limits import LIMIT, PATH_LIMIT

__all__ = ["main"]


def _add_backend_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("backend (default: the embedded store; NEO4J_* variables apply too)")
    group.add_argument("--neo4j", action="store_true", help="use Neo4j at NEO4J_URI (or --uri)")
    group.add_argument("--uri", help="Bolt or Neo4j URI, e.g. bolt://127.0.0.1:7687 or neo4j+s://…")
    group.add_argument("--user", help="user name (NEO4J_USERNAME)")
    group.add_argument("--password", help="password (NEO4J_PASSWORD)")
    group.add_argument("--database", help="database name (NEO4J_DATABASE)")
    group.add_argument("--seeds", help="seeds directory (CKG_SEEDS; default: the repository's seeds/)")


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {
        "ckg_backend": "neo4j" if getattr(args, "neo4j", False) else None,
        "neo4j_uri": getattr(args, "uri", None),
        "neo4j_username": getattr(args, "user", None),
        "neo4j_password": getattr(args, "password", None),
        "neo4j_database": getattr(args, "database", None),
        "ckg_seeds": getattr(args, "seeds", None),
        "ckg_cors_origins": getattr(args, "cors_origin", None),
    }
    return Settings.model_validate({k: v for k, v in overrides.items() if v is not None})


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ckg", description="Carbon Roadmap KG")
    commands = parser.add_subparsers(dest="command", required=True)

    load = commands.add_parser("load", help="validate the seeds, or load them into Neo4j")
    load.add_argument("--check", action="store_true", help="validate and print counts (exit 1 on errors)")
    load.add_argument("--elements", action="store_true", help="list the plan text's elements and their keys")
    load.add_argument("--json", action="store_true")
    _add_backend_flags(load)

    serve = commands.add_parser("serve", help="serve the REST API (docs at /docs)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--cors-origin",
        action="append",
        help="an origin whose pages may call the API from a browser (repeat; CKG_CORS_ORIGINS; none)",
    )
    serve.add_argument(
        "--log-format",
        choices=LOG_FORMATS,
        default="text",
        help="text for people, json lines for log shippers",
    )
    _add_backend_flags(serve)

    show = commands.add_parser("show", help="one node with its sources")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    _add_backend_flags(show)

    report = commands.add_parser("report", help="reports on the seeds and the graph")
    report.add_argument(
        "kind",
        choices=["coverage", "gaps", "review"],
        help="coverage: every item and target of the text and the nodes that cover it; "
        "gaps: the planner's gap report (every check and finding); "
        "review: every curated claim with its rationale, for an expert to mark up",
    )
    report.add_argument("--json", action="store_true")
    report.add_argument(
        "--format",
        choices=["md", "html", "csv"],
        help="gaps: md (default) or html; review: csv (default) or html",
    )
    report.add_argument("--output", help="gaps, review: write the report to this file instead of stdout")
    add_gap_flags(report)
    _add_backend_flags(report)

    query = commands.add_parser("query", help="ask the graph")
    kinds = query.add_subparsers(dest="kind", required=True)
    search = kinds.add_parser("search", help="find nodes by name, alias or description")
    search.add_argument("text")
    search.add_argument("--label")
    search.add_argument("--limit", type=int)
    path = kinds.add_parser("path", help="all shortest paths between two nodes")
    path.add_argument("source")
    path.add_argument("target")
    path.add_argument("--max-hops", type=int)
    path.add_argument("--types", help="comma-separated relationship types")
    path.add_argument("--directed", action="store_true")
    path.add_argument("--limit", type=int, help=f"at most this many paths (default {PATH_LIMIT.default})")
    deps = kinds.add_parser("deps", help="transitive dependencies of a technology")
    deps.add_argument("id")
    deps.add_argument(
        "--downstream", action="store_true", help="what depends on it, instead of what it needs"
    )
    deps.add_argument("--max-depth", type=int)
    deps.add_argument("--limit", type=int, help=f"page size (default {LIMIT.default}, at most {LIMIT.cap})")
    deps.add_argument("--offset", type=int, help="skip this many")
    for sub in (search, path, deps):
        sub.add_argument("--json", action="store_true", help="print the API's JSON")
        _add_backend_flags(sub)
    add_planner_commands(commands, _add_backend_flags)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit status: 0 done, 1 bad seeds or a failed check, 2 a bad request
    or an unreachable database, 130 interrupted, 141 the reader of the output went away."""
    try:
        return _run(argv)
    except BrokenPipeError:
        # ``ckg … | head``: the reader has all it wants. Point stdout at /dev/null so that the
        # interpreter's last flush cannot fail too, and end as a process killed by SIGPIPE would.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("ckg: interrupted", file=sys.stderr)
        return 130


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    # The driver logs each retry it makes; the command reports the outcome in one line instead.
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    try:
        if args.command == "load":
            return _load(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "report" and args.kind == "coverage":
            return _report(args)
        store = open_store(_settings(args))
        try:
            if args.command in PLANNER:
                return PLANNER[args.command](store, args)
            return _show(store, args) if args.command == "show" else _query(store, args)
        finally:
            store.close()
    except SeedError as error:
        print(error, file=sys.stderr)
        return 1
    except (QueryError, BackendUnavailable, ValueError) as error:
        print(f"ckg: {error}", file=sys.stderr)
        return 2


def _load(args: argparse.Namespace) -> int:
    settings = _settings(args)
    report = check_seeds(settings.ckg_seeds)
    if args.elements and report.plan is not None:
        rows = [
            (e.key, e.kind, e.source.start, e.name or e.source.quote[:40])
            for e in report.plan.elements.values()
        ]
        print(render_table(["key", "kind", "offset", "text"], rows))
        return 0
    if report.errors or report.data is None:
        for error in report.errors:
            print(error, file=sys.stderr)
        print(f"{len(report.errors)} error(s); nothing loaded", file=sys.stderr)
        return 1
    data = report.data
    labels = Counter(node.label for node in data.nodes)
    types = Counter(rel.type for rel in data.relationships)
    summary: dict[str, object] = {
        "nodes": len(data.nodes),
        "relationships": len(data.relationships),
        "labels": dict(sorted(labels.items())),
        "relationship_types": dict(sorted(types.items())),
        "uncovered_text_elements": [e.key for e in report.uncovered],
    }
    if not args.check and settings.backend == "neo4j":
        from api.neo4j_load import load_into_neo4j

        stored = load_into_neo4j(settings, data)
        summary["database"] = {"nodes": stored[0], "relationships": stored[1]}
        if stored != (len(data.nodes), len(data.relationships)):
            print(
                f"ckg: the database holds {stored[0]} nodes and {stored[1]} relationships after the load, "
                f"not {len(data.nodes)} and {len(data.relationships)}",
                file=sys.stderr,
            )
            return 1
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    print(f"seeds OK: {len(data.nodes)} nodes, {len(data.relationships)} relationships, 0 errors")
    print(render_table(["label", "nodes"], sorted(labels.items())))
    print()
    print(render_table(["relationship type", "count"], sorted(types.items())))
    if report.uncovered:
        print(
            f"\n{len(report.uncovered)} text element(s) not yet covered by a node: "
            + ", ".join(e.key for e in report.uncovered)
        )
    return 0


def _report(args: argparse.Namespace) -> int:
    """Coverage of the plan text; exit 1 when an element has no node."""
    report = check_seeds(_settings(args).ckg_seeds)
    if report.errors or report.data is None or report.plan is None:
        raise SeedError(report.errors)
    rows = coverage(report.plan, report.data.nodes, report.covered)
    missing = [row for row in rows if not row.covered]
    if args.json:
        print(
            json.dumps([asdict(row) | {"covered": row.covered} for row in rows], ensure_ascii=False, indent=2)
        )
    else:
        for section in dict.fromkeys(row.section for row in rows):
            print(f"\n{section}")
            table = [
                (r.key, r.kind, r.text, ", ".join(r.nodes) or "UNCOVERED")
                for r in rows
                if r.section == section
            ]
            print(render_table(["element", "kind", "text", "covered by"], table))
        print(f"\n{len(rows) - len(missing)} of {len(rows)} elements covered; {len(missing)} uncovered")
    return 1 if missing else 0


def _serve(args: argparse.Namespace) -> int:
    from api.app import create_app, serve

    settings = _settings(args)
    try:
        store = open_store(settings)  # fail here, in one line, rather than inside the server
    except BackendUnavailable as error:
        print(f"ckg: cannot serve: {error}", file=sys.stderr)
        return 2
    try:
        serve(create_app(settings, store), args.host, args.port, args.log_format)
    finally:
        store.close()
    return 0


def _show(store: GraphStore, args: argparse.Namespace) -> int:
    node = node_out(nodes.get_node(store, args.id))
    if args.json:
        print(node.model_dump_json(indent=2))
        return 0
    print(f"{node.id}  [{node.label}]\n  {node.name_zh} / {node.name_zh_hans}\n  {node.name_en}")
    for key, value in node.properties.items():
        print(f"  {key}: {value}")
    for source in node.sources:
        print(f"  source [{source.start}–{source.end}]: {source.quote}")
    return 0


def _query(store: GraphStore, args: argparse.Namespace) -> int:
    if args.kind == "search":
        hits = nodes.search(store, args.text, args.label, args.limit)
        model = SearchOut(items=[SearchHitOut(node=node_out(h.node), score=h.score) for h in hits])
        rows = [(h.score, h.node.id, h.node.label, h.node.name_zh, h.node.name_en) for h in hits]
        emit(args, model, render_table(["score", "id", "label", "name_zh", "name_en"], rows))
    elif args.kind == "path":
        types = args.types.split(",") if args.types else None
        found = paths.shortest_paths(
            store, args.source, args.target, args.max_hops, types, args.directed, args.limit
        )
        paths_model = PathsOut(paths=[path_out(p) for p in found])
        lines = [_path_line(p) for p in paths_model.paths] or ["no path within the hop limit"]
        emit(args, paths_model, "\n".join(lines))
    else:
        direction = "downstream" if args.downstream else "upstream"
        deps = paths.dependencies(store, args.id, direction, args.max_depth, args.limit, args.offset)
        dep_rows = [(d.depth, d.node.id, d.node.name_zh, d.node.name_en) for d in deps.items]
        table = render_table(["depth", "id", "name_zh", "name_en"], dep_rows)
        shown = f"{deps.offset + 1}–{deps.offset + len(deps.items)} of {deps.total}" if deps.items else "none"
        emit(args, dependencies_out(deps), f"{direction} of {deps.root.id} ({shown}):\n{table}")
    return 0


def _path_line(path: PathOut) -> str:
    parts = [path.nodes[0].id]
    for node, rel in zip(path.nodes[1:], path.relationships, strict=True):
        forward = rel.target == node.id
        parts.append(f"-[:{rel.type}]->" if forward else f"<-[:{rel.type}]-")
        parts.append(node.id)
    return f"({len(path.relationships)} hops) " + "".join(parts)


if __name__ == "__main__":
    sys.exit(main())
