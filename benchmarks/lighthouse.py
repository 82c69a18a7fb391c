"""Lighthouse 12 on each kind of page, mobile and desktop presets, against the local gzip server."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import BENCH, CHROMIUM, CHROMIUM_ARGS, OUT, table
from weight import PAGES

BIN = BENCH / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PRESETS = ("mobile", "desktop")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
TIMEOUT_S = 300


def ensure_installed() -> Path:
    """Install Lighthouse from benchmarks/package.json into benchmarks/node_modules when missing."""
    if BIN.exists():
        return BIN
    npm = shutil.which("npm")
    if not npm:
        raise RuntimeError("npm is not installed: install Node.js 20 (with npm) to run Lighthouse")
    print("  installing Lighthouse into benchmarks/node_modules ...", file=sys.stderr, flush=True)
    subprocess.run(
        [npm, "install", "--prefix", str(BENCH), "--no-package-lock", "--no-audit", "--no-fund"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if not BIN.exists():
        raise RuntimeError(
            "npm install finished but benchmarks/node_modules/.bin/lighthouse is missing"
        )
    return BIN


def audit_one(url: str, preset: str, report: Path) -> dict:
    """Run Lighthouse once and return the JSON report, or an error record when it did not finish."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    cmd = [
        str(BIN),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={flags}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--disable-full-page-screenshot",
        "--quiet",
    ]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, env=env, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": f"Lighthouse did not finish in {TIMEOUT_S} s"}
    if done.returncode or not report.exists():
        return {"error": (done.stderr or done.stdout).strip()[-1500:] or f"exit {done.returncode}"}
    return json.loads(report.read_text())


def describe_item(item: dict) -> str:
    """Say briefly what one row of an audit's details points at: a file, an element or a value."""
    node = item.get("node") if isinstance(item.get("node"), dict) else {}
    source = item.get("source") if isinstance(item.get("source"), dict) else {}
    where = (
        item.get("url")
        or node.get("selector")
        or (f"{source.get('url')}:{source.get('line')}" if source.get("url") else "")
        or item.get("selector")
        or source.get("value")
        or item.get("groupLabel")
        or item.get("statistic")
        or ""
    )
    where = where or node.get("snippet") or node.get("nodeLabel") or ""
    extra = [
        f"{key} {round(item[key])}"
        if key in ("wastedMs", "wastedBytes") and isinstance(item[key], float)
        else f"{key} {item[key]:.3g}"
        if isinstance(item[key], float)
        else f"{key} {item[key]}"
        for key in ("wastedMs", "wastedBytes", "fontSize", "coverage", "score")
        if key in item and not isinstance(item[key], dict)
    ]
    return f"{where} ({', '.join(extra)})" if extra else str(where)


def problems(lhr: dict) -> list[dict]:
    """List the audits that cost points: weighted ones below 1, and performance hints with savings."""
    found = []
    for cat in CATEGORIES:
        for ref in lhr["categories"].get(cat, {}).get("auditRefs", []):
            audit = lhr["audits"][ref["id"]]
            if ref["id"] in METRICS or audit["score"] is None or audit["score"] >= 1:
                continue
            savings = audit.get("metricSavings") or {}
            hint = cat == "performance" and any(v for v in savings.values() if v)
            if ref.get("weight", 0) > 0 or hint:
                items = ((audit.get("details") or {}).get("items") or [])[:4]
                found.append(
                    {
                        "id": ref["id"],
                        "category": cat,
                        "title": audit["title"],
                        "score": audit["score"],
                        "weight": ref.get("weight", 0),
                        "value": audit.get("displayValue", ""),
                        "savings": {k: v for k, v in savings.items() if v},
                        "items": [
                            d for d in (describe_item(i) for i in items if isinstance(i, dict)) if d
                        ],
                    }
                )
    return found


def summarise(lhr: dict) -> dict:
    """Pick the scores, metrics, problems and audits that could not run from a report."""
    if "error" in lhr:
        return lhr
    errored = [
        {"id": a["id"], "error": a.get("errorMessage")}
        for a in lhr["audits"].values()
        if a["scoreDisplayMode"] == "error"
    ]
    return {
        "scores": {c: lhr["categories"][c]["score"] for c in CATEGORIES if c in lhr["categories"]},
        "metrics": {
            short: lhr["audits"][key].get("displayValue", "") for key, short in METRICS.items()
        },
        "problems": problems(lhr),
        "errored": errored,
        "not_applicable": sorted(
            a["id"] for a in lhr["audits"].values() if a["scoreDisplayMode"] == "notApplicable"
        ),
        "warnings": lhr.get("runWarnings", []),
        "runtime_error": lhr.get("runtimeError"),
        "benchmark_index": lhr.get("environment", {}).get("benchmarkIndex"),
        "version": lhr.get("lighthouseVersion"),
    }


