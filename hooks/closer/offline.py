"""The offline copy: the list of the built site's files that the service worker (docs/sw.js) reads.

After the build, `write` lists every file of the site with its size and SHA-256 in `offline.json`,
marks the files that "Keep Closer on this device for offline use" downloads (the pages of the
kinds in KEPT_KINDS and every file those pages load), writes the size of that download into the
pages that mention it, and stamps the list's version into `sw.js`. A new build with any changed
file gives the worker a new version: browsers install it, and it replaces exactly what changed.
"""

import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

LIST = "offline.json"
WORKER = "sw.js"
# Files that are not the site's content: the worker and its list (read from the network, always),
# and the host's header rules (never served).
NOT_LISTED = {LIST, WORKER, "_headers"}
# The kinds of generated page (hooks/closer/pages.py) that the offline copy holds.
KEPT_KINDS = ("challenge", "day", "deck", "card", "print", "questions", "offline")
# What those pages need beyond their own files: instant navigation reads the sitemap, search its index.
KEPT_EXTRAS = ("sitemap.xml", "search/search_index.json")
# Written by the templates where a page states the size of the offline copy; filled in here.
SIZE_TOKEN = "CLOSER_OFFLINE_SIZE"
VERSION_TOKEN = "__CLOSER_OFFLINE_VERSION__"
FILLED = (".html", ".json")
PAGE_KIND = re.compile(r'\bdata-page-kind="([a-z0-9-]+)"')
# The rel values of <link> elements whose file a page needs to show as it should.
LINKED = {"stylesheet", "icon", "manifest", "apple-touch-icon", "preload", "modulepreload"}
ORIGIN = "http://site.invalid/"


class References(HTMLParser):
    """The site files a page loads: scripts, stylesheets, icons, images and the search worker."""

    def __init__(self):
        """Start with nothing found."""
        super().__init__()
        self.found: list[str] = []
        self._config = False

    def handle_starttag(self, tag, attrs):
        """Keep the address of anything the page loads."""
        attrs = dict(attrs)
        if tag in ("script", "img") and attrs.get("src"):
            self.found.append(attrs["src"])
        elif tag == "link" and LINKED & set((attrs.get("rel") or "").split()):
            self.found.append(attrs.get("href") or "")
        self._config = tag == "script" and attrs.get("id") == "__config"

    def handle_data(self, data):
        """Material names its search worker in the page's configuration."""
        if self._config:
            worker = json.loads(data).get("search")
            if worker:
                self.found.append(worker)
            self._config = False


def url_of(path: str) -> str:
    """Return the address of a built file under the site's root: 'cards/index.html' -> 'cards/'."""
    if path == "index.html":
        return ""
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def file_of(url: str) -> str:
    """Return the built file behind an address: 'cards/' -> 'cards/index.html'."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def references(html: str, url: str) -> set[str]:
    """Return the addresses (under the site's root) of the files the page at `url` loads."""
    parser = References()
    parser.feed(html)
    found = set()
    for ref in parser.found:
        target = urlsplit(urljoin(ORIGIN + url, ref))
        address = f"{target.scheme}://{target.netloc}{target.path}"
        if address.startswith(ORIGIN):
            found.add(address[len(ORIGIN) :])
    return found


def site_files(site: Path) -> dict[str, Path]:
    """Every listed file of the built site, by its address."""
    files = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and rel not in NOT_LISTED:
            files[url_of(rel)] = path
    return files


def kept(files: dict[str, Path]) -> set[str]:
    """Return what the offline copy holds: the kept kinds' pages and every file they load."""
    pages = set()
    for url, path in files.items():
        kind = PAGE_KIND.search(path.read_text("utf-8")) if path.suffix == ".html" else None
        if kind and kind.group(1) in KEPT_KINDS:
            pages.add(url)
    needed = set(pages) | set(KEPT_EXTRAS)
    for url in pages:
        needed |= references(files[url].read_text("utf-8"), url)
    return {url for url in needed if url in files}


def size_in_words(size: int) -> str:
    """Say a size as a phone shows it: '1.4 MB', '850 KB' (decimal units)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def fill_size(files: dict[str, Path], words: str) -> None:
    """Write the size of the offline copy wherever a page (or the search index) says it."""
    for path in files.values():
        if path.suffix in FILLED:
            text = path.read_text("utf-8")
            if SIZE_TOKEN in text:
                path.write_text(text.replace(SIZE_TOKEN, words), "utf-8")


def listing(files: dict[str, Path], keep: set[str], words: str) -> dict:
    """Make the list the worker reads: each file's address, size and SHA-256, kept ones marked."""
    entries = []
    for url, path in files.items():
        data = path.read_bytes()
        entry = {"url": url, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        if url in keep:
            entry["keep"] = True
        entries.append(entry)
    digest = hashlib.sha256(json.dumps(entries, sort_keys=True).encode("utf-8")).hexdigest()
    kept_size = sum(e["size"] for e in entries if e.get("keep"))
    return {
        "version": digest[:16],
        "keep": {"files": len(keep), "size": kept_size, "words": words},
        "files": entries,
    }


def write(site: Path, worker: Path) -> dict:
    """Write offline.json, the offline copy's size into the pages, and `worker` stamped as sw.js."""
    files = site_files(site)
    keep = kept(files)
    # Said once, before it is written into the pages (which changes their size by a few bytes).
    words = size_in_words(sum(files[url].stat().st_size for url in keep))
    fill_size(files, words)
    found = listing(files, keep, words)
    (site / LIST).write_text(json.dumps(found, separators=(",", ":")), "utf-8")
    if worker.is_file():
        write_whole(
            site / WORKER, worker.read_text("utf-8").replace(VERSION_TOKEN, found["version"])
        )
    return found


def write_whole(path: Path, text: str) -> None:
    """Write a file in one step: whoever reads it sees the old text or the new, never a part."""
    part = path.with_name(path.name + ".part")
    part.write_text(text, "utf-8")
    os.replace(part, path)
