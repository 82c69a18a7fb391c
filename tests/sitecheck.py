"""The checks every page of the site must pass, and the static server the tests read it from."""

import contextlib
import functools
import html
import http.server
import json
import re
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()
# HTML_CodeSniffer, a second set of WCAG 2 AA rules, from package.json (npm).
HTMLCS = Path(__file__).resolve().parent.parent / "node_modules/html_codesniffer/build/HTMLCS.js"
# Material's search and palette forms have no submit button (a script acts on each change).
MATERIAL_FORMS = re.compile(r"H32\.2 .*<form class=\"md-(header__option|search__form)")
# Added to a page before its own scripts: policy violations, kept for the checks below.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
"""


def axe_violations(page) -> list[str]:
    """Run axe-core on the page as it is now; return its WCAG 2.2 A/AA violations, one line each."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    response = AXE.run(page, options=options).response
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in response["violations"]
    ]


def codesniffer_errors(page) -> list[str]:
    """Run HTML_CodeSniffer on the page as it is now; return its WCAG 2 AA errors, one line each."""
    page.evaluate(HTMLCS.read_text("utf-8") + "\n;window.HTMLCS = HTMLCS;")
    messages = page.evaluate(
        """() => new Promise((done) => HTMLCS.process("WCAG2AA", document, () =>
            done(HTMLCS.getMessages().filter((m) => m.type === HTMLCS.ERROR).map((m) =>
              m.code + " | " + m.msg.slice(0, 120) + " | " + m.element.outerHTML.slice(0, 100)))))"""
    )
    return [f"HTML_CodeSniffer: {m}" for m in messages if not MATERIAL_FORMS.search(m)]


class Visitor:
    """Opens pages in one tab and says what is wrong with each, one line a problem.

    Every request must stay on the site's own origin, the Content-Security-Policy must report
    nothing, and no script may throw.
    """

    def __init__(self, page):
        self.page, self.requests, self.errors = page, [], []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.add_init_script(RECORD_VIOLATIONS)

    def visit(self, url: str, accessibility: bool = False) -> list[str]:
        """Open a page and wait until the network is quiet; then, if asked, axe and HTMLCS."""
        self.requests.clear()
        self.errors.clear()
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        own = (origin + "/", "data:", "blob:")
        problems = [f"request off the site: {u}" for u in self.requests if not u.startswith(own)]
        problems += [f"policy violation: {v}" for v in self.page.evaluate("window.__cspViolations")]
        problems += [f"script error: {e}" for e in self.errors]
        if accessibility:
            problems += axe_violations(self.page)
            problems += codesniffer_errors(self.page)
        return problems


def visit(page, url: str, accessibility: bool = False) -> list[str]:
    """Open one page in a fresh tab, let it settle, and return what is wrong with it."""
    return Visitor(page).visit(url, accessibility=accessibility)


class VisibleText(HTMLParser):
    """The text a reader sees in a page's <article> with JavaScript off, and its <h1>."""

    HIDDEN = re.compile(r"\bcloser-js-only\b")

    def __init__(self, html: str):
        super().__init__()
        self.words, self.heading, self._stack = [], "", []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            return
        hidden = (
            "hidden" in attrs
            or self.HIDDEN.search(attrs.get("class") or "")
            or tag in ("script", "style", "template")
        )
        inside = self._stack[-1][1] if self._stack else False
        article = tag == "article" or bool(self._stack and self._stack[-1][2])
        self._stack.append((tag, inside or bool(hidden), article))

    def handle_endtag(self, tag):
        if any(t == tag for t, _, _ in self._stack):
            while self._stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not self._stack or not self._stack[-1][2] or self._stack[-1][1]:
            return
        if any(t == "h1" for t, _, _ in self._stack):
            self.heading += data
        self.words += data.split()


def nojs_problems(html: str) -> list[str]:
    """What a reader with JavaScript off would miss on a page: its heading, or any real text."""
    text = VisibleText(html)
    problems = [] if text.heading.strip() else ["no visible main heading"]
    body = len(text.words) - len(text.heading.split())
    if body < 20:
        problems.append(f"fewer than 20 words of visible text ({body})")
    return problems


