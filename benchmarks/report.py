"""Medians, ratios and the Markdown table of benchmarks/scale.py, and the machine it ran on."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

STEPS = (
    ("cold", "cold build"),
    ("noop", "no-op rebuild"),
    ("edit", "one article edited"),
    ("note", "one note added"),
)


def machine(tools: list[str]) -> dict[str, str]:
    """CPU model, cores, RAM, Python and the tools' versions."""
    described = {
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count()),
        "ram_gib": f"{_ram_bytes() / 2**30:.1f}",
        "python": platform.python_version(),
        "sitegen_commit": _git("rev-parse", "--short", "HEAD"),
    }
    for tool in tools:  # "hugo+pagefind": each program's version
        for program in tool.split("+"):
            if program != "sitegen":
                described[program] = metadata.version(program)
    return described


def _cpu_model() -> str:
    info = Path("/proc/cpuinfo")
    lines = info.read_text(encoding="utf-8").splitlines() if info.is_file() else []
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return models[0] if models else platform.processor() or "unknown"


def _ram_bytes() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"


def brief(figures: dict[str, float]) -> str:
    """One progress line for a run."""
    return ", ".join(f"{key} {value:.2f}" for key, value in figures.items())


def medians(samples: list[dict[str, float]]) -> dict[str, float]:
    """Median of each figure over the runs that have it."""
    keys = {key for sample in samples for key in sample}
    return {k: statistics.median(s[k] for s in samples if k in s) for k in sorted(keys)}


def markdown(results: dict[str, Any], tools: list[str]) -> str:
    """Build table (one row per size and tool, then sitegen/peer ratios) and ingest table."""
    steps = " | ".join(f"{label} (s)" for _, label in STEPS)
    lines = [
        f"| articles | tool | {steps} | peak memory (MB) | output (MB) | files |",
        "|---:|---|" + "---:|" * (len(STEPS) + 3),
    ]
    ingest = ["| articles | captures ingested | seconds | articles/s | peak memory (MB) |"]
    ingest.append("|---:|---:|---:|---:|---:|")
    checks = []
    for size, result in results.items():
        if size == "machine":
            continue
        table = {tool: medians(result["samples"][tool]) for tool in tools}
        lines += [_row(size, tool, table[tool]) for tool in tools]
        if "sitegen" not in table:
            continue
        lines += [_ratio_row(size, table["sitegen"], table[peer], peer) for peer in tools[1:]]
        ours = table["sitegen"]
        ingested = round(ours["ingest_rate"] * ours["ingest_s"])
        ingest.append(
            f"| {int(size):,} | {ingested:,} | {ours['ingest_s']:.1f} | "
            f"{ours['ingest_rate']:.1f} | {ours['ingest_peak_mb']:.0f} |"
        )
        same = {True: "yes", False: "**no**", None: "not checked"}[result["identical"]]
        checks.append(f"- {int(size):,} articles: rebuilt output identical to a cold build: {same}")
    return "\n".join([*lines, "", *ingest, "", *checks])


def _row(size: str, tool: str, figures: dict[str, float]) -> str:
    steps = " | ".join(_seconds(figures.get(key)) for key, _ in STEPS)
    failed = " (failed)" if figures.get("failed") else ""
    return (
        f"| {int(size):,} | {tool}{failed} | {steps} | {figures['peak_mb']:.0f} | "
        f"{figures['output_mb']:.0f} | {int(figures['files']):,} |"
    )


def _ratio_row(size: str, ours: dict[str, float], theirs: dict[str, float], peer: str) -> str:
    ratios = " | ".join(
        f"{ours[key] / theirs[key]:.2f}×" if key in theirs else "–" for key, _ in STEPS
    )
    memory = ours["peak_mb"] / theirs["peak_mb"]
    return f"| {int(size):,} | sitegen / {peer} | {ratios} | {memory:.2f}× | | |"


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"
