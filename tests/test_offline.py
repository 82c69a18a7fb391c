"""Closer on the home screen: installable, and working offline where the reader asks for it.

The build's side is read from the built site (the manifest, its icons, offline.json, sw.js's
version, the size written into the pages). The worker's side runs in real browsers: the first
visit, "keep for offline use", every kept page without a network, the offline page, a new build
that changes one page, "clear everything", and `mkdocs serve`, where no worker may run.
"""

import contextlib
import hashlib
import json
import re
import struct
import time
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import sitecheck
import yaml
from closer import offline
from conftest import CHROMIUM_ARGS, ROOT, find_chromium, html_pages, mkdocs_build
from playwright.sync_api import expect
from test_build import copy_project
from test_robustness import fetch, start_serving, wait_for

CARDS = yaml.safe_load((ROOT / "data" / "exercises.yml").read_text("utf-8"))["exercises"]
DAYS = yaml.safe_load((ROOT / "data" / "challenge.yml").read_text("utf-8"))["days"]
KEEP = "Keep Closer on this device for offline use"
READING = "understand/what-it-is/"  # a page the reader opens before going offline
NOT_VISITED = "understand/signs/"  # one they never open
PREFIX = "closer-offline-"
ERRORS_TAG = sitecheck.ERRORS_TAG.decode()
# The offline copy holds the whole search index, and readers search it offline.
pytestmark = pytest.mark.search_index


def css_value(name: str, css: str) -> str:
    """The first value a custom property gets in closer.css."""
    return re.search(rf"{re.escape(name)}:\s*([^;]+);", css).group(1).strip()


def png_size(data: bytes) -> tuple[int, int, int]:
    """A PNG's width, height and colour type, read from its IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, colour


class Head(HTMLParser):
    """A page's <link> and <meta> elements, as attribute dictionaries."""

    def __init__(self, html: str):
        super().__init__()
        self.links, self.metas = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append(dict(attrs))
        elif tag == "meta":
            self.metas.append(dict(attrs))


# ---------- the build: manifest, icons, offline.json, sw.js ----------


def test_manifest_has_what_an_install_needs_and_the_palettes_colours(site_dir):
    # Lighthouse 12 has no PWA category any more; these are the fields and icons its old
    # installable-manifest audit and Chromium's install criteria ask for.
    manifest = json.loads((site_dir / "manifest.webmanifest").read_text("utf-8"))
    css = (ROOT / "docs" / "assets" / "stylesheets" / "closer.css").read_text("utf-8")
    base = "http://x/site/manifest.webmanifest"
    assert manifest["name"] == "Closer" and 0 < len(manifest["short_name"]) <= 12
    assert len(manifest["description"]) >= 30
    assert (
        urljoin(base, manifest["start_url"]) == urljoin(base, manifest["scope"]) == "http://x/site/"
    )
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == css_value("--md-primary-fg-color", css) == "#7a3b2e"
    assert manifest["background_color"] == css_value("--md-default-bg-color", css) == "#fffdf9"
    pngs = {}
    for icon in manifest["icons"]:
        data = (site_dir / icon["src"]).read_bytes()
        if icon["type"] == "image/svg+xml":
            assert data.startswith(b"<svg") and icon["sizes"] == "any"
            continue
        width, height, colour = png_size(data)
        assert icon["sizes"] == f"{width}x{height}" and width == height, icon
        pngs[(width, icon["purpose"])] = colour
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= set(pngs)
    # A maskable icon is cut to any shape: it must fill its square, with no transparent parts.
    assert pngs[(512, "maskable")] == 2, "the maskable icon has transparency (colour type != RGB)"
    assert any(i["type"] == "image/svg+xml" for i in manifest["icons"])


