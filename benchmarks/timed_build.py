"""Run one strict build in-process with the hook's functions wrapped by timers; print JSON.

Usage: python timed_build.py PROJECT_DIR SITE_DIR. Run it in a fresh process for every build: the
hook module and its imports are loaded once per process, as in `mkdocs build`.
"""

import json
import os
import sys
import time
from collections import defaultdict
from functools import wraps
from pathlib import Path

HOOK = "hooks/closer_hooks.py"
# Every event the hook handles: loading and making pages, and writing each page's policy.
HOOK_EVENTS = ("config", "files", "post_page", "post_template", "post_build")


def timed(totals: dict[str, float], cpu: dict[str, float], name: str, func):
    """Wrap `func` so each call adds its wall time to totals[name] and its CPU time to cpu[name]."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        """Call the wrapped function and time it."""
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            totals[name] += time.perf_counter() - start
            cpu[name] += time.process_time() - start_cpu

    return wrapper


def main(project: Path, site: Path) -> dict:
    """Load the config, wrap the hook's events and the modules it calls, build, and time it all."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(project)
    start, start_cpu = time.perf_counter(), time.process_time()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    imported, imported_cpu = time.perf_counter(), time.process_time()
    config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(site))
    totals: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    events = config.plugins.events
    for event in HOOK_EVENTS:
        events[event] = [
            timed(totals, cpu, f"on_{event}", f)
            if config.plugins._event_origins.get(f) == HOOK
            else f
            for f in events[event]
        ]
    # The plain modules the hook calls (loaded with the hook), for a finer breakdown.
    for module, func in (
        ("closer.deck", "load"),
        ("closer.challenge", "load"),
        ("closer.questions", "load"),
        ("closer.pages", "generate"),
        ("closer.policy", "apply"),
    ):
        mod = sys.modules[module]
        setattr(mod, func, timed(totals, cpu, f"{module.split('.')[1]}.{func}", getattr(mod, func)))
    config.plugins.on_startup(command="build", dirty=False)
    loaded = time.perf_counter()
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    done, done_cpu = time.perf_counter(), time.process_time()
    pages = sum(1 for _ in site.rglob("*.html"))
    return {
        "import_s": imported - start,
        "load_config_s": loaded - imported,
        "build_s": done - loaded,
        "total_s": done - start,
        "hook_s": sum(totals[f"on_{e}"] for e in HOOK_EVENTS),
        "parts_s": dict(totals),
        "cpu_s": done_cpu - start_cpu,
        "cpu_after_import_s": done_cpu - imported_cpu,
        "hook_cpu_s": sum(cpu[f"on_{e}"] for e in HOOK_EVENTS),
        "parts_cpu_s": dict(cpu),
        "html_pages": pages,
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())))
