"""Front-matter metadata from a classified capture: a cascade of single-field extractors.

`extract_metadata` is the one place that says which clue wins:

1. layout: lead paragraph, headline (and its duplicates), dek (`sitegen.ingest.layout`);
2. source: site-name line, social handle (also in removed promos), domain, © line
   (`sources`); the outlet found brings its timezone, date order and section names;
3. date: best-scored dateline, parsed in the article's language and date order, in the
   outlet's timezone when the text gives none; widget dates become `captured` (`dates`);
4. agency and authors from datelines, credit lines and bylines (`bylines`);
5. section and tags, see-also headlines (`sections`);
6. title and summary fall back to the lead sentence; what was derived or is missing
   goes to `review`.

Blocks whose whole content went to front matter are reported in `Extraction.moved`
so the cleaner can take them out of the body without logging them as removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sitegen.ingest import dates
from sitegen.ingest.bylines import (
    byline_names,
    ends_in_intro,
    extract_agency,
    extract_authors,
    name_line,
)
from sitegen.ingest.layout import Layout, find_layout
from sitegen.ingest.reference import Outlet, word_count
from sitegen.ingest.sections import (
    extract_section,
    extract_see_also,
    merged_vocabulary,
    section_strip,
    see_also_headline,
)
from sitegen.ingest.sources import SourceFound, extract_source, site_name_line
from sitegen.models import ArticleMeta, Block, Verdict

DERIVED_TITLE_WORDS = 12
"""A title derived from the lead sentence keeps at most this many words."""
MIN_DERIVED_CLAUSE_WORDS = 5
"""Cut a derived title at a clause boundary only when the clause is this long."""
HEAD_BEFORE = 2
"""Blocks above the headline that still belong to the article head (kicker, section)."""
AFTER_LEAD = 2
"""Blocks after the lead that may still hold the dateline or the section strip."""

_SENTENCE = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[\"'“‘«(]?[A-ZÀ-Þ0-9])")
_CLAUSE = re.compile(r"\s*(?:[,;:–—]|\s-\s)\s*")
_DETACHED_HYPHEN = re.compile(r"(?<=\w) -(?=[a-zà-ÿ])")
"""Machine-translation artefact "terça -feira": a space before a joining hyphen."""


@dataclass(frozen=True, slots=True)
class MetaSettings:
    """Settings of the extractor that come from the archive's configuration."""

    timezone: str = "UTC"
    """IANA zone for datelines that carry none, when the outlet is unknown."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Metadata of one capture and the blocks that moved into it."""

    meta: ArticleMeta
    """Entities are left empty here; they are resolved archive-wide."""
    moved: Mapping[int, str]
    """Block index -> rule name ("meta/title", "meta/dateline", …) of blocks taken out of
    the body because their whole information went to front matter."""


@dataclass(frozen=True, slots=True)
class _Context:
    """What every field extractor may read about one capture."""

    blocks: Sequence[Block]
    verdicts: Sequence[Verdict]
    language: str
    layout: Layout
    outlet: Outlet | None

    @property
    def head(self) -> range:
        """The article head: from just above the headline to just past the lead."""
        lead = self.layout.lead if self.layout.lead is not None else self.layout.head
        return range(max(0, self.layout.head - HEAD_BEFORE), lead + AFTER_LEAD + 1)

    @property
    def languages(self) -> tuple[str, ...]:
        """The article's language, then its outlet's (an English edition of a pt site)."""
        outlet_language = self.outlet.language if self.outlet else ""
        return tuple(dict.fromkeys(code for code in (self.language, outlet_language) if code))

    @property
    def zone(self) -> dates.Zone:
        """The article's landmarks as the date scorer needs them."""
        lead = self.layout.lead if self.layout.lead is not None else len(self.blocks)
        end = self.layout.end if self.layout.end is not None else lead
        return dates.Zone(self.layout.head, lead, end)


def is_meta_line(block: Block, language: str) -> bool:
    """A short block that only carries metadata: dateline, byline, site name, section, see-also."""
    text = block.text
    if word_count(text) > dates.MAX_DATELINE_WORDS:
        return False
    return bool(
        (dates.has_digit(text) and dates.date_pattern(language).search(text))
        or byline_names(text, language)
        or site_name_line(block)
        or section_strip(text, merged_vocabulary((language,)))
        or see_also_headline(text, language)
    )


def extract_title(context: _Context) -> str | None:
    """The headline: the first copy of the line the headline model ranks best above the lead."""
    index = context.layout.title
    return context.blocks[index].text if index is not None else None


