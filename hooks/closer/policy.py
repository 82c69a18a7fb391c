"""The Content-Security-Policy every page carries: nothing but this site, and the build's own scripts.

The browser then enforces what Closer promises (nothing leaves the reader's device): no script,
style, image, font or connection from anywhere else, and no inline script but those the build
wrote, each allowed by its hash. Static hosts differ, so each page carries the policy in a
<meta http-equiv>; `_headers` repeats it as real headers for hosts that read that file.
"""

import base64
import hashlib
import re

PLACEHOLDER = "__CLOSER_CSP__"
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:(?!\bsrc=)[^>])*)>(?P<body>.*?)</script>", re.S)
# Scripts with these types run as JavaScript; others (application/json) are data, which CSP ignores.
SCRIPT_TYPE = re.compile(r'\btype="(?!text/javascript"|module")[^"]*"')
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("manifest-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Only as a header: browsers ignore it in a <meta> policy.
HEADER_ONLY = "frame-ancestors 'none'"
# Features the site never uses, turned off for it and anything it could embed.
PERMISSIONS = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), "
    "screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()"
)


def inline_script_hashes(html: str) -> list[str]:
    """Return the CSP source ('sha256-...') of each inline script in a page, in order, once each."""
    found = []
    for match in INLINE_SCRIPT.finditer(html):
        if SCRIPT_TYPE.search(match["attrs"]):
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in found:
            found.append(source)
    return found


def policy(hashes: list[str], serving: bool = False) -> str:
    """Write the policy for pages whose inline scripts have these hashes.

    Under `mkdocs serve`, inline scripts are allowed instead: the live-reload script MkDocs adds
    to every page is inline and changes with each reload. Every other directive stays the same.
    """
    parts = []
    for name, sources in DIRECTIVES:
        if name == "script-src":
            sources += " 'unsafe-inline'" if serving else "".join(" " + h for h in sorted(hashes))
        parts.append(f"{name} {sources}")
    return "; ".join(parts)


def apply(html: str, serving: bool = False) -> tuple[str, list[str]]:
    """Fill a page's policy placeholder with its policy; return the page and its script hashes."""
    hashes = inline_script_hashes(html)
    return html.replace(PLACEHOLDER, policy(hashes, serving), 1), hashes


def headers(hashes: list[str]) -> str:
    """Write the `_headers` file (Netlify, Cloudflare Pages): the same policy, as real headers."""
    return (
        "# Written by the build (hooks/closer/policy.py). Hosts that read this file send these\n"
        "# headers with every page; the same policy is also in each page's <meta>.\n"
        "/*\n"
        f"  Content-Security-Policy: {policy(hashes)}; {HEADER_ONLY}\n"
        "  Referrer-Policy: no-referrer\n"
        "  X-Content-Type-Options: nosniff\n"
        f"  Permissions-Policy: {PERMISSIONS}\n"
    )
