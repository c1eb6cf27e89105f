"""The server's log: text for people, JSON lines for log shippers; every line carries the id
of the request that caused it (``-`` outside a request)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Literal

from api.request_context import current_request_id

__all__ = ["LogFormat", "LOG_FORMATS", "configure_logging", "tag_records_with_request_id"]

LogFormat = Literal["text", "json"]
LOG_FORMATS: tuple[str, ...] = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
# Fields the access log (and any other line) may carry as extras, copied into JSON lines.
_EXTRAS = ("request_id", "method", "path", "status", "latency_ms")


_plain_factory = logging.getLogRecordFactory()


def _tagged_record(*args: object, **kwargs: object) -> logging.LogRecord:
    record = _plain_factory(*args, **kwargs)
    record.request_id = current_request_id()
    return record


def tag_records_with_request_id() -> None:
    """Every log record made from now on carries ``request_id``: the id of the request being
    served when it was made, or None. Idempotent."""
    logging.setLogRecordFactory(_tagged_record)


class _WithRequestId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = current_request_id() or "-"
        return True


class _JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update((key, getattr(record, key)) for key in _EXTRAS if hasattr(record, key))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure_logging(log_format: LogFormat = "text", level: int = logging.INFO) -> None:
    """One handler on the root logger, to stderr, for the app's and uvicorn's loggers alike."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_WithRequestId())
    if log_format == "json":
        handler.setFormatter(_JsonLines())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
