"""The benchmark of issue 8: seeded data tiers (seed.py) and the load-test harness (run.py)."""
