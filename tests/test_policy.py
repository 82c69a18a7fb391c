"""The Content-Security-Policy: on every page, the same in `_headers`, and enforced by the browser."""

import re
import shutil
from html.parser import HTMLParser

import pytest
import sitecheck
from closer import policy
from conftest import html_pages


class Head(HTMLParser):
    """The tags of a page's <head> in order, and the text of each inline script."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.tags, self.inline, self._script, self._in_head = [], [], None, True
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._in_head:
            self.tags.append((tag, attrs))
        if tag == "script" and "src" not in attrs and attrs.get("type") in (None, "module"):
            self._script = []

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if tag == "script" and self._script is not None:
            self.inline.append("".join(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)


def directives(text: str) -> dict[str, list[str]]:
    """Split a policy into {directive: [sources]}."""
    out = {}
    for part in text.split(";"):
        name, *sources = part.split()
        out[name] = sources
    return out


def page_policy(site_dir, rel: str) -> tuple[Head, str]:
    path = site_dir / rel / "index.html" if rel != "404" else site_dir / "404.html"
    head = Head(path.read_text("utf-8"))
    metas = [a for t, a in head.tags if t == "meta" and a.get("http-equiv")]
    assert len(metas) == 1, rel
    return head, metas[0]["content"]


def test_every_page_allows_only_this_site_and_its_own_inline_scripts(site_dir):
    for rel in [*html_pages(), "404"]:
        head, text = page_policy(site_dir, rel)
        # First in <head>, so it covers every script after it.
        first = head.tags[[t for t, _ in head.tags].index("head") + 1]
        assert first == ("meta", {"http-equiv": "Content-Security-Policy", "content": text}), rel
        assert ("meta", {"name": "referrer", "content": "no-referrer"}) in head.tags, rel
        rules = directives(text)
        assert rules["default-src"] == ["'self'"], rel
        assert rules["connect-src"] == ["'self'"] and rules["img-src"] == ["'self'", "data:"]
        assert rules["object-src"] == ["'none'"] and rules["base-uri"] == ["'self'"]
        assert rules["form-action"] == ["'self'"]
        assert "'unsafe-inline'" not in text and "'unsafe-eval'" not in text, rel
        hashes = sorted(
            policy.inline_script_hashes("".join(f"<script>{s}</script>" for s in head.inline))
        )
        assert rules["script-src"] == ["'self'", *hashes], rel
        assert len(hashes) == len(set(head.inline)) >= 3, rel


def test_headers_file_sends_the_same_policy_and_more(site_dir):
    text = (site_dir / "_headers").read_text("utf-8")
    headers = dict(re.findall(r"^  ([A-Za-z-]+): (.+)$", text, re.M))
    assert re.search(r"^/\*$", text, re.M), "the headers apply to every path"
    _, meta = page_policy(site_dir, "")
    assert headers["Content-Security-Policy"] == meta + "; frame-ancestors 'none'"
    for rel in html_pages():
        assert page_policy(site_dir, rel)[1] == meta, f"{rel} has a policy of its own"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in headers["Permissions-Policy"]


def test_under_serve_only_inline_scripts_are_relaxed():
    strict, serving = policy.policy(["'sha256-x'"]), policy.policy(["'sha256-x'"], serving=True)
    assert directives(serving)["script-src"] == ["'self'", "'unsafe-inline'"]
    assert {k: v for k, v in directives(serving).items() if k != "script-src"} == {
        k: v for k, v in directives(strict).items() if k != "script-src"
    }


RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.mark.browser
def test_the_browser_blocks_an_injected_script_and_an_outside_image(page, site_dir, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    about = site / "about" / "index.html"
    html = about.read_text("utf-8")
    injected = (
        "<script>window.__ran = true</script>"
        '<img src="http://127.0.0.2:9/tracker.png" alt="">'
        '<script src="http://127.0.0.2:9/tracker.js"></script>'
    )
    about.write_text(html.replace("</article>", injected + "</article>", 1), "utf-8")
    failed = {}
    page.on("requestfailed", lambda request: failed.setdefault(request.url, request.failure))
    page.add_init_script(RECORD_VIOLATIONS)
    with sitecheck.serve(site) as url:
        page.goto(url + "about/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__ran") is None
        seen = page.evaluate("window.__violations")
    assert any(v.startswith("script-src-elem inline") for v in seen), seen
    assert any(v.startswith("img-src http://127.0.0.2:9/tracker.png") for v in seen), seen
    assert any(v.startswith("script-src-elem http://127.0.0.2:9/tracker.js") for v in seen), seen
    # Blocked by the policy before any connection, not merely unanswered.
    outside = {u: why for u, why in failed.items() if "127.0.0.2" in u}
    assert set(outside) == {"http://127.0.0.2:9/tracker.png", "http://127.0.0.2:9/tracker.js"}
    assert set(outside.values()) == {"csp"}, outside
