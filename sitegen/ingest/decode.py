"""Read a capture from disk: size cap, binary check, encoding detection, mojibake repair."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import zlib
from pathlib import Path
from typing import Any

import charset_normalizer

from sitegen.errors import SeedError
from sitegen.ingest.mojibake import fix_mojibake
from sitegen.models import Seed, SeedKind

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive",
    b"RIFF": "a RIFF media file",
    b"\x7fELF": "an executable",
}
_HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")
_MARKDOWN_SUFFIXES = (".md", ".markdown")
_MAX_NUL_SHARE = 0.01
_WESTERN = ("cp1252", "iso8859_15", "latin_1")
_CHAOS_TIE = 0.02
_REPAIRED = "repaired mojibake (UTF-8 text that had been read as a legacy encoding)"


def seed_kind(path: Path, text: str = "") -> SeedKind:
    """HTML by extension or by a doctype/root tag at the start; Markdown by extension."""
    name = path.name.lower()
    if name.endswith(_HTML_SUFFIXES):
        return "html"
    if name.endswith(_MARKDOWN_SUFFIXES):
        return "markdown"
    head = text.lstrip()[:64].lower()
    return "html" if head.startswith(("<!doctype html", "<html")) else "text"


def read_seed(path: Path, root: Path | None = None, max_bytes: int = 20_000_000) -> Seed:
    """Decode the capture at `path`; raise SeedError with a one-line reason if it can't be used."""
    stored = _read_bytes(path, max_bytes)
    digest = hashlib.sha256(stored).hexdigest()  # of the file as stored, before gunzip
    raw = _gunzip(path, stored, max_bytes) if path.name.lower().endswith(".gz") else stored
    _refuse_binary(path, raw)
    text, encoding, warnings = _decode(path, raw)
    fixed = fix_mojibake(text)
    if not fixed.strip():
        raise SeedError("empty capture: no text to ingest", path)
    repaired = fixed != text
    return Seed(
        path=_origin_path(path, root),
        sha256=digest,
        kind=seed_kind(path, fixed),
        text=fixed,
        encoding=encoding,
        repaired=repaired,
        warnings=(*warnings, *((_REPAIRED,) if repaired else ())),
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SeedError(
                f"capture is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit", path
            )
        return path.read_bytes()
    except OSError as exc:
        raise SeedError(f"cannot read: {exc.strerror or exc}", path) from None


def _gunzip(path: Path, raw: bytes, max_bytes: int) -> bytes:
    """Decompress with the same size cap, so a small bomb cannot fill memory."""
    try:
        inflater = zlib.decompressobj(wbits=31)
        data = inflater.decompress(raw, max_bytes + 1)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise SeedError(f"not a valid gzip file: {exc}", path) from None
    if len(data) > max_bytes:
        raise SeedError(f"decompressed capture is over the {max_bytes / 1e6:.0f} MB limit", path)
    return data


def _refuse_binary(path: Path, raw: bytes) -> None:
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise SeedError(f"binary file ({what}), not a text or HTML capture", path)


def _decode(path: Path, raw: bytes) -> tuple[str, str, tuple[str, ...]]:
    """BOM first, then strict UTF-8, then charset detection; stray NULs dropped with a warning."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _strip_nuls(path, raw.decode(encoding, errors="replace"), encoding)
    try:
        return _strip_nuls(path, raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = _best_match(raw)
    if best is None:
        raise SeedError("cannot detect the text encoding (binary data?)", path)
    return _strip_nuls(path, str(best), best.encoding)


def _best_match(raw: bytes) -> Any:
    """charset-normalizer's guess, but cp1252 among near-ties: on short Western text the
    detector cannot tell cp1252 from cp1250 and would turn "ções" into "çőes"; cp1252 is
    what browsers (WHATWG) read for latin-1 labels and the common legacy encoding."""
    matches = list(charset_normalizer.from_bytes(raw))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best.chaos + _CHAOS_TIE:
            return match
    return best


def _strip_nuls(path: Path, text: str, encoding: str) -> tuple[str, str, tuple[str, ...]]:
    count = text.count("\x00")
    if not count:
        return text, encoding, ()
    if count > max(1, len(text) * _MAX_NUL_SHARE):
        raise SeedError(f"binary data: {count} NUL bytes in {len(text)} characters", path)
    return text.replace("\x00", ""), encoding, (f"removed {count} NUL byte(s)",)


def _origin_path(path: Path, root: Path | None) -> str:
    """Path relative to the seeds folder's parent (`seeds/x.txt`) when inside it, else as given."""
    resolved = path.resolve()
    if root is not None:
        base = root.resolve()
        if resolved.is_relative_to(base):
            return (Path(base.name) / resolved.relative_to(base)).as_posix()
    return path.as_posix()
