"""Ingest: raw captures in seeds/ -> clean articles in content/articles/."""
