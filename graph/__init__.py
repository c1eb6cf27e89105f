"""The graph: schema, records, the GraphStore protocol and its backends."""
