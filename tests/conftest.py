"""Shared fixtures: one strict build of the site, served where it was built for, and real browsers.

Chromium comes through pytest-playwright (its `page`, `context` and `new_context` fixtures keep a
trace and a screenshot of any browser test that fails, in test-results/), launched from the system
Chromium; `tab` drives the same journey in Chromium, Firefox and WebKit (tests/engines.py).
"""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import engines
import pytest
import sitecheck
from playwright.sync_api import expect

# Two workers share two cores with their browsers: give every expectation ten seconds, as waits have.
expect.set_options(timeout=10_000)

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """Ask the OS for a free TCP port on 127.0.0.1 (for `mkdocs serve`, which binds its own)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mkdocs_build(
    project: Path, site: Path, site_url: str | None = None
) -> subprocess.CompletedProcess:
    """Run a real strict `mkdocs build` of `project` into `site`; return the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["CLOSER_SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def url_path(src_uri: str) -> str:
    """The address of a page under the site's root: 'cards/x.md' -> 'cards/x/', 'index.md' -> ''."""
    path = src_uri.removesuffix(".md")
    if path == "index":
        return ""
    return path.removesuffix("index") if path.endswith("/index") else path + "/"


def html_pages() -> list[str]:
    """Every page the site has, as addresses like 'cards/print/', from docs/ and the data.

    Worked out from the sources, not from a build, so tests can be parametrized with it at once;
    test_build checks that the built site has exactly these pages.
    """
    from closer import site

    docs = ROOT / "docs"
    sources = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    sources += [page.src_uri for page in site.generate(ROOT, docs)]
    return sorted(url_path(uri) for uri in sources)


def pytest_generate_tests(metafunc):
    """Give `site_path` every page of the site, so new pages are checked without new tests."""
    if "site_path" in metafunc.fixturenames:
        metafunc.parametrize("site_path", html_pages())


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """Build the site once per worker for an address that is already ours, and serve it there.

    The server binds its port before the build (no race with other workers for a free port),
    then serves whatever the build writes into the folder.
    """
    site = tmp_path_factory.mktemp("site")
    with sitecheck.serve(site) as url:
        result = mkdocs_build(ROOT, site, url)
        if result.returncode != 0:
            pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
        yield site, url


@pytest.fixture(scope="session")
def site_dir(served_site) -> Path:
    """The built site folder."""
    return served_site[0]


@pytest.fixture(scope="session")
def base_url(served_site) -> str:
    """The root address of the built site, the one it was built for (instant navigation works)."""
    return served_site[1]


@pytest.fixture(scope="session")
def other_base_url(site_dir) -> str:
    """The same site on another port: not the address it was built for, so instant navigation is off.

    (Material matches links against the sitemap with the page's own host, so localhost instead of
    127.0.0.1 keeps it on; only another port or path turns it off.)
    """
    with sitecheck.serve(site_dir) as url:
        yield url


def find_chromium(shell: bool = True) -> str:
    """Find the system Chromium (its headless shell unless `shell` is false), or fail saying how.

    The shell is Chromium's engine without the browser's windows, as Playwright itself runs
    headless Chromium: a fresh profile and its first page load cost it under half of what the
    whole browser costs headless (benchmarks/browser_costs.py), and the tests open hundreds.
    Only the whole browser judges whether a site can be installed, or keeps pages for Back.
    """
    names = ("chromium", "chromium-browser", "google-chrome")
    if shell:
        names = (os.environ.get("CHROMIUM"), "chromium-headless-shell", *names)
    for candidate in names:
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    package = "chromium-headless-shell" if shell else "chromium"
    pytest.fail(
        f"Chromium not found. Install it (Debian: sudo apt-get install {package})"
        + (" or set CHROMIUM." if shell else ".")
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches the system Chromium (Playwright cannot download its own here)."""
    return {**browser_type_launch_args, "executable_path": find_chromium(), "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def served_search_index(request):
    """Serve Material's whole search index only to tests marked search_index, an empty one else.

    Material builds the index from the whole site on every full page load, nearly half of what
    a load costs Chromium (benchmarks/browser_costs.py), and most tests never search. The pages
    that differ (test_sitewide.py), one page of each kind in three engines and the offline
    tests load it whole, as readers do. (Each xdist worker runs its tests one at a time.)
    """
    sitecheck.whole_search_index = request.node.get_closest_marker("search_index") is not None
    yield
    sitecheck.whole_search_index = True


@pytest.fixture
def context(new_context):
    """pytest-playwright's profile for `page`, without Closer's service worker.

    Installing the worker costs a fresh profile about a sixth of its time in Chromium. The
    journeys in tests/engines.py keep it, in all three engines, as readers have it, and so does
    `new_context()`, which the offline tests use.
    """
    return new_context(service_workers="block")


@pytest.fixture
def page(page):
    """pytest-playwright's tab, with a ten-second limit on every wait."""
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def nojs_page(new_context):
    """A new tab in a fresh profile with JavaScript turned off."""
    tab = new_context(java_script_enabled=False).new_page()
    tab.set_default_timeout(10_000)
    return tab


# ---------- the same journeys in three engines (tests/engines.py) ----------


@pytest.fixture(scope="session")
def chromium_engine(playwright):
    """Chromium's headless shell for `tab`: the engine of readers' Chrome, without the browser."""
    chromium = engines.launch_chromium(playwright, find_chromium(), CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def whole_chromium_engine(playwright):
    """The whole system Chromium, with its back-forward cache on as readers have it.

    The headless shell never keeps a page in that cache, so there Back is always a new load:
    `tab` runs tests marked back_forward_cache in this one.
    """
    chromium = engines.launch_chromium(playwright, find_chromium(shell=False), CHROMIUM_ARGS)
    yield chromium
    chromium.close()


def start_engine(kind):
    """Start an engine, or fail with a message that says how to install it (never skip)."""
    try:
        return kind()
    except FileNotFoundError as missing:
        pytest.fail(str(missing))


@pytest.fixture(scope="session")
def firefox_engine():
    """Debian's firefox-esr, headless, over WebDriver BiDi: started once per worker."""
    firefox = start_engine(engines.Firefox)
    yield firefox
    firefox.close()


@pytest.fixture(scope="session")
def webkit_engine():
    """WebKitGTK's MiniBrowser through WebKitWebDriver and Selenium, under its own Xvfb."""
    webkit = start_engine(engines.WebKit)
    yield webkit
    webkit.close()


@pytest.fixture(params=engines.ENGINES)
def tab(request):
    """A fresh tab in each engine in turn; the test id names the engine (test_x[firefox])."""
    name = request.param
    if name == "chromium" and request.node.get_closest_marker("back_forward_cache"):
        name = "whole_chromium"
    engine = request.getfixturevalue(f"{name}_engine")
    opened = engines.ChromiumTab(engine) if request.param == "chromium" else engine.new_tab()
    yield opened
    opened.close()
