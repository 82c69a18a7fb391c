"""Page weight: what a first visit to each kind of page transfers from a gzip-serving static host."""

import time
from pathlib import Path
from urllib.parse import urlsplit

from common import CHROMIUM, CHROMIUM_ARGS, ROOT, kib, table
from gzip_server import GzipServer

PAGES = {
    "home": "",
    "article": "understand/what-it-is/",
    "card": "cards/turn-toward-bids/",
    "deck": "cards/",
    "print sheet": "cards/print/",
    "challenge day": "challenge/day-1/",
    "question deck": "questions/",
}
LATE_MS = 2000  # after the network goes quiet, wait this long for late fetches (search index)


def own_assets() -> set[str]:
    """Return the site paths of Closer's own stylesheets and scripts (the rest is Material's)."""
    docs = ROOT / "docs"
    files = [*docs.glob("assets/stylesheets/*.css"), *docs.glob("assets/javascripts/*.js")]
    return {p.relative_to(docs).as_posix() for p in files}


def kind(path: str, ctype: str) -> str:
    """Group a response by what it is: html, css, js, json, font, image or other."""
    if "html" in ctype:
        return "html"
    for name, marks in (
        ("css", ("css",)),
        ("js", ("javascript",)),
        ("json", ("json",)),
        ("font", ("font", "woff")),
        ("image", ("image",)),
    ):
        if any(m in ctype for m in marks):
            return name
    return "other"


def visit(browser, base: str, path: str, own: set[str], server: GzipServer) -> dict:
    """Load one page in a fresh browser context (empty cache) and add up what came over the wire."""
    context = browser.new_context()
    requests = []
    context.on("requestfinished", lambda r: requests.append(r))
    failed = []
    context.on("requestfailed", lambda r: failed.append(r.url))
    page = context.new_page()
    server.log.take()
    page.goto(base + path, wait_until="networkidle")
    page.wait_for_timeout(LATE_MS)
    page.wait_for_load_state("networkidle")
    sent = server.log.take()
    # What the server sent, by path: each response below is matched to one of these.
    wire = {}
    for s in sent:
        wire.setdefault(urlsplit(s.path).path, []).append(s.wire)
    # The page's own requests first, then the service worker's (sw.js, and the files it copies).
    # Chromium cannot be trusted for the worker's: it reports sizes for files the worker copies
    # from the browser's cache, and may never answer for sw.js itself. So a worker request counts
    # only what the server sent for it, and a copy the server never saw counts nothing.
    ordered = sorted(requests, key=lambda r: r.service_worker is not None)
    entries = [measure(request, base, own, wire) for request in ordered]
    context.close()
    by_type: dict[str, int] = {}
    for e in entries:
        by_type[e["type"]] = by_type.get(e["type"], 0) + e["body"]
    own_css = sum(e["body"] for e in entries if e["own"] and e["path"].endswith(".css"))
    own_js = sum(e["body"] for e in entries if e["own"] and e["path"].endswith(".js"))
    return {
        "url": base + path,
        "requests": sum(1 for e in entries if not e["copy"]),
        "worker_copies": sum(1 for e in entries if e["copy"]),
        "failed": failed,
        "body_bytes": sum(e["body"] for e in entries),
        "header_bytes": sum(e["headers"] for e in entries),
        "by_type": by_type,
        "own_css_bytes": own_css,
        "own_js_bytes": own_js,
        "other_origins": sorted({e["origin"] for e in entries if not e["local"]}),
        "server_sent_bytes": sum(s.wire for s in sent),
        "search_bytes": sum(e["body"] for e in entries if "search" in e["path"]),
        "server_requests": len(sent),
        "server_raw_bytes": sum(s.raw for s in sent),
        "search_index": any(e["path"].endswith("search_index.json") for e in entries),
        "favicon": any("favicon" in e["path"] for e in entries),
        "responses": entries,
    }


def measure(request, base: str, own: set[str], wire: dict[str, list[int]]) -> dict:
    """One response's body on the wire, taking its share of what the server sent for its path."""
    url = urlsplit(request.url)
    local = url.netloc == urlsplit(base).netloc
    sent_for = wire.get(url.path, []) if local else []
    if request.service_worker:
        body = sent_for.pop(0) if sent_for else 0
        script = request.resource_type != "fetch"
        status, ctype, encoding, headers = (200 if body else None), "", "", 0
        if script:
            ctype = "javascript"
        elif body or not local:
            response = request.response()
            status = response.status if response else None
            ctype = response.headers.get("content-type", "") if response else ""
        entry_source, copy = "server log", not body and not script
    else:
        response = request.response()
        sizes = request.sizes()
        body, entry_source = max(0, sizes["responseBodySize"]), "browser"
        if response and response.from_service_worker:
            body, entry_source = 0, "service worker"  # the worker's own request carries the bytes
        if sent_for and body:
            sent_for.pop(0)
        elif not body and sent_for and response and response.status == 200:
            # Chromium reports 0 body bytes for a worker's own script; the server's log has them.
            body, entry_source = sent_for.pop(0), "server log"
        status = response.status if response else None
        ctype = response.headers.get("content-type", "") if response else ""
        encoding = response.headers.get("content-encoding", "") if response else ""
        headers, copy = sizes["responseHeadersSize"], False
    return {
        "path": url.path,
        "origin": f"{url.scheme}://{url.netloc}",
        "status": status,
        "type": kind(url.path, ctype),
        "body": body,
        "size_from": entry_source,
        "headers": headers,
        "encoding": encoding,
        "own": url.path.lstrip("/") in own,
        "local": local,
        # The service worker copying a file the browser already had: nothing reached the host.
        "copy": copy,
    }


def run(site: Path, base: str) -> dict:
    """Serve the built site with gzip and measure a first visit to each kind of page."""
    from playwright.sync_api import sync_playwright

    own = own_assets()
    results = {}
    with GzipServer(site, port=int(urlsplit(base).port)) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, path in PAGES.items():
                start = time.perf_counter()
                results[name] = visit(browser, base, path, own, server)
                results[name]["seconds"] = time.perf_counter() - start
        finally:
            browser.close()
    return {"pages": results, "own_files": sorted(own)}


def report(data: dict) -> str:
    """Return the page-weight table as text."""
    rows = []
    for name, r in data["pages"].items():
        t = r["by_type"]
        rows.append(
            [
                f"{name} /{PAGES[name]}",
                r["requests"],
                kib(r["body_bytes"]),
                kib(t.get("html", 0)),
                kib(t.get("css", 0)),
                kib(t.get("js", 0)),
                kib(t.get("json", 0)),
                kib(r["search_bytes"]),
                kib(t.get("image", 0) + t.get("font", 0) + t.get("other", 0)),
                kib(r["own_css_bytes"] + r["own_js_bytes"]),
                kib(r["own_css_bytes"]),
                kib(r["own_js_bytes"]),
                kib(r["server_raw_bytes"]),
            ]
        )
    headers = [
        "page",
        "requests",
        "KiB on the wire",
        "HTML",
        "CSS",
        "JS",
        "JSON",
        "search (index+worker)",
        "img/font/other",
        "Closer CSS+JS",
        "Closer CSS",
        "Closer JS",
        "KiB before gzip",
    ]
    return table(headers, rows)
