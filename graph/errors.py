"""Errors a backend raises; the API maps each to one HTTP status."""

__all__ = ["BackendUnavailable", "BackendAuthError"]


class BackendUnavailable(RuntimeError):
    """The database cannot be reached or did not answer in time."""


class BackendAuthError(BackendUnavailable):
    """The database refused the credentials (wrong username or password).

    A kind of ``BackendUnavailable`` (the API answers 503 either way), but worth its own
    message: retrying will not help, fixing the settings will.
    """
