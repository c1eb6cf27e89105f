"""``ckg show`` and ``ckg query search|path|deps``: a node, a search, shortest paths, dependencies."""

from __future__ import annotations

import argparse

from api.models import PathOut, dependencies_out, node_out, paths_out, search_out
from cli.options import add_backend_flags, add_json_flag, on_store
from cli.render import NAMES, emit, page, table
from graph.store import GraphStore
from queries import nodes, paths
from queries.limits import LIMIT, PATH_LIMIT

__all__ = ["add_commands"]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    show = commands.add_parser("show", help="one node with its sources")
    show.add_argument("id")
    show.set_defaults(run=on_store(_show))

    query = commands.add_parser("query", help="ask the graph")
    kinds = query.add_subparsers(dest="kind", required=True)
    search = kinds.add_parser("search", help="find nodes by name, alias or description")
    search.add_argument("text")
    search.add_argument("--label")
    search.add_argument("--limit", type=int)
    search.set_defaults(run=on_store(_search))
    path = kinds.add_parser("path", help="all shortest paths between two nodes")
    path.add_argument("source")
    path.add_argument("target")
    path.add_argument("--max-hops", type=int)
    path.add_argument("--types", help="comma-separated relationship types")
    path.add_argument("--directed", action="store_true")
    path.add_argument("--limit", type=int, help=f"at most this many paths (default {PATH_LIMIT.default})")
    path.set_defaults(run=on_store(_path))
    deps = kinds.add_parser("deps", help="transitive dependencies of a technology")
    deps.add_argument("id")
    deps.add_argument(
        "--downstream", action="store_true", help="what depends on it, instead of what it needs"
    )
    deps.add_argument("--max-depth", type=int)
    deps.add_argument("--limit", type=int, help=f"page size (default {LIMIT.default}, at most {LIMIT.cap})")
    deps.add_argument("--offset", type=int, help="skip this many")
    deps.set_defaults(run=on_store(_deps))
    for sub in (show, search, path, deps):
        add_json_flag(sub)
        add_backend_flags(sub)


def _show(store: GraphStore, args: argparse.Namespace) -> int:
    node = node_out(nodes.get_node(store, args.id))
    lines = [f"{node.id}  [{node.label}]", f"  {node.name_zh} / {node.name_zh_hans}", f"  {node.name_en}"]
    lines += [f"  {key}: {value}" for key, value in node.properties.items()]
    lines += [f"  source [{s.start}–{s.end}]: {s.quote}" for s in node.sources]
    emit(args, node, "\n".join(lines))
    return 0


def _search(store: GraphStore, args: argparse.Namespace) -> int:
    hits = nodes.search(store, args.text, args.label, args.limit)
    rows = [(h.score, h.node.id, h.node.label, h.node.name_zh, h.node.name_en) for h in hits]
    emit(args, search_out(hits), table(["score", "id", "label", *NAMES], rows, wrap=NAMES))
    return 0


def _path(store: GraphStore, args: argparse.Namespace) -> int:
    types = args.types.split(",") if args.types else None
    found = paths_out(
        paths.shortest_paths(store, args.source, args.target, args.max_hops, types, args.directed, args.limit)
    )
    lines = [_path_line(p) for p in found.paths] or ["no path within the hop limit"]
    emit(args, found, "\n".join(lines))
    return 0


def _path_line(path: PathOut) -> str:
    """``(2 hops) a-[:T]->b<-[:U]-c``, each arrow in the relationship's own direction."""
    parts = [path.nodes[0].id]
    for node, rel in zip(path.nodes[1:], path.relationships, strict=True):
        forward = rel.target == node.id
        parts.append(f"-[:{rel.type}]->" if forward else f"<-[:{rel.type}]-")
        parts.append(node.id)
    return f"({len(path.relationships)} hops) " + "".join(parts)


def _deps(store: GraphStore, args: argparse.Namespace) -> int:
    direction = "downstream" if args.downstream else "upstream"
    found = paths.dependencies(store, args.id, direction, args.max_depth, args.limit, args.offset)
    rows = [(d.depth, d.node.id, d.node.name_zh, d.node.name_en) for d in found.items]
    heading = f"{direction} of {found.root.id} ({page(found.offset, len(rows), found.total)}):"
    emit(args, dependencies_out(found), heading + "\n" + table(["depth", "id", *NAMES], rows, wrap=NAMES))
    return 0
