"""The plan text itself, with the passages the graph cites: what the explorer's plan reader shows."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from api.deps import StoreDep
from api.errors import PROBLEM_RESPONSES, PlanTextUnavailable
from api.plan_models import PlanTextOut, plan_text_out
from loaders import default_seeds_dir
from loaders.build import PLAN_FILE
from queries.plan_text import plan_reading

router = APIRouter(prefix="/v1", tags=["plan"], responses={503: PROBLEM_RESPONSES[503]})


@lru_cache(maxsize=4)
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def plan_text(request: Request) -> str:
    """The plan text of the seeds the app was started with (``CKG_SEEDS`` or ``--seeds``)."""
    seeds_dir: Path | None = getattr(request.app.state, "seeds_dir", None)
    path = (seeds_dir or default_seeds_dir()) / PLAN_FILE
    try:
        return _read(path)
    except OSError as error:
        raise PlanTextUnavailable(f"the plan text cannot be read: {error.strerror}") from error


PlanTextDep = Annotated[str, Depends(plan_text)]


@router.get("/plan/text", response_model=PlanTextOut)
def get_plan_text(store: StoreDep, text: PlanTextDep) -> PlanTextOut:
    """The plan text as received (about 10 000 characters) and every passage of it that a node
    or relationship cites, with what cites it. Offsets are Python ``str`` indices, as in
    ``sources``."""
    return plan_text_out(plan_reading(store, text))
