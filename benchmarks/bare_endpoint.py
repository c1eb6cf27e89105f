"""The floor of the HTTP benchmark: a FastAPI app with one route that returns a small dict,
served as ``ckg serve`` serves the API (``api.app.serve``: the same uvicorn, the same settings).

The route is ``async def``, so it runs on the event loop: the least FastAPI can cost for an
answer. (A plain ``def`` route, as the API's are, runs in FastAPI's thread pool: on the 2-core
machine that halved the requests per second and put the p99 latency near 75 ms.)

    .venv/bin/python -m benchmarks.bare_endpoint PORT
"""

from __future__ import annotations

import sys

from fastapi import FastAPI

from api.app import serve
from launch.http import HOST

__all__ = ["app", "PATH"]

PATH = "/bare"

app = FastAPI()


@app.get(PATH)
async def bare() -> dict[str, str]:
    return {"status": "ok"}


if __name__ == "__main__":
    serve(app, HOST, int(sys.argv[1]))
