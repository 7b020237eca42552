"""Write articles into content/articles/ without ever overwriting an editor's work.

A small ledger, `content/.ingested.json`, records the sha256 of each file as ingest wrote
it. A file whose bytes no longer match was changed by a person and is never rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sitegen.cache import sha256_file

LEDGER_NAME = ".ingested.json"
WriteOutcome = Literal["written", "unchanged", "kept-edited"]


@dataclass(frozen=True, slots=True)
class Ledger:
    """What ingest wrote: slug -> {"origin": seed sha256, "written": file sha256}."""

    path: Path
    entries: dict[str, dict[str, str]]

    @classmethod
    def load(cls, content_dir: Path) -> Ledger:
        path = content_dir / LEDGER_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        entries = {str(k): dict(v) for k, v in data.items() if isinstance(v, dict)}
        return cls(path, entries)

    def save(self) -> None:
        """Write the ledger when it changed (a no-op ingest touches no file)."""
        text = json.dumps(self.entries, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        try:
            if self.path.read_text(encoding="utf-8") == text:
                return
        except OSError:
            pass
        atomic_write(self.path, text)

    def edited(self, slug: str, target: Path) -> bool:
        """True when the file exists and is not byte-for-byte what ingest last wrote."""
        if not target.exists():
            return False
        written = self.entries.get(slug, {}).get("written")
        return written != sha256_file(target)


def atomic_write(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_article(ledger: Ledger, target: Path, slug: str, origin: str, text: str) -> WriteOutcome:
    """Write `text` to `target` unless a person edited the file since ingest wrote it.

    A file already holding exactly `text` is recorded as ingest's own, even when the ledger
    does not know it (a run killed before it saved the ledger), so it is not taken for an
    editor's file and frozen."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    unchanged = target.exists() and sha256_file(target) == digest
    if not unchanged and ledger.edited(slug, target):
        return "kept-edited"
    ledger.entries[slug] = {"origin": origin, "written": digest}
    if unchanged:
        return "unchanged"
    atomic_write(target, text)
    return "written"