def lead_sentence(context: _Context) -> str | None:
    """The first sentence of the lead paragraph; without one (a very short capture), of
    the first kept block that is not a meta line."""
    index = context.layout.lead
    if index is None:
        kept = (
            b.index
            for b, v in zip(context.blocks, context.verdicts, strict=True)
            if v.keep and not _is_meta(b, context.languages)
        )
        index = next(kept, None)
    if index is None:
        return None
    paragraph = context.blocks[index].text
    return _DETACHED_HYPHEN.sub("-", _SENTENCE.split(paragraph, maxsplit=1)[0]).strip()


def derive_title(sentence: str) -> str:
    """A short title from the lead sentence: its first clause, at most a dozen words."""
    clause = _CLAUSE.split(sentence, maxsplit=1)[0]
    words = (clause if len(clause.split()) >= MIN_DERIVED_CLAUSE_WORDS else sentence).split()
    short = " ".join(words[:DERIVED_TITLE_WORDS]).rstrip(" ,;:.")
    return short + ("…" if len(words) > DERIVED_TITLE_WORDS else "")


def extract_summary(context: _Context) -> str | None:
    """The dek (standfirst) under the headline, else the lead sentence."""
    if context.layout.dek is not None:
        return context.blocks[context.layout.dek].text
    return lead_sentence(context)


@dataclass(frozen=True, slots=True)
class _Dates:
    date: str
    captured: str
    line: int | None
    confident: bool = False


def extract_dates(context: _Context, settings: MetaSettings) -> _Dates:
    """Publication date (ISO, outlet or configured timezone) and capture date."""
    language = context.language or (context.outlet.language if context.outlet else "")
    candidates = dates.find_candidates(context.blocks, language, context.zone)
    default = dates.date_order(context.outlet.language if context.outlet else language)
    order = dates.page_date_order(candidates) or default
    published = dates.best_date(candidates, language, order)
    captured = dates.capture_date(candidates, language, order)
    timezone = (context.outlet.timezone if context.outlet else "") or settings.timezone
    return _Dates(
        date=dates.to_iso(published, timezone) if published else "",
        captured=captured.value.date().isoformat() if captured else "",
        line=published.block if published else None,
        confident=published is not None and published.score >= dates.CONFIDENT_SCORE,
    )


_SEPARATOR_RESIDUE = re.compile(r"[\s|•·,;:()\[\]/–—-]+")


def is_whole_dateline(block: Block, context: _Context) -> bool:
    """True when nothing but date, time, labels, agency and byline is left in the block."""
    text = dates.date_pattern(context.language).sub(" ", block.text)
    words = dates.date_words(context.language)
    for pattern in (words.published, words.updated):
        text = pattern.sub(" ", text)
    names = byline_names(block.text, context.language)
    agency = extract_agency([block], None, range(block.index, block.index + 1))
    for name in (*names, *([agency] if agency else [])):
        text = text.replace(name, " ")
    residue = [w for w in _SEPARATOR_RESIDUE.split(text) if w]
    return len(residue) <= 1


BYLINE_REACH = 8
"""Bylines are looked for this many blocks above the article head too (a byline above
the headline, or a headline the cleaner kept only from the dek on)."""
MAX_MOVED_BYLINE_WORDS = 8
"""A byline block this short holds nothing but the names (and link noise)."""
BARE_INTRO_WORDS = 2
"""A line this short ending in a byline's intro ("By", "Geschrieben von:") is only that."""


@dataclass(frozen=True, slots=True)
class _Found:
    """Every field's value, with the blocks that carried them."""

    dates: _Dates
    source: SourceFound | None
    section: tuple[str, tuple[str, ...], tuple[int, ...]]
    see_also: Mapping[int, str]
    authors: tuple[tuple[str, ...], int | None]
    agency: str
    authors_doubtful: bool = False
    """The authors come from a line in the head that is only a name, not from a byline."""


TITLE_RULE = "meta/title"
DUPLICATE_TITLE_RULE = "meta/duplicate-title"
"""Removal-log names of the headline line and of its copies above the lead."""


