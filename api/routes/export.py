"""The whole graph as a file to download."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.admission import Expensive
from api.attachment import attachment, attachment_responses
from api.caching import NOT_MODIFIED_RESPONSE
from api.deps import StoreDep
from api.errors import PROBLEM_RESPONSES
from queries import export as exporting

router = APIRouter(
    prefix="/v1",
    tags=["export"],
    responses={422: PROBLEM_RESPONSES[422], 503: PROBLEM_RESPONSES[503], **NOT_MODIFIED_RESPONSE},
    dependencies=[Expensive],
)


def _body_schema(media_type: str) -> dict[str, Any]:
    """JSON is an object to a client; every other format is a file of text or bytes."""
    if media_type == "application/json":
        return {"type": "object"}
    text = media_type.startswith("text/") or media_type.endswith("+xml")
    return {"type": "string"} if text else {"type": "string", "format": "binary"}


_SCHEMAS = {
    media_type: _body_schema(media_type)
    for media_type in (spec.media_type.split(";")[0] for spec in exporting.SPECS.values())
}
_FORMATS = "; ".join(f"`{name}`: {spec.description}" for name, spec in exporting.SPECS.items())


@router.get(
    "/export",
    response_class=Response,
    responses=attachment_responses("The graph, as an attachment", _SCHEMAS),
)
def export_graph(
    store: StoreDep,
    format: Annotated[exporting.ExportFormat, Query(description=_FORMATS)] = "json",
) -> Response:
    """The whole graph, every node and relationship with its properties and sources, as a file:
    node-link JSON, GraphML, a Cypher script or a ZIP of neo4j-admin import CSV files. Both
    backends give the same bytes."""
    found = exporting.export(store, format)
    return attachment(found.content, found.media_type, found.filename)
