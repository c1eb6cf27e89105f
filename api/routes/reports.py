"""The planner's gap report as a file: the same Markdown or HTML that ``ckg report gaps`` writes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.admission import Expensive
from api.analytics_models import gaps_out
from api.attachment import attachment, attachment_responses
from api.deps import StoreDep
from api.errors import PROBLEM_RESPONSES
from api.report import ReportFormat, render_gap_report
from queries import analytics

router = APIRouter(
    prefix="/v1",
    tags=["analytics"],
    responses={422: PROBLEM_RESPONSES[422], 503: PROBLEM_RESPONSES[503]},
    dependencies=[Expensive],
)

MEDIA_TYPES: dict[str, str] = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}
_SCHEMAS = {media.split(";")[0]: {"type": "string"} for media in MEDIA_TYPES.values()}


@router.get(
    "/reports/gaps",
    response_class=Response,
    responses=attachment_responses("The gap report, as an attachment", _SCHEMAS),
)
def download_gap_report(
    store: StoreDep,
    format: Annotated[ReportFormat, Query(description="`md` (Markdown) or `html` (one page)")] = "md",
) -> Response:
    """Every gap check with its findings, explanations, paths and the plan's passages, with the
    checks' default parameters: the report ``ckg report gaps --format md|html`` writes."""
    found = gaps_out(analytics.gaps(store, analytics.gap_parameters()))
    text = render_gap_report(found, format, store.backend)
    return attachment(text, MEDIA_TYPES[format], f"gaps.{format}")
