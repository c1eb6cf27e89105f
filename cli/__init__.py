"""``ckg``, the command line: each command group in its own module, all built on the ``queries/``
functions the REST API calls, printing tables for people or, with ``--json``, the API's JSON."""
