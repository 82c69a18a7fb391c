"""What the browser tests' common steps cost, in CPU seconds: `python benchmarks/browser_costs.py`.

The test suite is CPU-bound on two cores, so its time is the sum of what its steps cost. This
prints, for the whole Chromium and for its headless shell, the CPU the machine spends (every
process, read from /proc/stat) on a fresh profile with one tab, on a first page load in it, and on
a further load; and how long reading the print sheet's PDF back takes. Figures, not tests.
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, mkdocs_build, table
from gzip_server import GzipServer
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(ROOT / "tests"))
from pdfsheets import read_pdf  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu"]
ROUNDS = 10
PAGE = "understand/what-it-is/"


def machine_cpu() -> float:
    """CPU seconds the whole machine has spent so far, in user and system time."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    return sum(int(n) for n in fields[:3]) / os.sysconf("SC_CLK_TCK")


def cost(step, rounds: int = ROUNDS) -> tuple[float, float]:
    """Run `step` once to warm up, then `rounds` times; return its mean CPU and wall seconds."""
    step()
    cpu, wall = machine_cpu(), time.perf_counter()
    for _ in range(rounds):
        step()
    return (machine_cpu() - cpu) / rounds, (time.perf_counter() - wall) / rounds


def chromium_costs(playwright, executable: str, url: str) -> list[list[str]]:
    """Measure one Chromium binary: a fresh profile, a first load in it, a further load."""
    browser = playwright.chromium.launch(executable_path=executable, args=ARGS)

    def fresh_profile():
        context = browser.new_context()
        context.new_page()
        context.close()

    def first_load():
        context = browser.new_context()
        context.new_page().goto(url + PAGE)
        context.close()

    tab = browser.new_page()

    def next_load():
        tab.goto(url + PAGE)

    rows = []
    for name, step in (("fresh profile", fresh_profile), ("profile + first load", first_load)):
        rows.append([Path(executable).name, name, *cost(step)])
    rows.append([Path(executable).name, "further load", *cost(next_load)])
    browser.close()
    return [[a, b, f"{cpu:.2f}", f"{wall:.2f}"] for a, b, cpu, wall in rows]


def main() -> int:
    """Build the site, serve it, and print the figures."""
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        mkdocs_build(ROOT, site)
        rows = []
        with GzipServer(site) as server, sync_playwright() as playwright:
            url = f"http://127.0.0.1:{server.port}/"
            for name in ("chromium", "chromium-headless-shell"):
                executable = shutil.which(name)
                if executable:
                    rows += chromium_costs(playwright, executable, url)
                else:
                    print(f"{name}: not installed, skipped")
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium-headless-shell") or shutil.which("chromium"),
                args=ARGS,
            )
            page = browser.new_page()
            page.goto(url + "cards/print/")
            page.check("#layout-duplex")
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
            browser.close()
        cpu, wall = cost(lambda: read_pdf(pdf), rounds=3)
        rows.append(["pypdfium2", f"read the print sheet's PDF ({len(read_pdf(pdf))} pages)"])
        rows[-1] += [f"{cpu:.2f}", f"{wall:.2f}"]
    print(table(["program", "step", "CPU s", "wall s"], rows, "llrr"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
