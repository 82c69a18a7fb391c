"""Shared fixtures: one strict build of the site, a local static server, and real browsers."""

import functools
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import engines
import pytest
import sitecheck

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
    """Ask the OS for a free TCP port on 127.0.0.1."""
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


@functools.cache
def built_site() -> tuple[Path, int]:
    """Build the site once per test run, for the port it will be served on."""
    port = free_port()
    site = Path(os.environ.get("CLOSER_TEST_SITE", "/tmp")) / f"closer-test-site-{os.getpid()}"
    shutil.rmtree(site, ignore_errors=True)
    result = mkdocs_build(ROOT, site, f"http://127.0.0.1:{port}/")
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return site, port


def html_pages() -> list[str]:
    """Every page of the built site, as URL paths like 'cards/print/' (404 page left out)."""
    site, _ = built_site()
    out = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        out.append("" if rel == "." else rel + "/")
    return out


def pytest_generate_tests(metafunc):
    """Give `site_path` every page of the built site, so new pages are checked without new tests."""
    if "site_path" in metafunc.fixturenames:
        metafunc.parametrize("site_path", html_pages())


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site folder."""
    return built_site()[0]


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    """Serve the built site on 127.0.0.1 at the port it was built for; yield its root URL."""
    with sitecheck.serve(site_dir, built_site()[1]) as url:
        yield url


@pytest.fixture(scope="session")
def other_base_url(site_dir) -> str:
    """The same site on another port: not the address it was built for, so instant navigation is off.

    (Material matches links against the sitemap with the page's own host, so localhost instead of
    127.0.0.1 keeps it on; only another port or path turns it off.)
    """
    with sitecheck.serve(site_dir) as url:
        yield url


def find_chromium() -> str:
    """Find the system Chromium, or fail with a message that says how to install it."""
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    pytest.fail(
        "Chromium not found. Install it (Debian: sudo apt-get install chromium) or set CHROMIUM."
    )


@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright, started once per run (once per xdist worker)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """One headless system Chromium for the whole run, driven by Playwright."""
    chromium = playwright_driver.chromium.launch(
        executable_path=find_chromium(), args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()


# ---------- the same journeys in three engines (tests/engines.py) ----------


@pytest.fixture(scope="session")
def chromium_engine(playwright_driver):
    """The system Chromium for `tab`, with its back-forward cache on as in readers' browsers."""
    chromium = engines.launch_chromium(playwright_driver, find_chromium(), CHROMIUM_ARGS)
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
    engine = request.getfixturevalue(f"{request.param}_engine")
    opened = engines.ChromiumTab(engine) if request.param == "chromium" else engine.new_tab()
    yield opened
    opened.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile (empty storage) for one test."""
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def nojs_page(browser):
    """A new tab in a fresh profile with JavaScript turned off."""
    ctx = browser.new_context(java_script_enabled=False)
    tab = ctx.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    ctx.close()


@pytest.fixture
def page(context):
    """A new tab in a fresh profile."""
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    tab.close()
