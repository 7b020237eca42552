"""Command line: build, ingest, clean, serve, check, annotate; user errors are one line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sitegen import __version__
from sitegen.config import SiteConfig, load_config
from sitegen.errors import SitegenError
from sitegen.runtime import tune_gc


def _folder(text: str) -> Path:
    """The project folder as `Path.cwd()` names it (absolute, links resolved): the cache
    keys hold input paths, so `--root site`, a link to it and a build run inside it must
    name the same files, or each rebuilds everything the others built."""
    return Path(text).resolve()


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root", type=_folder, default=Path.cwd(), help="project folder (default: .)"
    )
    common.add_argument("--seeds", type=Path, help="folder of raw captures (default: seeds/)")
    common.add_argument("--content", type=Path, help="content folder (default: content/)")
    common.add_argument("--out", type=Path, help="output folder (default: public/)")
    common.add_argument("--base-url", help="public URL of the site root")
    common.add_argument("--debug", action="store_true", help="show tracebacks")
    parser = argparse.ArgumentParser(prog="sitegen", description="Annotated news archive builder.")
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    workers = argparse.ArgumentParser(add_help=False)
    workers.add_argument(
        "--executor",
        default="process",
        help="where per-article work runs: process (default), serial or dask://HOST:PORT",
    )
    workers.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    builder = commands.add_parser(
        "build",
        parents=[common, workers],
        help="ingest new captures, then render the site into public/",
    )
    builder.add_argument(
        "--no-cache", action="store_true", help="ignore and do not update .sitegen-cache/"
    )
    ingest = commands.add_parser(
        "ingest", parents=[common, workers], help="clean captures into content/articles/"
    )
    ingest.add_argument("paths", nargs="*", type=Path, help="captures (default: all in seeds/)")
    ingest.add_argument(
        "--force",
        action="store_true",
        help="re-ingest captures already ingested (edited files stay)",
    )
    ingest.add_argument(
        "-v", "--verbose", action="store_true", help="list every removed block and its rule"
    )
    server = commands.add_parser(
        "serve", parents=[common], help="build, serve locally, rebuild and reload on change"
    )
    server.add_argument("--host", default="127.0.0.1", help="address to listen on")
    server.add_argument("--port", type=int, default=8000)
    checker = commands.add_parser(
        "check", parents=[common], help="validate content, notes and the built site's links"
    )
    checker.add_argument("--strict", action="store_true", help="treat warnings as errors")
    note = commands.add_parser("annotate", parents=[common], help="start a new note on a passage")
    note.add_argument("slug", help="the article's slug")
    note.add_argument("quote", help="the passage, as it reads in the article")
    note.add_argument(
        "--type",
        default="context",
        choices=("context", "fact-check", "correction", "translation", "link"),
    )
    note.add_argument("--author", default="editor", help="a key of content/editors.yml or a name")
    note.add_argument("--occurrence", type=int, default=1, help="which match of a repeated quote")
    clean = commands.add_parser("clean", parents=[common], help="print one cleaned capture")
    clean.add_argument("file", type=Path)
    clean.add_argument("--format", choices=("markdown", "text", "json"), default="markdown")
    return parser


def _config(args: argparse.Namespace) -> SiteConfig:
    overrides: dict[str, Any] = {
        "seeds": args.seeds,
        "content": args.content,
        "out": args.out,
        "base_url": args.base_url,
    }
    return load_config(args.root, overrides)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; exit 0 on success, 1 when any input had an error, 2 on usage errors.
    Without `argv` the command is the process's own (`python -m sitegen`, the `sitegen`
    script), which ends with it: a build may then lower its priority for good."""
    args = _parser().parse_args(argv)
    args.own_process = argv is None
    tune_gc()
    try:
        config = _config(args)
        return COMMANDS[args.command](config, args)
    except SitegenError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _build(config: SiteConfig, args: argparse.Namespace) -> int:
    from sitegen.build import BuildOptions, build
    from sitegen.executor import ExecutorSpec

    options = BuildOptions(
        ExecutorSpec(args.executor, args.jobs),
        cache=not args.no_cache,
        own_process=args.own_process,
    )
    report = build(config, args.root, options)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    ingested = sum(1 for o in report.ingested if o.status == "ingested")
    if report.unchanged:
        print(f"nothing changed since the last build of {config.out} ({report.seconds:.2f}s)")
        return 1 if report.errors else 0
    print(
        f"built {report.articles} articles ({ingested} newly ingested) into {config.out}: "
        f"{report.files} files, {len(report.errors)} errors, {len(report.warnings)} warnings, "
        f"{report.seconds:.1f}s"
    )
    return 1 if report.errors else 0


def _ingest(config: SiteConfig, args: argparse.Namespace) -> int:
    from sitegen.executor import ExecutorSpec, open_pool
    from sitegen.ingest.batch import ingest
    from sitegen.ingest.report import print_report

    with open_pool(ExecutorSpec(args.executor, args.jobs)) as pool:
        outcomes = ingest(config, args.paths, force=args.force, pool=pool)
    return print_report(outcomes, sys.stdout, sys.stderr, args.verbose)


def _serve(config: SiteConfig, args: argparse.Namespace) -> int:
    from sitegen.serve import serve

    serve(config, args.root, args.host, args.port)
    return 0


def _check(config: SiteConfig, args: argparse.Namespace) -> int:
    from sitegen.check import check

    found = check(config)
    for error in found.errors:
        print(f"error: {error}", file=sys.stderr)
    for warning in found.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    failed = bool(found.errors) or (args.strict and bool(found.warnings))
    print(
        f"{len(found.errors)} errors, {len(found.warnings)} warnings"
        + (" (strict)" if args.strict else "")
    )
    return 1 if failed else 0


def _annotate(config: SiteConfig, args: argparse.Namespace) -> int:
    from sitegen.annotate import NoteOptions, annotate

    options = NoteOptions(args.type, args.author, args.occurrence)
    print(annotate(config, args.slug, args.quote, options))
    return 0


def _clean(config: SiteConfig, args: argparse.Namespace) -> int:
    from sitegen.ingest.article import article_markdown, front_matter
    from sitegen.ingest.markdown import plain_paragraphs
    from sitegen.ingest.preview import clean_file

    article = clean_file(args.file, config)
    if args.format == "text":
        sys.stdout.write("".join(p + "\n" for p in plain_paragraphs(article.body)))
    elif args.format == "json":
        data = front_matter(article) | {"body": list(article.body)}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(article_markdown(article))
    return 0


COMMANDS: dict[str, Callable[[SiteConfig, argparse.Namespace], int]] = {
    "build": _build,
    "ingest": _ingest,
    "check": _check,
    "serve": _serve,
    "annotate": _annotate,
    "clean": _clean,
}
