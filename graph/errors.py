"""Errors a backend raises; the API maps each to one HTTP status."""

__all__ = ["BackendUnavailable"]


class BackendUnavailable(RuntimeError):
    """The database cannot be reached or did not answer in time."""