def install_errors(playwright, profile, url: str, manifest: dict | None = None) -> set[str]:
    """Chromium's own install check on a page (Page.getInstallabilityErrors), in a real profile.

    Playwright's usual contexts are incognito, where Chromium never offers an install, and the
    headless shell the other tests use offers none at all: this runs the whole browser. With
    `manifest`, the site's manifest is replaced by that one.
    """
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=find_chromium(shell=False), args=CHROMIUM_ARGS
    )
    try:
        page = context.new_page()
        if manifest is not None:
            page.route("**/manifest.webmanifest", lambda route: route.fulfill(json=manifest))
        page.goto(url)
        errors = context.new_cdp_session(page).send("Page.getInstallabilityErrors")
        return {error["errorId"] for error in errors["installabilityErrors"]}
    finally:
        context.close()


@pytest.mark.browser
def test_chromium_finds_the_site_installable(playwright, base_url, tmp_path):
    assert install_errors(playwright, tmp_path / "a", base_url) == set()
    # The check can fail: the same page with a manifest that has only a name.
    broken = install_errors(playwright, tmp_path / "b", base_url, {"name": "Closer"})
    assert "manifest-missing-suitable-icon" in broken, broken


def test_every_page_links_the_manifest_the_theme_colour_and_the_worker(site_dir):
    for rel in html_pages() + ["404.html"]:
        path = site_dir / rel / "index.html" if not rel.endswith(".html") else site_dir / rel
        head = Head(path.read_text("utf-8"))
        page = "http://x/" + (rel if not rel.endswith(".html") else "")
        manifests = [urljoin(page, a["href"]) for a in head.links if a.get("rel") == "manifest"]
        assert manifests == ["http://x/manifest.webmanifest"], rel
        colours = {
            m.get("media"): m["content"] for m in head.metas if m.get("name") == "theme-color"
        }
        assert colours["(prefers-color-scheme: light)"] == "#7a3b2e", rel
        worker = [m for m in head.metas if m.get("name") == "closer-worker"]
        assert len(worker) == 1 and urljoin(page, worker[0]["content"]) == "http://x/sw.js", rel
        assert "data-serving" not in worker[0], f"{rel}: a built page must register the worker"


def kept_kinds_pages() -> set[str]:
    """The pages the offline copy must hold: challenge, days, deck, cards, print, questions."""
    pages = {"challenge/", "cards/", "cards/print/", "questions/", "offline/"}
    pages |= {f"challenge/day-{day['day']}/" for day in DAYS}
    pages |= {f"cards/{card['id']}/" for card in CARDS}
    return pages


def test_offline_list_has_every_file_with_its_size_and_hash_and_marks_the_offline_copy(site_dir):
    listed = json.loads((site_dir / "offline.json").read_text("utf-8"))
    files = {entry["url"]: entry for entry in listed["files"]}
    on_disk = {
        offline.url_of(p.relative_to(site_dir).as_posix()): p
        for p in site_dir.rglob("*")
        if p.is_file() and p.name not in ("sw.js", "offline.json", "_headers")
    }
    assert set(files) == set(on_disk) and len(files) == len(listed["files"])
    for url, path in on_disk.items():
        data = path.read_bytes()
        assert files[url]["size"] == len(data), url
        assert files[url]["sha256"] == hashlib.sha256(data).hexdigest(), url
    kept = {url for url, entry in files.items() if entry.get("keep")}
    pages = {url for url in kept if url == "" or url.endswith("/")}
    assert pages == kept_kinds_pages(), "the offline copy holds other pages than it should"
    # Every file a kept page loads is kept with it, and what instant navigation and search read.
    for page in pages:
        html = (site_dir / offline.file_of(page)).read_text("utf-8")
        assert offline.references(html, page) <= kept, page
    assert {"sitemap.xml", "search/search_index.json", "manifest.webmanifest"} <= kept
    assert listed["keep"]["size"] == sum(files[url]["size"] for url in kept)
    assert listed["keep"]["files"] == len(kept)
    # The build stamped this list's version into the worker, so a new build installs a new one.
    assert f'const VERSION = "{listed["version"]}";' in (site_dir / "sw.js").read_text("utf-8")


