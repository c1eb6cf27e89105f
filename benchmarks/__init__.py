"""Benchmarks: scripts that print figures (``bench_stores``); nothing here is a test."""
