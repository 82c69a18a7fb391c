"""The three checks every page of the site must pass, written once for the real and the broken pages."""

import contextlib
import functools
import http.server
import threading
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()


def axe_violations(page, url: str) -> list[str]:
    """Open a page and return axe-core's WCAG 2.2 A/AA violations, one line each."""
    page.goto(url, wait_until="load")
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    response = AXE.run(page, options=options).response
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in response["violations"]
    ]


def offsite_requests(page, url: str) -> list[str]:
    """Open a page, let it settle, and return every request that left the page's own origin."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return [u for u in seen if not (u.startswith(origin + "/") or u.startswith(("data:", "blob:")))]


def nojs_problems(browser, url: str) -> list[str]:
    """Open a page with JavaScript off; return what a reader would miss (heading, text)."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        problems = []
        heading = page.locator("article h1").first
        if heading.count() == 0 or not heading.is_visible():
            problems.append("no visible main heading")
        body = page.locator("article").first.inner_text() if page.locator("article").count() else ""
        heading_text = heading.inner_text() if heading.count() else ""
        if len(body.replace(heading_text, "", 1).split()) < 20:
            problems.append(f"fewer than 20 words of visible text: {body[:80]!r}")
        return problems
    finally:
        context.close()


@contextlib.contextmanager
def serve(directory, port: int = 0):
    """Serve a folder over HTTP on 127.0.0.1; yield the root URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(Quiet, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
