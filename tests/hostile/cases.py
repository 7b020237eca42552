"""The hostile-input corpus (issue 6) as data: one row per input, where it goes in an archive,
how to make it (the big ones are generated at test time, never committed), and the exact line
the tool must print about it, or, for an input it must accept, the page it must build.

`{path}` in a message stands for the hostile file's absolute path, `{root}` for the archive.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import full_archive

EN_SLUG = "putin-s-visit-to-china-to-strengthen-cooperation-between-the-two-countries"
PT_SLUG = "o-presidente-russo-vladimir-putin-disse-ao-seu-colega-chines-na-terca-feira"
PT = (
    "{word} ao Minuto: na terça-feira, a Rússia e a Ucrânia retomaram as negociações em "
    "Istambul, disse o ministro à imprensa. O coração da cidade parou durante a reunião.\n"
)
NOTE = "type: context\nauthor: archive-desk\ndate: 2024-01-01\n"


@dataclass(frozen=True)
class Case:
    """One hostile input.

    `message` is the whole line printed on stderr by `command` (None: nothing is printed
    about it); `slug` and `shows` name the page an accepted input must build and a phrase
    the reader must see on it.
    """

    name: str
    path: str
    write: Callable[[Path], None]
    message: str | None = None
    command: str = "build"
    slug: str | None = None
    shows: str | None = None
    shown: str | None = None
    """How the message writes `path`, when not as it is (control characters escaped)."""


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _text(text: str) -> Callable[[Path], None]:
    return _bytes(text.encode("utf-8"))


def _portuguese(word: str, encoding: str, newline: str = "\n") -> Callable[[Path], None]:
    return _bytes((PT.format(word=word) * 4).replace("\n", newline).encode(encoding))


def _mojibake(path: Path) -> None:
    """UTF-8 bytes read as cp1252 and saved again as UTF-8 ("NotÃ­cias")."""
    path.write_text((PT.format(word="Mojibake") * 4).encode("utf-8").decode("cp1252"), "utf-8")


def _fifty_megabytes(path: Path) -> None:
    megabyte = (b"a line of text, repeated until the file is huge\n" * 21_000)[:1_000_000]
    with path.open("wb") as out:
        for _ in range(50):
            out.write(megabyte)


def _one_long_line(path: Path) -> None:
    """2 MB without a line break or a full stop: one block, one endless sentence."""
    phrase = "o conselho aprovou o plano do porto depois de um debate de seis horas, "
    path.write_bytes((phrase * (2_097_152 // len(phrase) + 1)).encode("utf-8")[:2_097_152])


def _six_megabytes(path: Path) -> None:
    """Under the 20 MB capture limit, but all of it article text: over 5 MB of article."""
    paragraph = PT.format(word="Porto").strip() + " "
    path.write_text((paragraph * 11_420 + "\n\n") * 3, "utf-8")


def _article(front: str, body: str = "A paragraph an editor wrote.\n") -> Callable[[Path], None]:
    return _text(f"---\n{front}---\n\n{body}")


def _link_outside(path: Path) -> None:
    """A link to a file in the folder above the archive."""
    archive = next(p for p in path.parents if (p / "content").is_dir())
    secret = archive.parent / f"{path.stem}.md"
    secret.write_text("---\ntitle: Outside\n---\n\nnot part of the archive\n", "utf-8")
    path.symlink_to(secret)


def _seed_outside(path: Path) -> None:
    secret = path.parents[2] / "secret.txt"
    secret.write_text(PT.format(word="Segredo") * 3, "utf-8")
    path.symlink_to(secret)


def _note(front: str, body: str = "A note.\n") -> Callable[[Path], None]:
    return _text(f"---\n{front}{NOTE}---\n\n{body}")


_HTML = (Path(__file__).parent / "hostile.html").read_text("utf-8")
_TRAVERSAL = (
    "<!DOCTYPE html><html lang='pt'><head><title>../../etc/passwd</title></head><body>"
    "<article><h1>../../etc/passwd</h1>"
    + ("<p>" + PT.format(word="Passwd") + "</p>") * 3
    + "</article></body></html>"
)
_BILLION_LAUGHS = (
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "title: Laughs\n"
)
_SCRIPT_NOTE = (
    "<script>alert('note')</script> <img src=x onerror=alert('img')> "
    "[a link](javascript:alert('link')) [data](data:text/html,<script>alert(1)</script>) "
    '<iframe src="https://evil.example/"></iframe> <a href="#" onclick="alert(1)">click</a>\n'
)
_HOSTILE_BODY = (
    "<script>alert('body')</script>\n\n"
    "[click](javascript:alert(2)) ![img](data:image/svg+xml,<svg onload=alert(3)>) "
    '<a href="javascript:alert(4)">raw</a> <iframe src="https://evil.example/"></iframe>\n\n'
    "<img src=x onerror=alert(5)> [vb](vbscript:msgbox) [d](data:text/html,x)\n"
)
HOSTILE_PAGES = 67
"""HTML pages a build of the hostile corpus writes; the README cites this count."""
_SEED = "seeds/"
_ARTICLES = "content/articles/"
_NOTES = f"content/annotations/{EN_SLUG}/"

CASES: tuple[Case, ...] = (
    # captures
    Case(
        "empty file",
        _SEED + "empty.txt",
        _bytes(b""),
        "error: {path}: empty capture: no text to ingest",
    ),
    Case(
        "whitespace only",
        _SEED + "blank.txt",
        _bytes(b" \n\t\r\n  \n"),
        "error: {path}: empty capture: no text to ingest",
    ),
    Case(
        "an image named .txt",
        _SEED + "photo.txt",
        _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
        "error: {path}: binary file (a PNG image), not a text or HTML capture",
    ),
    Case(
        "a 50 MB text file",
        _SEED + "huge.txt",
        _fifty_megabytes,
        "error: {path}: capture is 50.0 MB, over the 20 MB limit",
    ),
    Case(
        "a 6 MB capture that would make an article over the 5 MB the loader reads",
        _SEED + "six-megabytes.txt",
        _six_megabytes,
        "error: {path}: the article would be 6.0 MB, over the 5 MB an article may be; "
        "split the capture",
    ),
    Case(
        "a single 2 MB line",
        _SEED + "one-line.txt",
        _one_long_line,
        slug="o-conselho-aprovou-o-plano-do-porto-depois-de-um-debate-de",
        shows="o conselho aprovou o plano do porto depois de um debate de seis horas",
    ),
    Case(
        "a file name with a line break",
        _SEED + "empty\nname.txt",
        _bytes(b""),
        "error: {path}: empty capture: no text to ingest",
        shown=_SEED + "empty\\nname.txt",
    ),
    Case(
        "a file name with a right-to-left override",
        _SEED + "photo\u202egnp.txt",
        _bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        "error: {path}: binary file (a PNG image), not a text or HTML capture",
        shown=_SEED + "photo\\u202egnp.txt",
    ),
    Case(
        "NUL bytes",
        _SEED + "nul.txt",
        _bytes(b"abc\x00" * 500),
        "error: {path}: binary data: 500 NUL bytes in 2000 characters",
    ),
    Case(
        "a gzip bomb",
        _SEED + "bomb.html.gz",
        _bytes(gzip.compress(b" " * 21_000_000)),
        "error: {path}: decompressed capture is over the 20 MB limit",
    ),
    Case(
        "UTF-16 with a BOM",
        _SEED + "utf16.txt",
        _portuguese("Utf16", "utf-16"),
        slug="utf16-ao-minuto-na-terca-feira-a-russia-e-a-ucrania-retomaram-as",
        shows="Utf16 ao Minuto: na terça-feira, a Rússia e a Ucrânia retomaram as negociações",
    ),
    Case(
        "cp1252 Portuguese",
        _SEED + "cp1252.txt",
        _portuguese("Notícias", "cp1252"),
        slug="noticias-ao-minuto-na-terca-feira-a-russia-e-a-ucrania-retomaram-as",
        shows="Notícias ao Minuto: na terça-feira, a Rússia e a Ucrânia retomaram as negociações",
    ),
    Case(
        "latin-1 Portuguese",
        _SEED + "latin1.txt",
        _portuguese("Latim", "latin-1"),
        slug="latim-ao-minuto-na-terca-feira-a-russia-e-a-ucrania-retomaram-as",
        shows="Latim ao Minuto: na terça-feira, a Rússia e a Ucrânia retomaram as negociações",
    ),
    Case(
        "a stray NUL byte in good text",
        _SEED + "stray-nul.txt",
        _bytes((PT.format(word="Nulo") * 4).replace("Istambul", "Istam\x00bul", 1).encode()),
        "warning: {path}: removed 1 NUL byte(s)",
        slug="nulo-ao-minuto-na-terca-feira-a-russia-e-a-ucrania-retomaram-as",
        shows="retomaram as negociações em Istambul",
    ),
    Case(
        "mojibake (UTF-8 read as cp1252)",
        _SEED + "mojibake.txt",
        _mojibake,
        "warning: {path}: repaired mojibake (UTF-8 text that had been read as a legacy encoding)",
        slug="mojibake-ao-minuto-na-terca-feira-a-russia-e-a-ucrania-retomaram-as",
        shows="Mojibake ao Minuto: na terça-feira, a Rússia e a Ucrânia retomaram as negociações",
    ),
    Case(
        "Windows line endings",
        _SEED + "crlf.txt",
        _portuguese("Windows", "utf-8", "\r\n"),
        slug="windows-ao-minuto-na-terca-feira-a-russia-e-a-ucrania-retomaram-as",
        shows="O coração da cidade parou durante a reunião.",
    ),
    Case(
        "old Mac line endings",
        _SEED + "cr.txt",
        _portuguese("Mac", "utf-8", "\r"),
        slug="mac-ao-minuto-na-terca-feira-a-russia-e-a-ucrania-retomaram-as",
        shows="O coração da cidade parou durante a reunião.",
    ),
    Case(
        "a file name with spaces, accents and emoji",
        _SEED + "Notícia de março 🎉 final.txt",
        _portuguese("Emoji", "utf-8"),
        slug="emoji-ao-minuto-na-terca-feira-a-russia-e-a-ucrania-retomaram-as",
        shows="Emoji ao Minuto: na terça-feira",
    ),
    Case(
        "a title that tries path traversal",
        _SEED + "traversal.html",
        _text(_TRAVERSAL),
        slug="etc-passwd",
        shows="../../etc/passwd",
    ),
    Case(
        "a symlink in seeds/ pointing outside it",
        _SEED + "link.txt",
        _seed_outside,
        "error: {path}: is a link to a file outside the seeds folder (not read)",
    ),
    Case(
        "HTML with script, iframe, event handlers, javascript: and data: URLs, base, refresh",
        _SEED + "hostile.html",
        _text(_HTML),
        slug="council-approves-the-new-harbour-plan",
        shows="The city council approved the harbour plan on Tuesday",
    ),
    # articles an editor (or an attacker) wrote
    Case(
        "malformed front matter",
        _ARTICLES + "malformed.md",
        _article("title: 'unclosed\n"),
        "error: {path}:3: malformed front matter: found unexpected end of stream",
    ),
    Case(
        "a YAML python tag",
        _ARTICLES + "python-tag.md",
        _article("title: Tag\nx: !!python/object/apply:os.system ['touch pwned']\n"),
        "error: {path}:3: malformed front matter: could not determine a constructor for the "
        "tag 'tag:yaml.org,2002:python/object/apply:os.system'",
    ),
    Case(
        "a billion-laughs alias bomb",
        _ARTICLES + "laughs.md",
        _article(_BILLION_LAUGHS),
        "error: {path}:3: malformed front matter: aliases are not allowed in front matter",
    ),
    Case(
        "front matter nested 10,000 levels deep",
        _ARTICLES + "deep.md",
        _article("title: Deep\nx: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        "error: {path}:3: malformed front matter: nested more than 50 levels deep",
    ),
    Case(
        "a number as title",
        _ARTICLES + "number-title.md",
        _article("title: 42\n"),
        "error: {path}: 'title' must be text, not int",
    ),
    Case(
        "a list as date",
        _ARTICLES + "list-date.md",
        _article("title: Listed\ndate: [2024, 1, 2]\n"),
        "error: {path}: 'date' must be a date, not list",
    ),
    Case(
        "an unknown key",
        _ARTICLES + "unknown-key.md",
        _article("title: Colourful\ndate: 2024-02-01\ncolour: blue\n"),
        "warning: {path}: unknown front matter key 'colour' (ignored)",
        slug="unknown-key",
        shows="A paragraph an editor wrote.",
    ),
    Case(
        "an article body with raw HTML, script and javascript:, data: and vbscript: links",
        _ARTICLES + "hostile-body.md",
        _article("title: Hostile body\ndate: 2024-02-03\n", _HOSTILE_BODY),
        slug="hostile-body",
        shows="<script>alert('body')</script>",
    ),
    Case(
        "a slug that tries path traversal",
        _ARTICLES + "slug-traversal.md",
        _article("title: Traversal\nslug: ../../etc/passwd\n"),
        "error: {path}: slug '../../etc/passwd' is not a lowercase ASCII URL segment",
    ),
    Case(
        "a title that tries path traversal (article)",
        _ARTICLES + "title-traversal.md",
        _article("title: ../../etc/passwd\ndate: 2024-02-02\n"),
        slug="title-traversal",
        shows="../../etc/passwd",
    ),
    Case(
        "two articles with the same slug",
        _ARTICLES + "zz-copy.md",
        _article(f"title: A copy\nslug: {EN_SLUG}\n"),
        f"error: {{path}}: slug '{EN_SLUG}' is already used by "
        f"{{root}}/{_ARTICLES}{EN_SLUG}.md (skipped)",
    ),
    Case(
        "a symlink pointing outside content/",
        _ARTICLES + "outside.md",
        _link_outside,
        "error: {path}: is a link to a file outside the content folder (not read)",
    ),
    Case(
        "an article that is not UTF-8",
        _ARTICLES + "latin.md",
        _bytes("---\ntitle: Notícia\n---\n\nCoração.\n".encode("cp1252")),
        "error: {path}: not UTF-8 text (byte 14)",
    ),
    Case(
        "an article without front matter",
        _ARTICLES + "bare.md",
        _text("Just a paragraph, no front matter.\n"),
        "error: {path}: no front matter: an article starts with a --- fenced YAML block",
    ),
    # editors' notes
    Case(
        "a note with raw HTML and script in its body",
        _NOTES + "script.md",
        _note(f"article: {EN_SLUG}\nquote: Lavrov noted that the West\n", _SCRIPT_NOTE),
        slug=EN_SLUG,
        shows="<script>alert('note')</script>",
    ),
    Case(
        "a note that is a symlink pointing outside content/",
        _NOTES + "outside-note.md",
        _link_outside,
        "error: {path}: is a link to a file outside the content folder (not read)",
    ),
    Case(
        "a note on an unknown article",
        "content/annotations/nowhere/lost.md",
        _note("article: nowhere\nquote: anything\n"),
        "error: {path}: unknown article 'nowhere' (no such slug)",
    ),
    Case(
        "a quote longer than the article",
        _NOTES + "too-long.md",
        _note(f"article: {EN_SLUG}\nquote: {'the visit ' * 2000}\n"),
        "error: {path}:3: orphaned note: its quote is no longer in article "
        f"'{EN_SLUG}'; set 'quote' (and 'prefix'/'suffix') to the passage as it reads now, "
        "or 'status: withdrawn' with the reason in the body",
        command="check",
    ),
    Case(
        "a note without a quote",
        _NOTES + "no-quote.md",
        _note(f"article: {EN_SLUG}\n"),
        "error: {path}: 'quote' is missing",
    ),
)


def hostile_archive(root: Path) -> Path:
    """The repository's archive (seeds, articles, notes) plus every hostile input."""
    full_archive(root)
    for case in CASES:
        path = root / case.path
        path.parent.mkdir(parents=True, exist_ok=True)
        case.write(path)
    return root
