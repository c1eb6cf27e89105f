"""``ckg load`` and ``ckg export``: the seeds checked, or written into Neo4j (with a progress bar
on a terminal); the whole graph out in one of the export formats."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from api.backend import connect_neo4j
from api.settings import Settings
from cli.options import add_backend_flags, add_json_flag, on_store, settings
from cli.render import table
from graph.model import GraphData
from graph.store import GraphStore
from loaders import check_seeds
from queries.export import FORMATS, export

__all__ = ["add_commands"]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    load = commands.add_parser("load", help="validate the seeds, or load them into Neo4j")
    load.add_argument("--check", action="store_true", help="validate and print counts (exit 1 on errors)")
    load.add_argument("--elements", action="store_true", help="list the plan text's elements and their keys")
    add_json_flag(load)
    load.set_defaults(run=_load)
    exporter = commands.add_parser("export", help="the whole graph as json, graphml, cypher or csv (zip)")
    exporter.add_argument("--format", choices=FORMATS, default="json")
    exporter.add_argument("--output", help="write to this file (default: stdout; csv is a zip, so a file)")
    exporter.set_defaults(run=on_store(_export))
    for sub in (load, exporter):
        add_backend_flags(sub)


def _load(args: argparse.Namespace) -> int:
    chosen = settings(args)
    report = check_seeds(chosen.ckg_seeds)
    if args.elements and report.plan is not None:
        elements = report.plan.elements.values()
        rows = [(e.key, e.kind, e.source.start, e.name or e.source.quote[:40]) for e in elements]
        print(table(["key", "kind", "offset", "text"], rows, wrap={"text"}))
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
    if not args.check and chosen.backend == "neo4j":
        stored = _load_into_neo4j(chosen, data)
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
    print(table(["label", "nodes"], sorted(labels.items())))
    print()
    print(table(["relationship type", "count"], sorted(types.items())))
    if report.uncovered:
        print(
            f"\n{len(report.uncovered)} text element(s) not yet covered by a node: "
            + ", ".join(e.key for e in report.uncovered)
        )
    return 0


def _load_into_neo4j(chosen: Settings, data: GraphData) -> tuple[int, int]:
    """Replace the graph in the database with ``data``, with a progress bar when stderr is a
    terminal; returns the counts the database reports."""
    store = connect_neo4j(chosen)
    bar = Progress(
        TextColumn("  writing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("records"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not sys.stderr.isatty(),
    )
    try:
        started = time.perf_counter()
        with bar:
            task = bar.add_task("load", total=None)
            store.replace_all(
                data, progress=lambda done, total: bar.update(task, completed=done, total=total)
            )
        nodes, relationships = store.counts()
        seconds = time.perf_counter() - started
        where = f"{chosen.neo4j_uri} (database {chosen.neo4j_database})"
        print(
            f"loaded into {where}: {nodes} nodes, {relationships} relationships in {seconds:.2f} s",
            file=sys.stderr,
        )
        return nodes, relationships
    finally:
        store.close()


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
