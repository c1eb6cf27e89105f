"""Answers that are files (the export, the gap report): the response and its OpenAPI entry."""

from __future__ import annotations

from typing import Any

from fastapi import Response

__all__ = ["attachment", "attachment_responses"]


def attachment_responses(description: str, schemas: dict[str, dict[str, Any]]) -> dict[int | str, Any]:
    """The 200 entry of a route answering a file, one schema per media type it may send."""
    content = {media_type: {"schema": schema} for media_type, schema in schemas.items()}
    return {200: {"description": description, "content": content}}


def attachment(content: bytes | str, media_type: str, filename: str) -> Response:
    """``content`` as a download named ``filename``."""
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f"attachment; filename={filename}"}
    )
