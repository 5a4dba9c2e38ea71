"""The benchmark suite: `python -m benchmarks [--smoke] [--only AREA] [--runs N] [--json FILE]`."""
