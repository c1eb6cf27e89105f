"""Questions asked of the graph, each a function over a GraphStore."""