TEST_FILES = "/__closer_test/"
# Material builds its search index from the whole site on every full page load, nearly half of
# what a load costs Chromium, and most browser tests never search: while this is False, the test
# server sends the index with its settings but no pages (conftest.py turns it off for each test
# not marked search_index).
whole_search_index = True
SEARCH_INDEX = "/search/search_index.json"
# Injected as the first child of every page's <head>: an external, same-origin script (never
# inline, so a Content-Security-Policy without 'unsafe-inline' still lets it run).
ERRORS_TAG = b'<script src="/__closer_test/errors.js"></script>'
HEAD = re.compile(rb"<head\b[^>]*>", re.IGNORECASE)
# Records uncaught errors and unhandled rejections in window.__closerErrors, and in the tab's
# sessionStorage so they outlive a full page load (WebKit's WebDriver has no event for them).
ERRORS_JS = """(function () {
  if (window.__closerErrors) return;
  var KEY = "__closer_test.errors";
  var seen = (window.__closerErrors = []);
  /* Once the page is on its way out, errors are no reader's: WebKit, leaving a page while
     Material still fetches in the background, throws NotReadableError from the aborted read. */
  var leaving = false;
  window.addEventListener("pagehide", function () { leaving = true; });
  window.addEventListener("pageshow", function () { leaving = false; });
  function keep(text) {
    if (leaving) return;
    text = location.pathname + ": " + text;
    seen.push(text);
    try {
      var all = JSON.parse(sessionStorage.getItem(KEY) || "[]");
      all.push(text);
      sessionStorage.setItem(KEY, JSON.stringify(all));
    } catch (e) {
      /* storage blocked: window.__closerErrors still has it */
    }
  }
  window.addEventListener("error", function (event) {
    /* The same, reported a moment before pagehide (the service worker answers those fetches and
       the navigation cancels it): a read of Material's own background fetch, cut off. */
    var cutOff = /NotReadableError|Network error|Load failed|network connection was lost/;
    if (cutOff.test(event.message) && /\\/bundle\\.[0-9a-f]+\\.min\\.js$/.test(event.filename)) return;
    keep(event.message + " (" + event.filename + ":" + event.lineno + ")");
  });
  window.addEventListener("unhandledrejection", function (event) {
    var reason = event.reason;
    keep("Unhandled rejection: " + (reason && reason.message ? reason.message : String(reason)));
  });
})();
"""
# Pages only the tests use: a 320 px frame for reflow checks, a blank same-origin page, and two
# pages broken on purpose (one throws, one is too wide), to prove the checks can fail.
FRAME_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>320 px frame</title></head>
<body style="margin:0"><iframe id="frame" title="The page at 320 px" src="{src}"
 style="display:block;width:320px;height:640px;border:0"></iframe></body></html>
"""
BLANK_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body></body></html>
"""
THROWS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Throws</title>
<script src="/__closer_test/throws.js" defer></script></head><body><p>Throws</p></body></html>
"""
WIDE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Wide</title></head><body><p class="too-wide" style="width:400px">Wider than a phone</p>
</body></html>
"""
THROWS_JS = """setTimeout(function () { throw new Error("thrown on purpose"); }, 0);
Promise.reject(new Error("rejected on purpose"));
"""


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """A static host for the built site: its 404 page for missing paths, plus the test files."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".webmanifest": "application/manifest+json",
    }
    # Where `serve(..., log=[])` keeps the path of each request (tests of what the browser fetched).
    log: list[str] | None = None

    def log_message(self, *args):
        """Stay quiet: a test run is no place for an access log."""

    def do_GET(self):
        """Serve a test file, an HTML page with the error recorder, or any other file as is."""
        url = urlsplit(self.path)
        if self.log is not None:
            self.log.append(url.path)
        if url.path.startswith(TEST_FILES):
            self.send_test_file(url.path[len(TEST_FILES) :], parse_qs(url.query))
            return
        if url.path.endswith(SEARCH_INDEX) and not whole_search_index:
            self.send_empty_search_index()
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url.path.endswith("/"):
            path = path / "index.html"
        not_found = Path(self.directory) / "404.html"
        if path.suffix == ".html" and path.is_file():
            self.send_page(200, path.read_bytes())
        elif not path.exists() and not_found.is_file():
            self.send_page(404, not_found.read_bytes())
        else:
            super().do_GET()

    def send_page(self, status: int, html: bytes):
        """Send an HTML page with the error recorder as the first child of its <head>."""
        html = HEAD.sub(lambda m: m.group(0) + ERRORS_TAG, html, count=1)
        self.send_body(status, "text/html; charset=utf-8", html)

    def send_test_file(self, name: str, query: dict):
        """Send one of the pages and scripts that only the tests use."""
        if name == "errors.js":
            self.send_body(200, "text/javascript; charset=utf-8", ERRORS_JS.encode())
        elif name == "throws.js":
            self.send_body(200, "text/javascript; charset=utf-8", THROWS_JS.encode())
        elif name == "frame.html":
            src = html.escape(query.get("src", ["/"])[0], quote=True)
            self.send_page(200, FRAME_HTML.format(src=src).encode())
        elif name == "blank.html":
            self.send_body(200, "text/html; charset=utf-8", BLANK_HTML.encode())
        elif name == "throws.html":
            self.send_page(200, THROWS_HTML.encode())
        elif name == "wide.html":
            self.send_page(200, WIDE_HTML.encode())
        else:
            self.send_error(404)

    def send_empty_search_index(self):
        """Send the site's search index with its settings but no pages (whole_search_index)."""
        index = json.loads(Path(self.translate_path(SEARCH_INDEX)).read_text("utf-8"))
        index["docs"] = []
        self.send_body(200, "application/json", json.dumps(index).encode())

    def send_body(self, status: int, content_type: str, body: bytes):
        """Send a whole response from memory."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(directory, port: int = 0, log: list[str] | None = None):
    """Serve a folder over HTTP on 127.0.0.1 as SiteHandler does; yield the root URL.

    With `log`, the path of every request is appended to it.
    """
    handler = (
        type("LoggedSiteHandler", (SiteHandler,), {"log": log}) if log is not None else SiteHandler
    )
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
