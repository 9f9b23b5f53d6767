"""Fictional data for demos and benchmarks."""
