"""Shared helpers for the benchmarks: paths, project copies, timed builds, tables, machine facts."""

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
OUT = BENCH / "out"
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
# What a build of the project needs; nothing else is copied into a scratch project.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "overrides", "hooks")


def build_env(site_url: str | None = None) -> dict[str, str]:
    """Return the environment for an mkdocs subprocess: quiet banner, optional site address."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["CLOSER_SITE_URL"] = site_url
    return env


def copy_project(dest: Path) -> Path:
    """Copy the parts of the project a build reads into `dest` and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=skip)
        else:
            shutil.copy2(src, dest / part)
    return dest


@dataclass(frozen=True)
class Run:
    """One finished subprocess: wall and CPU seconds, peak memory in MiB, exit code, output."""

    seconds: float
    cpu: float
    peak_mib: float
    code: int
    stdout: str
    stderr: str


def run_timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a command, timing its wall clock and reading its peak memory from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, proc.returncode, *text)


def mkdocs_build(project: Path, site: Path, site_url: str | None = None) -> Run:
    """Run a strict `mkdocs build` of `project` into `site`, as `make build` does; raise on failure."""
    cmd = [str(BIN / "mkdocs"), "build", "--strict", "--clean", "--quiet", "--site-dir", str(site)]
    run = run_timed(cmd, project, build_env(site_url))
    if run.code:
        raise RuntimeError(f"mkdocs build failed in {project}:\n{run.stderr[-3000:]}")
    return run


def table(headers: list[str], rows: list[list], align: str | None = None) -> str:
    """Format rows as a Markdown table padded to line up in a terminal; `align` is l/r per column."""
    align = align or "l" + "r" * (len(headers) - 1)
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        """One table row, each cell padded to its column."""
        padded = (
            c.ljust(w) if a == "l" else c.rjust(w)
            for c, w, a in zip(row, widths, align, strict=True)
        )
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":" if a == "r" else ":" + "-" * (w + 1))
            for w, a in zip(widths, align, strict=True)
        )
        + "|"
    )
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def kib(n: float) -> str:
    """Bytes as KiB with one decimal."""
    return f"{n / 1024:.1f}"


def save_json(name: str, data) -> Path:
    """Write `data` to benchmarks/out/<name>.json and return the path."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")
    return path


def command_output(cmd: list[str]) -> str:
    """Return a command's first output line, or 'not found' when it cannot run."""
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line and "[:" not in line]
    return lines[-1].strip() if lines else "not found"


def machine() -> dict[str, str]:
    """Describe the machine and the tool versions the figures were taken with."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
    lighthouse = BENCH / "node_modules" / ".bin" / "lighthouse"
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "playwright"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:
            versions[name] = "not installed"
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": model.group(1).strip() if model else platform.processor() or "unknown",
        "memory": f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "unknown",
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": versions["mkdocs"],
        "material": versions["mkdocs-material"],
        "playwright": versions["playwright"],
        "chromium": command_output([CHROMIUM, "--version"]),
        "node": command_output(["node", "--version"]),
        "lighthouse": command_output([str(lighthouse), "--version"])
        if lighthouse.exists()
        else "not installed",
    }
