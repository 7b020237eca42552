"""Rule packs: named, compiled patterns for the boilerplate a capture carries, kept as data.

Packs ship as YAML in `sitegen/rules/<language>/<kind>.yaml` (`all/` for patterns that do
not depend on the language); editors add their own in `<content>/rules/*.yaml`, which are
consulted first. Every rule is compiled once, when the packs load, and a rule that would
match everything (an empty pattern, `.*`, one matching the empty string or an ordinary
sentence) is refused there with a RuleError naming the file and the rule. The YAML format
is documented in `sitegen/rules/README.md`.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from itertools import accumulate
from pathlib import Path
from typing import Any, Literal

import yaml

from sitegen.errors import RuleError
from sitegen.ingest.openers import may_open, may_start

MatchMode = Literal["full", "start", "search"]
Takes = Literal["", "teasers", "short", "rest"]
RuleRole = Literal["boilerplate", "heading", "body"]

_KEYS = {"name", "pattern", "match", "max_words", "takes", "role", "doc", "case", "needs"}
_MODES: tuple[MatchMode, ...] = ("full", "start", "search")
_TAKES: tuple[Takes, ...] = ("", "teasers", "short", "rest")
_ROLES: tuple[RuleRole, ...] = ("boilerplate", "heading", "body")
SEARCH_MAX_WORDS = 120
"""A `search` rule without `max_words` applies to blocks up to this many words."""
FULL_MAX_WORDS = 8
"""A `full` rule without `max_words` applies to blocks up to this many words (labels)."""
START_MAX_WORDS = 40
"""A `start` rule without `max_words` applies to blocks up to this many words."""
_DEFAULT_MAX_WORDS = {"full": FULL_MAX_WORDS, "start": START_MAX_WORDS, "search": SEARCH_MAX_WORDS}
_TIER = 8
"""Rules are combined in two tiers, up to this many words and beyond, so long blocks only
meet the few rules written for them."""

PROBES = (
    "",
    "a",
    "x",
    "lorem ipsum dolor sit amet",
    "The government said on Tuesday that the talks would continue next week.",
    "Die Regierung teilte am Dienstag mit, dass die Gespräche weitergehen werden.",
    "O governo disse na terça-feira que as negociações vão continuar na próxima semana.",
    "El gobierno dijo el martes que las conversaciones continuarán la próxima semana.",
    "Le gouvernement a déclaré mardi que les discussions se poursuivraient.",
)
"""Texts no rule may match: a rule that does would remove ordinary article text."""

_WORD = re.compile(r"\w+")
MEMO_SIZE = 100_000
MEMO_MAX_CHARS = 300
"""Only blocks up to this long are remembered: long paragraphs rarely repeat."""
"""Remembered (rule set, language, text) results before the memo starts over."""
_MEMO: dict[tuple[str, str, str], Rule | None] = {}
_OTHER_LANGUAGE = "*"
"""The pattern key of page languages no rule is written for."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One named pattern and what a match does to the block (and the blocks after it)."""

    name: str
    """Shown in the removal log: `<language>/<kind>#<rule>`, e.g. `pt/promos#telegram`."""
    language: str
    kind: str
    pattern: re.Pattern[str]
    mode: MatchMode
    max_words: int
    takes: Takes
    """Following blocks the rule also claims: `teasers` (title + blurb pairs), `short`
    (widget readings) or `rest` (a comments section: everything after, once the article
    has been seen)."""
    role: RuleRole
    source: str
    """The YAML file the rule came from."""
    needs: tuple[str, ...] = ()
    """Case-folded keywords; the pattern is only tried on blocks containing one of them."""

    def matches(self, text: str, n_words: int) -> bool:
        """True when the rule applies to a block with this text and word count."""
        if n_words > self.max_words:
            return False
        if self.mode == "full":
            return self.pattern.fullmatch(text) is not None
        if self.mode == "start":
            return self.pattern.match(text) is not None
        return self.pattern.search(text) is not None


