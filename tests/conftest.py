"""Shared fixtures: one strict build of the site, a local static server, and a real Chromium."""

import functools
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

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


def find_chromium() -> str:
    """Find the system Chromium, or fail with a message that says how to install it."""
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    pytest.fail(
        "Chromium not found. Install it (Debian: sudo apt-get install chromium) or set CHROMIUM."
    )


@pytest.fixture(scope="session")
def browser():
    """One headless system Chromium for the whole run, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
