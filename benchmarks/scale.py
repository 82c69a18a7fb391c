"""Build at scale: strict builds of synthetic decks, the hook's share, and the cost of one page."""

import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from common import BENCH, ROOT, build_env, copy_project, mkdocs_build, table

SIZES = (10, 100, 1000, 5000)
CARD_LINK = re.compile(r"cards/([a-z0-9-]+)\.md(#[A-Za-z0-9_-]*)?")
KEEP = {"index", "print"}  # generated pages under cards/ that are not cards


def real_cards() -> list[dict]:
    """Return the cards of data/exercises.yml, as plain dicts in file order."""
    return yaml.safe_load((ROOT / "data/exercises.yml").read_text(encoding="utf-8"))["exercises"]


def challenge_ids() -> list[str]:
    """Return the card ids data/challenge.yml uses, in order, without repeats."""
    data = yaml.safe_load((ROOT / "data/challenge.yml").read_text(encoding="utf-8"))
    return list(dict.fromkeys(cid for day in data["days"] for cid in day["exercises"]))


def synthetic_deck(size: int) -> list[dict]:
    """Make `size` cards: the challenge's cards, the other real ones, then copies with new ids."""
    cards = real_cards()
    by_id = {c["id"]: c for c in cards}
    first = [by_id[i] for i in challenge_ids()]
    deck = first + [c for c in cards if c["id"] not in set(challenge_ids())]
    deck = deck[:size]
    copy = 2
    while len(deck) < size:
        for card in cards:
            if len(deck) == size:
                break
            deck.append({**card, "id": f"{card['id']}-{copy}"})
        copy += 1
    return deck


def write_deck(project: Path, deck: list[dict]) -> None:
    """Write the deck into the project and point links to cards it lacks at the deck page."""
    header = "# yaml-language-server: $schema=schemas/exercises.schema.json\n"
    text = yaml.safe_dump({"exercises": deck}, sort_keys=False, allow_unicode=True, width=1000)
    (project / "data/exercises.yml").write_text(header + text, encoding="utf-8")
    ids = {c["id"] for c in deck} | KEEP
    # The question deck names cards that use questions: keep only those this deck has.
    questions = project / "data/questions.yml"
    lines = questions.read_text(encoding="utf-8").splitlines(keepends=True)
    for n, line in enumerate(lines):
        if line.startswith("cards: ["):
            kept = [c.strip() for c in line[len("cards: [") :].rstrip().rstrip("]").split(",")]
            lines[n] = "cards: [" + ", ".join(c for c in kept if c in ids) + "]\n"
    questions.write_text("".join(lines), encoding="utf-8")

    def relink(match: re.Match) -> str:
        """Keep a link to a card in the deck; send a link to a missing card to the deck page."""
        return match.group(0) if match.group(1) in ids else "cards/index.md"

    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        new = CARD_LINK.sub(relink, text)
        if new != text:
            page.write_text(new, encoding="utf-8")


def add_handwritten(project: Path, deck: list[dict], ids: list[str]) -> None:
    """Add the pages `deck` would generate for the cards `ids` as hand-written pages."""
    source = copy_project(project.parent / f"{project.name}-render")
    write_deck(source, deck)
    # The hook's package is not installed: it runs in a child process with hooks/ on its path.
    subprocess.run(
        [
            sys.executable,
            str(BENCH / "render_cards.py"),
            str(source),
            str(project / "docs/handwritten"),
        ]
        + ids,
        check=True,
        env={**build_env(), "PYTHONPATH": str(source / "hooks")},
    )
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nnot_in_nav: |\n  /handwritten/\n")


