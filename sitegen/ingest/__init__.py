"""Ingest: raw captures in seeds/ -> clean articles in content/articles/.

Stages, one module each: decode -> blocks -> classify (rules, features, context) ->
metadata -> article (body and removal log) -> entities -> write. `pipeline.ingest_seed`
runs them for one capture; `batch.ingest` for a folder.
"""