def test_the_worker_is_written_once_stamped_never_copied_without_its_version(tmp_path):
    # A browser checking for a new worker while a build runs must not find one without its
    # version (it would install it): MkDocs does not copy sw.js, the hook writes it at the end.
    from closer_hooks import Closer
    from mkdocs.structure.files import File, Files

    docs = ROOT / "docs"
    files = Files([File(offline.WORKER, str(docs), str(tmp_path), use_directory_urls=True)])
    assert Closer().on_files(files, {}).get_file_from_path(offline.WORKER) is None
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", "utf-8")
    version = offline.write(tmp_path, docs / offline.WORKER)["version"]
    worker = (tmp_path / offline.WORKER).read_text("utf-8")
    assert f'const VERSION = "{version}";' in worker and offline.VERSION_TOKEN not in worker
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "offline.json", "sw.js"]


def test_pages_that_offer_the_offline_copy_say_how_big_it_is(site_dir):
    words = json.loads((site_dir / "offline.json").read_text("utf-8"))["keep"]["words"]
    assert re.fullmatch(r"\d+(\.\d)? MB|\d+ KB", words)
    for rel in ("challenge/", "cards/", "about/privacy/"):
        html = (site_dir / rel / "index.html").read_text("utf-8")
        assert f"take about {words} on this device" in html, rel
        controls = re.findall(r"<[^>]*\bdata-closer-keep-offline\b[^>]*>", html)
        assert len(controls) == 1 and KEEP in html, rel
    for path in site_dir.rglob("*"):
        if path.suffix in (".html", ".json"):
            assert offline.SIZE_TOKEN not in path.read_text("utf-8"), path


def test_references_and_addresses_stay_inside_the_site():
    html = (
        '<link rel="stylesheet" href="../assets/a.css"><link rel="canonical" href="http://x/y/">'
        '<script src="../b.js?v=1"></script><script src="https://cdn.example/c.js"></script>'
        '<script id="__config" type="application/json">{"search": "../w.min.js"}</script>'
        '<link rel="icon" href="//other.example/icon.png">'
    )
    assert offline.references(html, "cards/") == {"assets/a.css", "b.js", "w.min.js"}
    assert offline.url_of("index.html") == "" and offline.url_of("cards/index.html") == "cards/"
    assert offline.file_of("") == "index.html" and offline.file_of("sw.js") == "sw.js"
    assert [offline.size_in_words(n) for n in (1, 850_000, 3_172_453)] == [
        "1 KB",
        "850 KB",
        "3.2 MB",
    ]


# ---------- helpers for the browser tests ----------


CACHED = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    out[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
  }
  return out;
}"""
# The SHA-256 of each cached file, as the build wrote it: the test server's error recorder,
# which it adds to every page it serves, is taken out again.
CACHED_HASHES = """async (tag) => {
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      let body = await (await cache.match(request)).arrayBuffer();
      if (request.url.endsWith("/")) {
        body = new TextEncoder().encode(new TextDecoder().decode(body).replace(tag, ""));
      }
      const digest = await crypto.subtle.digest("SHA-256", body);
      out[request.url] = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    }
  }
  return out;
}"""


def controlled(page):
    """Wait until the service worker is in charge of the page (it claims it once active)."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15_000)


def keep_for_offline(page):
    """Press "Keep Closer on this device for offline use" and wait until it says it is done."""
    page.get_by_role("button", name=KEEP).click()
    status = page.locator("[data-closer-keep-status]")
    status.filter(has_text="Done").wait_for(timeout=60_000)
    return status.text_content()


def heading(page) -> str:
    """The page's main heading, as a reader sees it."""
    return page.locator("article h1").first.inner_text().strip()


# ---------- the first visit ----------


