"""Shared fixtures."""

# --- Bolt server fixtures (tests/bolt_server.py): bolt_target, bolt_driver, bolt_store ---------
from tests.bolt_server import bolt_driver, bolt_store, bolt_target, falkordb_servers  # noqa: F401

# --- end of Bolt server fixtures --------------------------------------------------------------
