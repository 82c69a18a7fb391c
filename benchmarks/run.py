"""Closer's benchmarks: build at scale, page weight, Lighthouse. Run with `make bench`.

Prints three tables and saves JSON to benchmarks/out/. Times are figures, not tests: the script
exits 0 whatever they are, and non-zero only when a benchmark itself could not run.
"""

import argparse
import sys
import tempfile
import time
import traceback
from pathlib import Path

import lighthouse
import scale
import weight
from common import OUT, ROOT, machine, mkdocs_build, save_json
from gzip_server import GzipServer, free_port

KIB = 1024
TARGETS = {
    "hook_share": 0.05,  # the hook's own work at 1,000 cards, as a share of the build
    "linear": 1.5,  # time per added card at the largest step, at most 1.5x that of the step before
    "page_kib": 80,  # a first visit, compressed
    "own_kib": 10,  # Closer's own CSS + JS, compressed
    "lighthouse": 100,
}


def parse(argv: list[str]) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 5,000-card build")
    parser.add_argument(
        "--only",
        choices=("build", "weight", "lighthouse"),
        action="append",
        help="run only this benchmark (repeatable)",
    )
    parser.add_argument(
        "--extra", type=int, default=200, help="pages added to measure the cost of one page"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each marginal-cost build")
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=1,
        help="Lighthouse runs per page and preset; the run with the median performance is kept",
    )
    return parser.parse_args(argv)


def verdict(ok: bool, how: str) -> str:
    """One line saying whether a target was met."""
    return f"{'met   ' if ok else 'MISSED'}  {how}"


def build_verdicts(data: dict) -> list[str]:
    """Compare the build-at-scale figures with their targets."""
    lines = []
    sizes = {r["cards"]: r for r in data["sizes"]}
    if 1000 in sizes:
        share = sizes[1000]["hook_share"]
        limit = TARGETS["hook_share"]
        lines.append(
            verdict(
                share <= limit,
                f"hook's own work at 1,000 cards: {share * 100:.1f} % of the build's CPU time "
                f"({sizes[1000]['hook_share_wall'] * 100:.1f} % of its wall time) "
                f"(target at most {limit * 100:.0f} %"
                + ("" if share <= limit else f"; over by {(share - limit) * 100:.1f} points")
                + ")",
            )
        )
    steps = [r for r in data["sizes"] if "step_ms_per_card" in r]
    if len(steps) >= 2:
        last, before = steps[-1]["cpu_step_ms_per_card"], steps[-2]["cpu_step_ms_per_card"]
        ratio = last / before if before > 0 else float("inf")
        lines.append(
            verdict(
                ratio <= TARGETS["linear"],
                f"linear growth: {last:.1f} ms of CPU per added card up to {steps[-1]['cards']:,} cards "
                f"against {before:.1f} ms up to {steps[-2]['cards']:,} (x{ratio:.2f}; "
                f"target at most x{TARGETS['linear']})",
            )
        )
    return lines


def weight_verdicts(data: dict) -> list[str]:
    """Compare the page-weight figures with their targets."""
    lines = []
    for name, r in data["pages"].items():
        total = r["body_bytes"] / KIB
        own = (r["own_css_bytes"] + r["own_js_bytes"]) / KIB
        limit, own_limit = TARGETS["page_kib"], TARGETS["own_kib"]
        lines.append(
            verdict(
                total <= limit,
                f"{name}: {total:.1f} KiB on a first visit (target {limit} KiB"
                + ("" if total <= limit else f"; over by {total - limit:.1f} KiB")
                + f"; {(r['body_bytes'] - r['search_bytes']) / KIB:.1f} KiB without search)",
            )
        )
        lines.append(
            verdict(
                own <= own_limit,
                f"{name}: Closer's own CSS+JS {own:.1f} KiB (target {own_limit} KiB"
                + ("" if own <= own_limit else f"; over by {own - own_limit:.1f} KiB")
                + ")",
            )
        )
    others = sorted({o for r in data["pages"].values() for o in r["other_origins"]})
    lines.append(verdict(not others, "requests to other origins: " + (", ".join(others) or "none")))
    return lines


