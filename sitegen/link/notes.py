"""Place editors' notes on their articles: anchor each one, number them, keep every orphan."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sitegen.cache import BuildCache, digest
from sitegen.errors import SitegenError
from sitegen.link.anchoring import Anchor, Selector, anchor
from sitegen.models import Annotation, SourceArticle


@dataclass(frozen=True, slots=True)
class PlacedNote:
    """A note with where it landed; orphans keep `anchor.status == "orphan"`."""

    note: Annotation
    anchor: Anchor
    number: int
    """1-based order of the note in its article (anchored by position, then orphans)."""


def selector(note: Annotation) -> Selector:
    """What the note stores to find its passage again."""
    return Selector(note.quote, note.prefix, note.suffix, note.occurrence)


def place_notes(
    notes: Iterable[Annotation],
    articles: Mapping[str, SourceArticle],
    texts: Mapping[str, tuple[str, ...]],
    cache: BuildCache | None = None,
) -> tuple[dict[str, tuple[PlacedNote, ...]], list[SitegenError]]:
    """Anchor every published or withdrawn note; drafts are left out, problems reported.
    An anchor whose selector and article text are unchanged comes from the `cache`."""
    cache = cache or BuildCache(None)
    by_article: dict[str, list[Annotation]] = defaultdict(list)
    errors: list[SitegenError] = []
    for note in sorted(notes, key=lambda n: n.source):
        if note.status == "draft":
            continue
        if note.article not in articles:
            errors.append(
                SitegenError(f"unknown article '{note.article}' (no such slug)", note.source)
            )
            continue
        by_article[note.article].append(note)
    placed: dict[str, tuple[PlacedNote, ...]] = {}
    for slug, group in sorted(by_article.items()):
        blocks = texts[slug]
        anchors = [_anchor(cache, selector(n), blocks) for n in group]
        errors += [
            _ambiguity(n, a, blocks)
            for n, a in zip(group, anchors, strict=True)
            if a.status == "ambiguous"
        ]
        placed[slug] = _numbered(group, anchors)
    return placed, errors


def _anchor(cache: BuildCache, wanted: Selector, blocks: tuple[str, ...]) -> Anchor:
    found: Anchor = cache.memo("anchors", digest(wanted, blocks), lambda: anchor(wanted, blocks))
    return found


def _numbered(notes: Sequence[Annotation], anchors: Sequence[Anchor]) -> tuple[PlacedNote, ...]:
    """Anchored notes in reading order, then orphans (and ambiguous ones) by id."""
    pairs = list(zip(notes, anchors, strict=True))
    landed = sorted(
        (p for p in pairs if p[1].paragraph >= 0),
        key=lambda p: (p[1].paragraph, p[1].start, p[0].id),
    )
    lost = sorted((p for p in pairs if p[1].paragraph < 0), key=lambda p: p[0].id)
    return tuple(PlacedNote(n, a, i) for i, (n, a) in enumerate([*landed, *lost], start=1))


def _ambiguity(note: Annotation, found: Anchor, texts: Sequence[str]) -> SitegenError:
    """One line listing every match and the field that tells them apart."""
    places = "; ".join(_excerpt(texts[p], p, s, e) for p, s, e in found.matches)
    message = (
        f"quote matches {len(found.matches)} places ({places}); "
        "add 'prefix' or 'suffix' with nearby words (or 'occurrence: N')"
    )
    return SitegenError(message, note.source)


def _excerpt(text: str, paragraph: int, start: int, end: int) -> str:
    before, after = text[max(0, start - 25) : start], text[end : end + 25]
    return f"paragraph {paragraph + 1}: …{before}[{text[start:end]}]{after}…"