@pytest.mark.browser
def test_first_visit_fetches_nothing_more_than_the_worker_script(new_context, site_dir):
    """What the server sends for a first visit, with the worker and without: only sw.js more."""
    log = []
    seen = {}
    with sitecheck.serve(site_dir, log=log) as url:
        for workers in ("block", "allow"):
            log.clear()
            page = new_context(service_workers=workers).new_page()
            page.goto(url, wait_until="networkidle")
            if workers == "allow":
                controlled(page)
                # The worker copies what the page loaded from the browser's own cache.
                page.wait_for_function(
                    f"async () => (await caches.match('{url}', {{cacheName: (await caches.keys())[0]}})) !== undefined"
                )
            page.wait_for_timeout(1500)
            page.wait_for_load_state("networkidle")
            seen[workers] = Counter(log)
            if workers == "allow":
                kept = page.evaluate(CACHED)
    assert seen["allow"] - seen["block"] == Counter({"/sw.js": 1})
    assert seen["block"] - seen["allow"] == Counter()
    # ... and yet the first page is kept, with its stylesheets and scripts.
    (names,) = [list(kept)]
    assert len(names) == 1 and names[0].startswith(PREFIX)
    paths = {urlsplit(u).path for u in kept[names[0]]}
    assert {"/", "/assets/javascripts/closer.js", "/assets/stylesheets/closer.css"} <= paths


# ---------- keep, go offline, read and write ----------


@pytest.mark.browser
def test_kept_challenge_deck_cards_print_sheet_and_read_pages_work_offline(new_context, base_url):
    context = new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(base_url)
    controlled(page)
    page.goto(base_url + READING)
    reading_title = heading(page)
    page.goto(base_url + "challenge/")
    done = keep_for_offline(page)
    assert "kept on this device" in done

    context.set_offline(True)
    card = CARDS[3]
    expected = {
        "challenge/": "[data-page-kind=challenge][data-challenge-ready]",
        "cards/": "article[data-closer-set-up~=deck]",
        f"cards/{card['id']}/": "article[data-closer-set-up~=favourites]",
        "cards/print/": "article[data-closer-set-up~=print]",
        "questions/": "article[data-closer-set-up~=questions]",
    }
    expected |= {
        f"challenge/day-{d['day']}/": "[data-page-kind=day][data-challenge-ready]" for d in DAYS
    }
    expected[READING] = "article"  # last: its heading is checked below
    for path, ready in expected.items():
        page.goto(base_url + path)
        assert page.url == base_url + path, f"{path} went to {page.url}"
        page.locator(ready).first.wait_for(state="attached")
    assert heading(page) == reading_title

    # Tick a task and write a note, offline; both are there after a reload, offline.
    page.goto(base_url + "challenge/day-1/")
    page.locator("[data-page-kind=day][data-challenge-ready]").wait_for(state="attached")
    task = page.locator("[data-task]").first
    task.check(force=True)
    page.locator("[data-note]").fill("Written without a connection.")
    page.reload()
    page.locator("[data-page-kind=day][data-challenge-ready]").wait_for(state="attached")
    assert page.locator("[data-task]").first.is_checked()
    assert page.locator("[data-note]").input_value() == "Written without a connection."

    # Instant navigation between kept pages, offline: the page is swapped in place.
    page.goto(base_url + "cards/")
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name=card["title"], exact=True).first.click()
    page.wait_for_url(re.compile(rf"/cards/{card['id']}/(#.*)?$"))
    page.locator("article[data-closer-set-up~=favourites]").wait_for(state="attached")
    assert page.evaluate("window.__sameDocument === true"), "expected instant navigation offline"
    assert heading(page) == card["title"]

    # Search, offline: its index and worker are kept.
    search = page.locator(".md-search__input")
    search.click()
    search.press_sequentially("listen", delay=30)
    page.locator(".md-search-result__item").first.wait_for()

    # A page that is not kept: the offline page, which says what was asked and what is kept.
    page.goto(base_url + NOT_VISITED)
    assert page.url.startswith(base_url + "offline/?from="), page.url
    assert heading(page) == "You are offline"
    retry = page.locator("[data-closer-offline-retry]")
    assert retry.is_visible() and retry.get_attribute("href") == "/" + NOT_VISITED
    kept_list = page.locator("[data-closer-kept-list]")
    kept_list.get_by_role("link", name=reading_title, exact=True).wait_for()
    kept_list.get_by_role("link", name="The card deck", exact=True).wait_for()
    # Reached by instant navigation from a kept page, too (Material then loads it in full).
    page.goto(base_url + "cards/")
    page.get_by_role("link", name="Find help and safety information").click()
    page.wait_for_url("**/offline/?from=*")
    assert heading(page) == "You are offline"

    assert errors == []
    origin = base_url.rstrip("/")
    assert [u for u in requests if not u.startswith(origin + "/")] == []