def _moved(context: _Context, found: _Found) -> dict[int, str]:
    """Blocks whose whole information went to front matter, with the rule that moved them."""
    moved: dict[int, str] = {}
    if context.layout.title is not None:
        moved[context.layout.title] = TITLE_RULE
    moved.update(dict.fromkeys(context.layout.duplicates, DUPLICATE_TITLE_RULE))
    if found.source and found.source.line is not None and found.source.line in context.head:
        moved[found.source.line] = "meta/source"
    line = found.dates.line
    if line is not None and _is_moved_dateline(context, line):
        moved[line] = "meta/dateline"
    moved.update(dict.fromkeys(found.section[2], "meta/section"))
    moved.update(dict.fromkeys(found.see_also, "meta/see-also"))
    byline = found.authors[1]
    if byline is not None and word_count(context.blocks[byline].text) <= MAX_MOVED_BYLINE_WORDS:
        moved.setdefault(byline, "meta/byline")
        intro = context.blocks[byline - 1].text if byline > 0 else ""
        if word_count(intro) <= BARE_INTRO_WORDS and ends_in_intro(intro, context.language):
            moved.setdefault(byline - 1, "meta/byline")  # "By" alone, the names below it
    return moved


def _is_moved_dateline(context: _Context, line: int) -> bool:
    """The publication date's block moves when it sits in the head and holds nothing else."""
    return line in context.head and is_whole_dateline(context.blocks[line], context)


def _review(title_derived: bool, found: _Found) -> tuple[str, ...]:
    """Fields an editor should check: a derived title, a missing or doubtful date (found
    away from the head, unlabelled), a missing source."""
    review = ["title"] if title_derived else []
    review += ["date"] if not found.dates.confident else []
    review += ["source"] if found.source is None else []
    review += ["authors"] if found.authors_doubtful else []
    return tuple(review)


def _find_all(context: _Context, source: SourceFound | None, settings: MetaSettings) -> _Found:
    """Run the field extractors that read blocks (everything but title and summary)."""
    blocks, language = context.blocks, context.language
    section = extract_section(blocks, context.head, merged_vocabulary(context.languages))
    end = context.layout.end if context.layout.end is not None else context.head.stop
    article = range(context.head.start, end + AFTER_LEAD + 1)
    authors = extract_authors(blocks, language, range(article.start - BYLINE_REACH, article.stop))
    named = _name_in_head(context) if not authors[0] else None
    return _Found(
        dates=extract_dates(context, settings),
        source=source,
        section=(section.section, section.tags, section.lines) if section else ("", (), ()),
        see_also=extract_see_also(blocks, language),
        authors=named or authors,
        agency=extract_agency(blocks, context.layout.lead, article) or "",
        authors_doubtful=named is not None,
    )


def _name_in_head(context: _Context) -> tuple[tuple[str, ...], int] | None:
    """Without a byline, a line above the lead that is only a name (opening with a known
    given name) is taken for the author, and flagged for review."""
    lead = context.layout.lead
    if lead is None:
        return None
    for index in range(context.head.start, lead):
        name = name_line(context.blocks[index].text)
        if name is not None:
            return (name,), index
    return None


def extract_metadata(
    blocks: Sequence[Block], verdicts: Sequence[Verdict], language: str, settings: MetaSettings
) -> Extraction:
    """Front-matter fields of one capture, and the blocks that moved into them.

    The source is found first, because its outlet tells the timezone, the date order and
    the section names (an English edition of a Portuguese site uses "Mundo").
    """
    source = extract_source(blocks)
    outlet = source.outlet if source else None
    languages = _capture_languages(language, outlet)
    layout = find_layout(blocks, verdicts, lambda b: _is_meta(b, languages))
    context = _Context(blocks, verdicts, language, layout, outlet)
    found = _find_all(context, source, settings)
    title = extract_title(context)
    derived = derive_title(lead_sentence(context) or "") if title is None else None
    meta = ArticleMeta(
        title=title or derived or "",
        summary=extract_summary(context) or "",
        date=found.dates.date,
        captured=found.dates.captured,
        language=language,
        source=outlet.name if outlet else "",
        agency=found.agency,
        authors=found.authors[0],
        section=found.section[0],
        tags=found.section[1],
        see_also=tuple(found.see_also.values()),
        review=_review(title is None, found),
    )
    return Extraction(meta=meta, moved=_moved(context, found))


def _capture_languages(language: str, outlet: Outlet | None) -> tuple[str, ...]:
    """The capture's language and its outlet's (an English edition keeps Portuguese labels)."""
    return tuple(dict.fromkeys(c for c in (language, outlet.language if outlet else "") if c))


def meta_line_test(blocks: Sequence[Block], language: str) -> Callable[[Block], bool]:
    """The meta-line test `extract_metadata` applies to a capture's blocks (for training)."""
    source = extract_source(blocks)
    languages = _capture_languages(language, source.outlet if source else None)
    return lambda block: _is_meta(block, languages)


def _is_meta(block: Block, languages: Sequence[str]) -> bool:
    """`is_meta_line` in any of the capture's languages."""
    return any(is_meta_line(block, language) for language in languages or ("",))