def lighthouse_verdicts(data: dict) -> list[str]:
    """Compare the Lighthouse scores with 100."""
    lines = []
    for name, presets in data["pages"].items():
        for preset, s in presets.items():
            if "error" in s:
                lines.append(verdict(False, f"{name} ({preset}): Lighthouse did not run"))
                continue
            low = {c: round(v * 100) for c, v in s["scores"].items() if v is None or v < 1}
            lines.append(
                verdict(
                    not low,
                    f"{name} ({preset}): "
                    + (
                        "100 in every category"
                        if not low
                        else ", ".join(f"{c} {v} (-{100 - v})" for c, v in low.items())
                    ),
                )
            )
    return lines


def section(title: str, body: str, verdicts: list[str]) -> str:
    """Make a titled block of output: a table, then one line per target."""
    text = f"\n## {title}\n\n{body}\n"
    if verdicts:
        text += "\nTargets:\n" + "\n".join(f"  {v}" for v in verdicts) + "\n"
    return text


def main(argv: list[str]) -> int:
    """Run the chosen benchmarks, print their tables and save the figures."""
    args = parse(argv)
    started = time.perf_counter()
    only = set(args.only or ("build", "weight", "lighthouse"))
    results: dict = {"machine": machine(), "args": vars(args)}
    failures = []
    output = ["# Closer benchmarks", ""]
    output += [f"- {k}: {v}" for k, v in results["machine"].items()]
    print("\n".join(output), flush=True)

    if "build" in only:
        print("\nBuild at scale ...", file=sys.stderr, flush=True)
        sizes = tuple(s for s in scale.SIZES if not (args.quick and s > 1000))
        try:
            data = scale.run(sizes, args.extra, args.repeat)
            results["build"] = data
            text = section("Build at scale", scale.report(data), build_verdicts(data))
            print(text, flush=True)
            output.append(text)
        except Exception:  # a crash in one benchmark still lets the others run
            failures.append(("build", traceback.format_exc()))

    if only & {"weight", "lighthouse"}:
        with tempfile.TemporaryDirectory(prefix="closer-bench-site-") as tmp:
            port = free_port()
            base = f"http://127.0.0.1:{port}/"
            print(f"\nBuilding the site for {base} ...", file=sys.stderr, flush=True)
            try:
                site = Path(tmp) / "site"
                mkdocs_build(ROOT, site, site_url=base)
            except Exception:
                failures.append(("site build", traceback.format_exc()))
                site = None
            if site and "weight" in only:
                print("Page weight ...", file=sys.stderr, flush=True)
                try:
                    data = weight.run(site, base)
                    results["weight"] = data
                    text = section("Page weight", weight.report(data), weight_verdicts(data))
                    print(text, flush=True)
                    output.append(text)
                except Exception:
                    failures.append(("weight", traceback.format_exc()))
            if site and "lighthouse" in only:
                print("Lighthouse ...", file=sys.stderr, flush=True)
                try:
                    with GzipServer(site, port=port):
                        data = lighthouse.run(base, args.lighthouse_runs)
                    results["lighthouse"] = data
                    text = section("Lighthouse", lighthouse.report(data), lighthouse_verdicts(data))
                    print(text, flush=True)
                    output.append(text)
                except Exception:
                    failures.append(("lighthouse", traceback.format_exc()))

    results["failures"] = [{"benchmark": n, "error": e} for n, e in failures]
    path = save_json("results", results)
    (OUT / "report.md").write_text("\n".join(output) + "\n")
    minutes = (time.perf_counter() - started) / 60
    print(f"\nThe benchmarks took {minutes:.0f} minutes.")
    print(f"Saved {path.relative_to(ROOT)} and {(OUT / 'report.md').relative_to(ROOT)}")
    for name, error in failures:
        print(f"\n{name} could not run:\n{error}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