_Trial = tuple[int, Callable[[str], "re.Match[str] | None"], Rule]
"""An anchored rule ready to try: its word limit, its bound `fullmatch` or `match`, itself."""


@dataclass(frozen=True, slots=True)
class _Combined:
    """One mode's rules in priority order, joined into one pattern with a group per rule."""

    rules: tuple[Rule, ...]
    pattern: re.Pattern[str]
    max_words: int
    _openers: dict[str, tuple[_Trial, ...]] = field(default_factory=dict, compare=False, repr=False)
    """Per ASCII opening (two characters, or one), the rules that can match a block
    starting with it, as trials."""

    def openers(self, text: str) -> tuple[_Trial, ...]:
        """The rules (in order) whose match can start as `text` (which starts with an ASCII
        character) does, as (max_words, the anchored test, rule).

        Two characters narrow a mode's rules to a few (nine on average on the corpus's
        short blocks, from about ninety), which are then tried one by one: joining them
        into one pattern per opening would compile thousands of patterns, at a cost
        every process pays again.
        """
        key = text[:2] if text[1:2].isascii() else text[0]
        if key not in self._openers:
            first = key[0].lower()  # `may_start` answers alike for both cases
            self._openers[key] = tuple(
                (r.max_words, r.pattern.fullmatch if r.mode == "full" else r.pattern.match, r)
                for r in self.rules
                if may_start(r.pattern, first) and (len(key) < 2 or may_open(r.pattern, key))
            )
        return self._openers[key]

    def first(self, text: str, n_words: int) -> Rule | None:
        """The first of the rules matching `text` (see `_first_match`)."""
        return _first_match(self, text, n_words)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """All loaded rules; matching uses one combined pattern per mode and page language."""

    rules: tuple[Rule, ...]
    fingerprint: str = field(init=False, default="")
    """Digest of the rules' content: the memo key, the same in every process."""
    _gated: dict[str, tuple[Rule, ...]] = field(default_factory=dict, compare=False, repr=False)
    """Rules with `needs`, in priority order per page language."""
    _keywords: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)
    """One pattern finding any rule's `needs` keyword, per page language."""
    _words: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    """The `needs` keywords, per page language."""
    _gated_words: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """The longest block (in words) any rule with `needs` applies to, per page language."""
    _cache: dict[str, tuple[_Group | _Combined, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Rule groups per page language, built on first use."""

    _languages: frozenset[str] = field(init=False, default=frozenset(), compare=False, repr=False)
    """Languages some rule is written for; every other page language orders rules alike."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_languages", frozenset(r.language for r in self.rules))
        key = repr([(r.name, r.pattern.pattern, r.pattern.flags, r.mode, r.max_words, r.needs)
                    for r in self.rules])  # fmt: skip
        object.__setattr__(self, "fingerprint", hashlib.sha256(key.encode()).hexdigest())

    def match(
        self, text: str, language: str | None = None, n_words: int | None = None
    ) -> Rule | None:
        """The first rule matching `text` (see `_match`), remembered for repeated lines.

        Menus, share bars and footers repeat across the captures of a site, so a bounded
        memo keyed by the rule set's content saves most of the matching.
        """
        return self._remembered(text, language, n_words, None)

    def match_page(
        self, texts: Sequence[str], language: str | None, n_words: Sequence[int]
    ) -> list[Rule | None]:
        """`match` for each block of a page, the `needs` keywords looked for all at once.

        A pattern of all keywords tried at every character of every block is slow; one
        substring search per keyword over the blocks that need the test is not.
        """
        lang = self._pattern_key((language or "")[:2])
        self._combined(lang)
        limit, folded_language = self._gated_words[lang], language or ""
        fresh = [
            i
            for i, (text, n) in enumerate(zip(texts, n_words, strict=True))
            if n <= limit
            and (
                len(text) > MEMO_MAX_CHARS or (self.fingerprint, folded_language, text) not in _MEMO
            )
        ]
        found = keyword_blocks([texts[i] for i in fresh], self._words[lang])
        marked = None if found is None else {fresh[j] for j in found}
        return [
            self._remembered(text, language, n, None if marked is None else i in marked)
            for i, (text, n) in enumerate(zip(texts, n_words, strict=True))
        ]

    def _remembered(
        self, text: str, language: str | None, n_words: int | None, marked: bool | None
    ) -> Rule | None:
        if len(text) > MEMO_MAX_CHARS:
            return self._match(text, language, n_words, marked)
        key = (self.fingerprint, language or "", text)
        if key in _MEMO:
            return _MEMO[key]
        if len(_MEMO) >= MEMO_SIZE:
            _MEMO.clear()
        found = _MEMO[key] = self._match(text, language, n_words, marked)
        return found

    def _match(
        self,
        text: str,
        language: str | None = None,
        n_words: int | None = None,
        marked: bool | None = None,
    ) -> Rule | None:
        """The first rule matching `text`: editor packs, then the page's language, then others.

        Captures mix languages (a Portuguese site's English edition keeps its Portuguese
        widgets), so every pack applies; the page's language only decides which name wins.
        `marked` says whether the text holds a `needs` keyword, where that is known.
        """
        if n_words is None:
            n_words = len(_WORD.findall(text))
        lang = self._pattern_key((language or "")[:2])
        found: list[Rule] = []
        for group in self._combined(lang):
            if n_words > group.max_words:
                continue
            rule = group.first(text, n_words)
            if rule is not None:
                found.append(rule)
        gated = self._gated.get(lang, ())
        if gated and n_words <= self._gated_words[lang]:
            folded = text.casefold()
            if marked if marked is not None else self._keywords[lang].search(folded):
                first = next(
                    (
                        r
                        for r in gated
                        if any(k in folded for k in r.needs) and r.matches(text, n_words)
                    ),
                    None,
                )
                if first is not None:
                    found.append(first)
        if not found:
            return None
        return min(found, key=lambda r: _priority(r, (language or "")[:2]))

    def _pattern_key(self, lang: str) -> str:
        """`lang`, or one shared key for all languages no rule is written for.

        Rule priority only asks whether a rule's language is the page's, so for those
        languages the combined patterns come out the same: they are compiled once.
        """
        if lang in self._languages or _OTHER_LANGUAGE in self._languages:
            return lang
        return _OTHER_LANGUAGE

    def _combined(self, lang: str) -> tuple[_Group | _Combined, ...]:
        if lang not in self._cache:
            ordered = sorted(self.rules, key=lambda r: _priority(r, lang))
            self._gated[lang] = tuple(r for r in ordered if r.needs)
            self._gated_words[lang] = max((r.max_words for r in ordered if r.needs), default=-1)
            words = sorted({k for r in ordered for k in r.needs}, key=len, reverse=True)
            self._keywords[lang] = re.compile("|".join(map(re.escape, words)) or "(?!)")
            self._words[lang] = tuple(words)
            plain = [r for r in self.rules if not r.needs]
            self._cache[lang] = tuple(
                _group(group, lang)
                for m in _MODES
                for long in (False, True)
                if (group := [r for r in plain if r.mode == m and (r.max_words > _TIER) == long])
            )
        return self._cache[lang]


def _priority(rule: Rule, lang: str) -> tuple[bool, bool]:
    return (not rule.source.startswith("editor:"), rule.language != lang)


@dataclass(frozen=True, slots=True)
class _Group:
    """The rules of one mode and word-count tier for one page language.

    Rules rank editor before shipped, then the page's language before others, then in
    file order. Per rank of origin (editor, shipped) one pattern joins all its rules in
    file order: it is the same for every page language, so it and its narrowed patterns
    are compiled once. Its first match settles the rank unless it is in another language
    while a rule in the page's language matches too, which a second, smaller pattern of
    those rules finds. Most blocks match nothing, and that takes one pattern, not two.
    """

    kins: tuple[tuple[_Combined, _Combined | None], ...]
    """(all rules, the page language's rules or None) per rank of origin."""
    language: str
    max_words: int

    def first(self, text: str, n_words: int) -> Rule | None:
        """The highest-priority rule of the group matching `text`."""
        for every, own in self.kins:
            rule = _first_match(every, text, n_words)
            if rule is None:
                continue
            if own is None or rule.language == self.language:
                return rule
            return _first_match(own, text, n_words) or rule
        return None


def _group(rules: Sequence[Rule], lang: str) -> _Group | _Combined:
    """One mode's rules (in file order) as a `_Group` for page language `lang`.

    `search` rules stay one pattern in priority order: there the leftmost match wins, so
    the argument of `_Group` does not hold.
    """
    max_words = max((r.max_words for r in rules), default=-1)
    if rules[0].mode == "search":
        return _combine(sorted(rules, key=lambda r: _priority(r, lang)))
    kins = []
    for editor in (True, False):
        kin = tuple(r for r in rules if r.source.startswith("editor:") == editor)
        every = _joined(kin)
        if every is not None:
            kins.append((every, _joined(tuple(r for r in kin if r.language == lang))))
    return _Group(tuple(kins), lang, max_words)


def _combine(rules: Sequence[Rule]) -> _Combined:
    """Join rules of one mode into `(?P<r0>…)|(?P<r1>…)`; case-sensitive ones scoped `(?-i:…)`."""
    parts = []
    for i, rule in enumerate(rules):
        body = rule.pattern.pattern
        if not rule.pattern.flags & re.IGNORECASE:
            body = f"(?-i:{body})"
        parts.append(f"(?P<r{i}>{body})")
    pattern = re.compile("|".join(parts) or "(?!)", re.IGNORECASE)
    return _Combined(tuple(rules), pattern, max((r.max_words for r in rules), default=-1))


def _first_match(combined: _Combined, text: str, n_words: int) -> Rule | None:
    """The highest-priority rule of one mode that matches, via the combined pattern.

    Anchored modes first narrow the rules by the block's first two characters (see
    `_Combined.openers`): most rules start with a word, and a block can only match those
    that can open as it does.
    """
    mode = combined.rules[0].mode
    if mode != "search" and text and text[0].isascii():
        for max_words, test, rule in combined.openers(text):  # `Rule.matches`, unrolled
            if n_words <= max_words and test(text) is not None:
                return rule
        return None
    if mode == "full":
        m = combined.pattern.fullmatch(text)
    elif mode == "start":
        m = combined.pattern.match(text)
    else:
        m = combined.pattern.search(text)
    if m is None or m.lastgroup is None:
        return None
    rule = combined.rules[int(m.lastgroup[1:])]
    if rule.matches(text, n_words):
        return rule
    return next((r for r in combined.rules if r.matches(text, n_words)), None)


@lru_cache(maxsize=4096)
def _joined(rules: tuple[Rule, ...]) -> _Combined | None:
    """`_combine(rules)`, compiled once for every rule set and page language that narrows
    to the same rules in the same order."""
    return _combine(rules) if rules else None


def keyword_blocks(texts: Sequence[str], words: Sequence[str]) -> set[int] | None:
    """Indices of the texts whose case-folded form holds one of `words`; None when a word
    holds a line end (then the texts joined one a line cannot tell)."""
    if any("\n" in word for word in words):
        return None
    folded = [text.casefold() for text in texts]
    page = "\n".join(folded)
    starts = list(accumulate((len(f) + 1 for f in folded), initial=0))
    found: set[int] = set()
    for word in words:
        at = page.find(word)
        while at >= 0:
            block = bisect_right(starts, at) - 1
            found.add(block)
            at = page.find(word, starts[block + 1])
    return found


def forget_matches() -> None:
    """Empty the memo of rule matches (for timing runs and tests)."""
    _MEMO.clear()


def load_rules(extra_dirs: Sequence[Path] = ()) -> RuleSet:
    """Load the shipped packs plus editors' packs from `extra_dirs` (each `*.yaml` in them).

    Raises RuleError naming the file and rule for a malformed or catch-all rule.
    """
    rules: list[Rule] = []
    for folder in extra_dirs:
        for path in sorted(Path(folder).glob("*.yaml")):
            rules.extend(_load_pack(path.read_text(encoding="utf-8"), str(path), None, editor=True))
    for lang_dir in sorted(_shipped_root().iterdir(), key=lambda t: t.name):
        if not lang_dir.is_dir():
            continue
        for pack in sorted(lang_dir.iterdir(), key=lambda t: t.name):
            if pack.name.endswith(".yaml"):
                where = f"sitegen/rules/{lang_dir.name}/{pack.name}"
                rules.extend(_load_pack(pack.read_text("utf-8"), where, lang_dir.name))
    return build_ruleset(rules)


def build_ruleset(rules: Iterable[Rule]) -> RuleSet:
    """Bundle rules into a set, checking that they combine into one pattern per mode."""
    ruleset = RuleSet(tuple(rules))
    for rule in ruleset.rules:
        try:
            _combine([rule])
        except re.error as err:
            raise RuleError(f"rule {rule.name}: cannot be combined ({err})", rule.source) from err
    return ruleset


def _shipped_root() -> Traversable:
    return resources.files("sitegen").joinpath("rules")


def _load_pack(text: str, where: str, language: str | None, editor: bool = False) -> list[Rule]:
    """Parse one YAML pack into compiled rules; every problem becomes a RuleError."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        raise RuleError(f"not valid YAML: {err}", where) from err
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError("a rule pack needs a `rules:` list", where)
    lang = str(data.get("language", language or "all"))
    kind = str(data.get("kind", Path(where).stem))
    source = f"editor:{where}" if editor else where
    return [_compile_rule(spec, lang, kind, source) for spec in data["rules"]]


def _compile_rule(spec: Any, language: str, kind: str, source: str) -> Rule:
    """Validate one rule entry and compile it, refusing catch-all patterns."""
    where = source.removeprefix("editor:")
    if not isinstance(spec, dict) or not spec.get("name"):
        raise RuleError(f"every rule needs a name (got {spec!r})", where)
    name = f"{language}/{kind}#{spec['name']}"
    unknown = set(spec) - _KEYS
    if unknown:
        raise RuleError(f"rule {name}: unknown keys {sorted(unknown)}", where)
    pattern = _compile_pattern(spec, name, where)
    mode, takes, role = spec.get("match", "full"), spec.get("takes", ""), spec.get("role")
    if mode not in _MODES or takes not in _TAKES or (role or "boilerplate") not in _ROLES:
        raise RuleError(f"rule {name}: bad match/takes/role value", where)
    max_words = spec.get("max_words")
    if max_words is None:
        max_words = _DEFAULT_MAX_WORDS.get(mode, FULL_MAX_WORDS)
    needs = _needs(spec, name, where)
    rule = Rule(name, language, kind, pattern, mode, max_words, takes, role or "boilerplate",
                source, needs)  # fmt: skip
    _refuse_catch_all(rule, where)
    return rule


def _needs(spec: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    """The optional keyword gate: a list of non-empty strings, stored case-folded."""
    raw = spec.get("needs", [])
    if not isinstance(raw, list) or not all(isinstance(k, str) and k.strip() for k in raw):
        raise RuleError(f"rule {name}: `needs` must be a list of non-empty strings", where)
    return tuple(k.casefold() for k in raw)


def _compile_pattern(spec: dict[str, Any], name: str, where: str) -> re.Pattern[str]:
    raw = spec.get("pattern")
    if not isinstance(raw, str) or not raw.strip():
        raise RuleError(f"rule {name}: empty pattern", where)
    flags = 0 if spec.get("case") == "sensitive" else re.IGNORECASE
    try:
        return re.compile(raw, flags)
    except re.error as err:
        raise RuleError(f"rule {name}: bad pattern: {err}", where) from err


def _refuse_catch_all(rule: Rule, where: str) -> None:
    """A rule matching the empty string or an ordinary sentence would remove the article."""
    for probe in PROBES:
        if rule.matches(probe, len(_WORD.findall(probe))):
            raise RuleError(
                f"rule {rule.name} would match everything (it matches {probe!r})", where
            )