def instrumented(project: Path, site: Path) -> dict:
    """Run timed_build.py on the project in a fresh process and return its figures."""
    done = subprocess.run(
        [sys.executable, str(BENCH / "timed_build.py"), str(project), str(site)],
        capture_output=True,
        text=True,
        env=build_env(),
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"instrumented build failed in {project}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def scale_one(size: int, workdir: Path) -> dict:
    """Build a deck of `size` cards twice: once as `mkdocs build`, once with the hook timed."""
    project = copy_project(workdir / f"deck-{size}")
    deck = synthetic_deck(size)
    write_deck(project, deck)
    cli = mkdocs_build(project, project / "site")
    timed = instrumented(project, project / "site-timed")
    card_page = project / "site/cards" / deck[-1]["id"] / "index.html"
    return {
        "cards": size,
        "wall_s": cli.seconds,
        "cpu_s": cli.cpu,
        "peak_mib": cli.peak_mib,
        "per_card_ms": cli.seconds / size * 1000,
        "cpu_per_card_ms": cli.cpu / size * 1000,
        "timed": timed,
        # Against the build proper: interpreter start-up and the first import are left out.
        "hook_share": timed["hook_cpu_s"] / timed["cpu_after_import_s"],
        "hook_share_wall": timed["hook_s"] / (timed["total_s"] - timed["import_s"]),
        "card_page_bytes": card_page.stat().st_size,
    }


def marginal(extra: int, repeat: int, workdir: Path) -> dict:
    """Median build times of the real deck, + `extra` generated cards, + `extra` hand-written pages."""
    base_deck = synthetic_deck(len(real_cards()))
    more_deck = synthetic_deck(len(base_deck) + extra)
    added = [c["id"] for c in more_deck[len(base_deck) :]]
    variants = {name: copy_project(workdir / f"m-{name}") for name in ("base", "cards", "hand")}
    write_deck(variants["base"], base_deck)
    write_deck(variants["cards"], more_deck)
    write_deck(variants["hand"], base_deck)
    add_handwritten(variants["hand"], more_deck, added)
    md_bytes = sum(p.stat().st_size for p in (variants["hand"] / "docs/handwritten").glob("*.md"))
    wall: dict[str, list[float]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeat):  # interleaved, so a slow spell on the machine hits all three alike
        for name, project in variants.items():
            run = mkdocs_build(project, project / "site")
            wall[name].append(run.seconds)
            cpu[name].append(run.cpu)
    med = {name: statistics.median(t) for name, t in wall.items()}
    med_cpu = {name: statistics.median(t) for name, t in cpu.items()}
    return {
        "extra_pages": extra,
        "repeat": repeat,
        "wall_s": wall,
        "cpu_s": cpu,
        "median_s": med,
        "median_cpu_s": med_cpu,
        "per_card_ms": (med["cards"] - med["base"]) / extra * 1000,
        "per_handwritten_ms": (med["hand"] - med["base"]) / extra * 1000,
        "cpu_per_card_ms": (med_cpu["cards"] - med_cpu["base"]) / extra * 1000,
        "cpu_per_handwritten_ms": (med_cpu["hand"] - med_cpu["base"]) / extra * 1000,
        "handwritten_md_bytes_each": md_bytes / extra,
    }


def run(sizes: tuple[int, ...], extra: int, repeat: int) -> dict:
    """Run the whole build-at-scale benchmark and return its figures."""
    results = []
    with tempfile.TemporaryDirectory(prefix="closer-bench-") as tmp:
        for size in sizes:
            print(f"  building a deck of {size:,} cards ...", file=sys.stderr, flush=True)
            results.append(scale_one(size, Path(tmp)))
        print(
            f"  marginal cost: +{extra} cards vs +{extra} hand-written pages, {repeat} runs each ...",
            file=sys.stderr,
            flush=True,
        )
        margin = marginal(extra, repeat, Path(tmp))
    for prev, cur in zip(results, results[1:], strict=False):
        added = cur["cards"] - prev["cards"]
        cur["step_ms_per_card"] = (cur["wall_s"] - prev["wall_s"]) / added * 1000
        cur["cpu_step_ms_per_card"] = (cur["cpu_s"] - prev["cpu_s"]) / added * 1000
    return {"sizes": results, "marginal": margin}


def report(data: dict) -> str:
    """Return the build-at-scale tables as text."""
    rows = []
    for r in data["sizes"]:
        t = r["timed"]
        parts = t["parts_cpu_s"]
        rows.append(
            [
                f"{r['cards']:,}",
                t["html_pages"],
                f"{r['wall_s']:.1f}",
                f"{r['cpu_s']:.1f}",
                f"{r['per_card_ms']:.1f}",
                f"{r['cpu_per_card_ms']:.1f}",
                f"{r['cpu_step_ms_per_card']:.1f}" if "cpu_step_ms_per_card" in r else "–",
                f"{(r['cpu_s'] - t['hook_cpu_s']) / r['cards'] * 1000:.1f}",
                f"{r['peak_mib']:.0f}",
                f"{t['hook_cpu_s']:.2f}",
                f"{r['hook_share'] * 100:.1f} %",
                f"{r['hook_share_wall'] * 100:.1f} %",
                f"{parts.get('deck.load', 0):.2f}",
                f"{parts.get('pages.generate', 0):.2f}",
            ]
        )
    headers = [
        "cards",
        "HTML pages",
        "wall s",
        "CPU s",
        "wall ms/card",
        "CPU ms/card",
        "CPU ms per added card",
        "CPU ms/card less hook",
        "peak MiB",
        "hook CPU s",
        "hook share (CPU)",
        "hook share (wall)",
        "deck.load s",
        "pages.generate s",
    ]
    m = data["marginal"]
    med, cpu = m["median_s"], m["median_cpu_s"]
    extra = m["extra_pages"]
    margin = table(
        ["build of the real deck plus", "wall s", "CPU s", "wall ms/page", "CPU ms/page"],
        [
            ["nothing (43 cards)", f"{med['base']:.2f}", f"{cpu['base']:.2f}", "–", "–"],
            [
                f"{extra} generated card pages",
                f"{med['cards']:.2f}",
                f"{cpu['cards']:.2f}",
                f"{m['per_card_ms']:.1f}",
                f"{m['cpu_per_card_ms']:.1f}",
            ],
            [
                f"{extra} hand-written pages, same Markdown",
                f"{med['hand']:.2f}",
                f"{cpu['hand']:.2f}",
                f"{m['per_handwritten_ms']:.1f}",
                f"{m['cpu_per_handwritten_ms']:.1f}",
            ],
        ],
        "lrrrr",
    )
    return (
        table(headers, rows)
        + f"\n\nCost of one page (median of {m['repeat']} strict builds each):\n\n"
        + margin
    )