@pytest.mark.browser
def test_without_keep_only_pages_opened_work_offline_and_the_rest_is_the_offline_page(
    new_context, base_url
):
    context = new_context()
    page = context.new_page()
    page.goto(base_url)
    controlled(page)
    page.goto(base_url + READING)  # kept as it is opened (the offline page is fetched with it)
    page.wait_for_function("async () => !!(await caches.match(location.origin + '/offline/'))")
    context.set_offline(True)
    page.goto(base_url)
    assert heading(page) and page.url == base_url
    page.goto(base_url + READING)
    assert page.url == base_url + READING
    page.goto(base_url + "cards/print/")
    assert heading(page) == "You are offline"


# ---------- a new build ----------


@pytest.mark.browser
def test_a_new_build_replaces_exactly_what_changed_and_deletes_the_old_cache(new_context, tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    log = []
    with sitecheck.serve(site, log=log) as url:
        first = mkdocs_build(project, site, url)
        assert first.returncode == 0, first.stderr
        before = json.loads((site / "offline.json").read_text("utf-8"))
        context = new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(url)
        controlled(page)
        page.goto(url + "challenge/")
        keep_for_offline(page)
        page.goto(url + READING)
        cached = page.evaluate(CACHED)[PREFIX + before["version"]]

        source = project / "docs" / "understand" / "what-it-is.md"
        text = source.read_text("utf-8")
        source.write_text(text.replace("\n## ", "\nA sentence from the second build.\n\n## ", 1))
        second = mkdocs_build(project, site, url)
        assert second.returncode == 0, second.stderr
        after = json.loads((site / "offline.json").read_text("utf-8"))
        assert after["version"] != before["version"]
        old = {e["url"]: e["sha256"] for e in before["files"]}
        new = {e["url"]: e["sha256"] for e in after["files"]}
        changed = {u for u in new if old.get(u) != new[u]}
        assert READING in changed

        # The browser checks sw.js (as on every navigation); the new worker installs at once.
        log.clear()
        page.evaluate(
            "async () => { await (await navigator.serviceWorker.getRegistration()).update(); }"
        )
        deadline = time.monotonic() + 30
        while list(page.evaluate(CACHED)) != [PREFIX + after["version"]]:
            assert time.monotonic() < deadline, page.evaluate(CACHED).keys()
            time.sleep(0.2)
        downloads = Counter(log) - Counter({"/sw.js": 1, "/offline.json": 1})
        expected = {urlsplit(u).path for u in cached} & {"/" + u for u in changed}
        assert set(downloads) == expected and max(downloads.values()) == 1, downloads

        page.reload()
        assert "A sentence from the second build." in page.locator("article").inner_text()
        hashes = page.evaluate(CACHED_HASHES, ERRORS_TAG)
        context.set_offline(True)
        page.reload()
        assert "A sentence from the second build." in page.locator("article").inner_text()

    # No file of the first build is left: each cached file is the second build's.
    scope = url
    for address, sha in hashes.items():
        rel = address[len(scope) :]
        if rel.startswith("__closer_test/") or rel == "offline.json?kept":
            continue
        if rel == "offline.json":
            continue
        assert rel in new, f"{rel} is no longer in the site but still cached"
        assert sha == new[rel], f"{rel} is the first build's"
    # Still kept: every file of the offline copy, in the new version's cache.
    kept = {e["url"] for e in after["files"] if e.get("keep")}
    assert {scope + u for u in kept} <= set(hashes)


# ---------- the same in every engine ----------


def resolve(tab, expression: str, *args):
    """Run a JavaScript expression that gives a promise, in any engine; return what it resolves to."""
    token = f"__closerResult{time.monotonic_ns()}"
    tab.js(
        f"Promise.resolve().then(() => {expression})"
        f".then((v) => {{ window.{token} = {{v}}; }}, (e) => {{ window.{token} = {{e: String(e)}}; }});"
        " return true",
        *args,
    )
    result = tab.wait_for(f"return window.{token}", what=expression)
    assert "e" not in result, result["e"]
    return result["v"]


WORKER_STATE = """Promise.all([caches.keys(), navigator.serviceWorker.getRegistrations()])
  .then(([names, registrations]) => ({
    caches: names.filter((n) => n.startsWith("closer-")),
    workers: registrations.length,
    keys: Object.keys(localStorage).filter((k) => k.startsWith("closer.")),
  }))"""


H1 = "return document.querySelector('article h1').firstChild.textContent.trim()"


def tab_keep(tab):
    """Keep Closer for offline use from the page on show, in any engine."""
    tab.wait_for(
        "return !!navigator.serviceWorker.controller", what="the worker in charge", timeout=20
    )
    tab.wait_for(
        "return !!document.querySelector('article[data-closer-set-up~=offline]')",
        what="the offline control",
    )
    tab.click("[data-closer-keep]")
    tab.wait_for(
        "return document.querySelector('[data-closer-keep-status]').textContent.startsWith('Done')",
        what="the offline copy to be kept",
        timeout=60,
    )


FORGET = """Promise.all([navigator.serviceWorker.getRegistrations(), caches.keys()])
  .then(([registrations, names]) => Promise.all([
    ...registrations.map((r) => r.unregister()), ...names.map((n) => caches.delete(n))]))
  .then(() => true)"""


class Network:
    """The site on a server of its own, which a test can stop: offline, in every engine.

    Engines' own offline switches do not serve here: Firefox's (WebDriver BiDi
    emulation.setNetworkConditions) leaves the service worker's own requests online, so a page
    that is not kept still loads; WebKit's WebDriver has none. A stopped server is what a reader
    without a connection gets: every request for the site fails.
    """

    def __init__(self, site_dir):
        self.site_dir, self.stack = site_dir, contextlib.ExitStack()
        self.url = self.stack.enter_context(sitecheck.serve(site_dir))

    def cut(self):
        """Stop the server."""
        self.stack.close()

    def restore(self):
        """Serve the site again at the same address."""
        self.stack = contextlib.ExitStack()
        self.stack.enter_context(sitecheck.serve(self.site_dir, port=urlsplit(self.url).port))

    def close(self):
        """Stop the server for good."""
        self.stack.close()


@pytest.mark.browser
def test_kept_pages_open_offline_in_every_engine(tab, site_dir):
    network = Network(site_dir)
    url = network.url
    try:
        # The first page loads before the worker starts; it is kept if the reader is still on
        # it once the worker is in charge, and every page after it is kept as it loads.
        tab.goto(url)
        tab.wait_for("return !!navigator.serviceWorker.controller", what="the worker", timeout=20)
        tab.goto(url + READING)
        tab.goto(url + "challenge/")
        tab_keep(tab)
        network.cut()
        card = CARDS[0]
        for path, title in (
            ("challenge/day-2/", f"Day 2: {DAYS[1]['title']}"),
            (f"cards/{card['id']}/", card["title"]),
            ("cards/print/", "Print the cards"),
            ("cards/", "The card deck"),
            (READING, None),
        ):
            tab.goto(url + path)
            shown = tab.js(H1)
            assert tab.url() == url + path, f"[{tab.engine}] {path}: {tab.url()}"
            assert title is None or shown.startswith(title), f"[{tab.engine}] {path}: {shown}"
        tab.goto(url + "challenge/day-2/")
        tab.wait_for(
            "return !!document.querySelector('[data-page-kind=day][data-challenge-ready]')"
        )
        task = tab.js("return document.querySelector('[data-task]').dataset.task")
        tab.check(f'[data-task="{task}"]')
        tab.fill("[data-note]", "Offline note")
        tab.reload()
        tab.wait_for(
            "return !!document.querySelector('[data-page-kind=day][data-challenge-ready]')"
        )
        assert tab.js(f"return document.querySelector('[data-task=\"{task}\"]').checked")
        assert tab.js("return document.querySelector('[data-note]').value") == "Offline note"
        tab.goto(url + NOT_VISITED)
        assert "/offline/?from=" in tab.url(), f"[{tab.engine}] {tab.url()}"
        assert tab.js(H1) == "You are offline"
        assert tab.errors() == []
    finally:
        # Back online, the worker and its caches go, while this server still runs (the WebKit
        # window outlives the test, and cleans up only the site it was given).
        network.restore()
        tab.goto(url + "__closer_test/blank.html")
        resolve(tab, FORGET)
        network.close()


@pytest.mark.browser
def test_clear_everything_removes_the_offline_copy_the_worker_and_every_closer_key(tab, base_url):
    tab.goto(base_url + "about/privacy/")
    tab_keep(tab)
    tab.js("localStorage.setItem('closer.favourites', '{\"version\": 1, \"ids\": []}')")
    state = resolve(tab, WORKER_STATE)
    assert state["caches"] and state["workers"] == 1 and state["keys"], state
    tab.click("[data-closer-clear]", dialog="accept")
    tab.wait_for(
        "return document.querySelector('[data-closer-clear-status]').textContent.startsWith('Done')",
        what="the status line saying it is done",
    )
    assert resolve(tab, WORKER_STATE) == {"caches": [], "workers": 0, "keys": []}
    # The page offers the offline copy again.
    assert tab.js("return !document.querySelector('[data-closer-keep]').hidden")


# ---------- mkdocs serve: no worker, every edit on reload ----------


@pytest.mark.browser
def test_mkdocs_serve_runs_no_worker_and_removes_one_left_from_a_built_copy(new_context, tmp_path):
    page = new_context().new_page()
    project = copy_project(tmp_path / "project")
    server, url = start_serving(project, tmp_path / "serve.log")
    try:
        wait_for(lambda: "Closer" in fetch(url), "mkdocs serve")
        page.set_default_timeout(30_000)  # mkdocs serve holds requests while it rebuilds
        page.goto(url)
        assert page.locator('meta[name="closer-worker"][data-serving]').count() == 1
        # A worker left at this address, say from a built copy served here before.
        page.evaluate(
            "async () => { await navigator.serviceWorker.register('sw.js');"
            " await navigator.serviceWorker.ready; await caches.open('closer-offline-old'); }"
        )
        page.reload()
        page.wait_for_function(
            "async () => (await navigator.serviceWorker.getRegistrations()).length === 0"
            " && (await caches.keys()).length === 0"
        )
        # An edit shows when serve reloads the page, and on every reload after that.
        page.goto(url + "about/")
        source = project / "docs" / "about" / "index.md"
        source.write_text(source.read_text("utf-8") + "\nA line added while serving.\n", "utf-8")
        wait_for(lambda: "A line added while serving." in fetch(url + "about/"), "the rebuild")
        article = page.locator("article")
        expect(article).to_contain_text("A line added while serving.", timeout=30_000)
        page.wait_for_load_state("load")
        page.reload()
        expect(article).to_contain_text("A line added while serving.")
        # The offline control says why it is off.
        page.goto(url + "challenge/")
        status = page.locator("[data-closer-keep-status]")
        assert "served for editing" in status.inner_text()
        assert page.get_by_role("button", name=KEEP).count() == 0
        assert (
            page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length")
            == 0
        )
    finally:
        server.terminate()
        server.wait(timeout=20)
