"""The site map of DESIGN.md as functions; the base path is applied here and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from slugify import slugify

TERM_KINDS = ("people", "places", "organizations", "tags", "sources", "sections", "languages")
ENTITY_KINDS = ("people", "places", "organizations")


def term_slug(name: str) -> str:
    """ASCII URL name of a taxonomy term or entity ("Notícias ao Minuto" -> noticias-ao-minuto)."""
    return slugify(name, max_length=80, word_boundary=True) or "term"


@dataclass(frozen=True, slots=True)
class Urls:
    """Builds every internal URL under the site's base path, and absolute URLs for feeds."""

    base_url: str = "/"

    @property
    def base_path(self) -> str:
        """The path part of base_url, always with leading and trailing slash."""
        path = urlsplit(self.base_url).path or "/"
        return "/" + path.strip("/") + "/" if path.strip("/") else "/"

    def path(self, relative: str) -> str:
        """Site-relative path (`articles/x/`) -> URL path under the base path."""
        return self.base_path + relative.lstrip("/")

    def absolute(self, relative: str) -> str:
        """Absolute URL when base_url has a scheme and host, else the base-path URL."""
        parts = urlsplit(self.base_url)
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}{self.path(relative)}"
        return self.path(relative)

    def home(self) -> str:
        return self.path("")

    def article(self, slug: str) -> str:
        return self.path(f"articles/{slug}/")

    def term(self, kind: str, slug: str, page: int = 1) -> str:
        return self.path(f"{kind}/{slug}/" + (f"page/{page}/" if page > 1 else ""))

    def term_index(self, kind: str) -> str:
        return self.path(f"{kind}/")

    def archive(self, year: int, month: int | None = None, page: int = 1) -> str:
        month_part = f"{month:02d}/" if month else ""
        page_part = f"page/{page}/" if page > 1 else ""
        return self.path(f"archive/{year:04d}/{month_part}{page_part}")

    def archive_index(self) -> str:
        return self.path("archive/")

    def asset(self, name: str) -> str:
        return self.path(f"static/{name}")

    def feed(self, kind: str | None = None, slug: str | None = None) -> str:
        if kind and slug:
            return self.path(f"{kind}/{slug}/feed.xml")
        return self.path("feed.xml")


def output_path(url_path: str, base_path: str) -> str:
    """URL path -> file path inside public/ (`/archive/articles/x/` -> `articles/x/index.html`)."""
    relative = url_path[len(base_path) :] if url_path.startswith(base_path) else url_path
    relative = relative.lstrip("/")
    if relative == "" or relative.endswith("/"):
        return relative + "index.html"
    return relative
