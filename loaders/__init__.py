"""Build the graph from ``seeds/``: the plan text and the curated overlay."""

from loaders.build import SeedError, SeedReport, check_seeds, default_seeds_dir, load_seeds

__all__ = ["SeedError", "SeedReport", "check_seeds", "default_seeds_dir", "load_seeds"]
