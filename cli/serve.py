"""``ckg serve``: the REST API (and the explorer) under uvicorn."""

from __future__ import annotations

import argparse
import sys

from api.backend import open_store
from api.logs import LOG_FORMATS
from cli.options import add_backend_flags, settings
from graph.errors import BackendUnavailable

__all__ = ["add_commands"]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    add_backend_flags(serve)
    serve.set_defaults(run=_serve)


def _serve(args: argparse.Namespace) -> int:
    from api.app import create_app, serve

    served = settings(args, ckg_cors_origins=args.cors_origin)
    try:
        store = open_store(served)  # fail here, in one line, rather than inside the server
    except BackendUnavailable as error:
        print(f"ckg: cannot serve: {error}", file=sys.stderr)
        return 2
    try:
        serve(create_app(served, store), args.host, args.port, args.log_format)
    finally:
        store.close()
    return 0
