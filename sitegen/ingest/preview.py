"""`clean FILE`: one capture through the whole ingest, entities resolved, nothing written."""

from __future__ import annotations

from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.ingest.batch import make_context, resolve
from sitegen.ingest.decode import read_seed
from sitegen.ingest.entities import build_gazetteer
from sitegen.ingest.pipeline import ingest_seed
from sitegen.models import Article


def clean_file(path: Path, config: SiteConfig) -> Article:
    """The article ingest would write for `path`, against the archive's entities.yml."""
    result = ingest_seed(read_seed(path, config.seeds, config.max_seed_bytes), make_context(config))
    entities = config.entities_file if config.entities_file.is_file() else None
    gazetteer = build_gazetteer(entities, [result.mentions])
    return resolve([result], gazetteer)[0]