def audit_page(base: str, name: str, preset: str, runs: int, folder: Path) -> dict:
    """Audit one page `runs` times and keep the run with the median performance score."""
    summaries = []
    for n in range(runs):
        suffix = f"-{n + 1}" if runs > 1 else ""
        report = folder / f"{name.replace(' ', '-')}-{preset}{suffix}.json"
        report.unlink(missing_ok=True)
        start = time.perf_counter()
        summary = summarise(audit_one(base + PAGES[name], preset, report))
        summary["seconds"] = time.perf_counter() - start
        for problem in summary.get("problems", []):
            problem["items"] = [i.replace(base, "/") for i in problem["items"]]
        summaries.append(summary)
    done = [s for s in summaries if "scores" in s]
    if not done:
        return summaries[0]
    done.sort(key=lambda s: s["scores"].get("performance") or 0)
    chosen = done[(len(done) - 1) // 2]
    chosen["performance_runs"] = [
        s["scores"].get("performance") for s in summaries if "scores" in s
    ]
    return chosen


def run(base: str, runs: int = 1) -> dict:
    """Audit every kind of page with both presets and return the summaries."""
    ensure_installed()
    folder = OUT / "lighthouse"
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, dict]] = {}
    for name in PAGES:
        results[name] = {}
        for preset in PRESETS:
            print(f"  Lighthouse {preset:7} {name} ...", file=sys.stderr, flush=True)
            results[name][preset] = audit_page(base, name, preset, runs, folder)
    return {"pages": results, "runs": runs}


def score(summary: dict, cat: str) -> str:
    """Return a category score out of 100, or 'error'."""
    value = summary.get("scores", {}).get(cat)
    return "error" if value is None else f"{round(value * 100)}"


def perf_range(summary: dict) -> str:
    """Return every run's performance score, when there was more than one run."""
    runs = summary.get("performance_runs") or []
    return " ".join(str(round(v * 100)) for v in sorted(runs)) if len(runs) > 1 else "–"


def report(data: dict) -> str:
    """Return the Lighthouse table and the list of audits that cost points, as text."""
    rows = []
    for name, presets in data["pages"].items():
        for preset, s in presets.items():
            m = s.get("metrics", {})
            rows.append(
                [
                    f"{name} /{PAGES[name]}",
                    preset,
                    *(score(s, c) for c in CATEGORIES),
                    perf_range(s),
                    m.get("FCP", ""),
                    m.get("LCP", ""),
                    m.get("TBT", ""),
                    m.get("CLS", ""),
                ]
            )
    text = table(
        [
            "page",
            "preset",
            "perf",
            "a11y",
            "best pr.",
            "SEO",
            "perf runs",
            "FCP",
            "LCP",
            "TBT",
            "CLS",
        ],
        rows,
        "llrrrrrrrrr",
    )
    seen: dict[str, dict] = {}
    lines = []
    for name, presets in data["pages"].items():
        for preset, s in presets.items():
            if "error" in s:
                lines.append(f"- {name} ({preset}): Lighthouse failed: {s['error']}")
                continue
            for e in s["errored"]:
                lines.append(f"- {name} ({preset}): `{e['id']}` could not run: {e['error']}")
            for p in s["problems"]:
                entry = seen.setdefault(p["id"], {**p, "where": [], "values": []})
                entry["where"].append(f"{name} {preset[0]}")
                entry["values"].append(p["value"])
                for item in p["items"]:
                    if item not in entry["items"]:
                        entry["items"].append(item)
    for p in sorted(seen.values(), key=lambda p: (p["category"], -len(p["where"]), p["id"])):
        values = sorted({v for v in p["values"] if v})
        lines.append(
            f"- {p['category']} `{p['id']}` ({p['title']}): {', '.join(p['where'])}"
            + (f"; {' / '.join(values[:3])}" if values else "")
            + "".join(f"\n    - {item}" for item in p["items"][:4])
        )
    if lines:
        text += (
            "\n\nWhat cost points (m = mobile, d = desktop), with what each audit points at:\n"
            + "\n".join(lines)
        )
    warnings = sorted(
        {w for p in data["pages"].values() for s in p.values() for w in s.get("warnings", [])}
    )
    if warnings:
        text += "\n\nLighthouse's warnings:\n" + "\n".join(f"- {w}" for w in warnings)
    bench = sorted(
        {s.get("benchmark_index") for p in data["pages"].values() for s in p.values()} - {None}
    )
    if bench:
        text += (
            f"\n\nLighthouse's CPU benchmark index on this machine: {bench[0]:.0f}–{bench[-1]:.0f}"
        )
    return text
