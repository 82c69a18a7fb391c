"""MkDocs adapter for Closer: a thin layer over the plain modules in hooks/closer/.

MkDocs calls the module-level `on_*` functions below; they are the methods of one object, `CLOSER`,
which is the only thing that lives from one build to the next (MkDocs keeps this module loaded
while `mkdocs serve` runs).
"""

import logging
from pathlib import Path
from urllib.parse import urlsplit

from closer import navigation, offline, pages, policy, site
from closer.errors import DataError
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

log = logging.getLogger("mkdocs.hooks.closer")


class Closer:
    """What the hook knows across builds: whether this process serves, and this build's pages."""

    def __init__(self):
        """Start as a one-off build with no pages."""
        self.serving = False
        self.pages: list[pages.GeneratedPage] = []
        self.script_hashes: set[str] = set()

    def on_startup(self, command: str, dirty: bool) -> None:
        """Remember whether MkDocs builds once or serves (and so rebuilds on every edit)."""
        self.serving = command == "serve"

    def on_config(self, config):
        """Load the data and place its pages in the nav, before the site folder is cleaned."""
        root = Path(config.config_file_path).resolve().parent
        self.script_hashes = set()
        # One scope for Material's storage script on every page, so its inline script is the
        # same everywhere (the Content-Security-Policy lists each inline script's hash).
        config.extra["scope"] = urlsplit(config.site_url or "/").path or "/"
        # Pages register the service worker only in a built site: `mkdocs serve` shows every edit.
        config.extra["closer_serving"] = self.serving
        try:
            self.pages = site.generate(root, Path(config.docs_dir))
        except DataError as err:
            if not self.serving:
                raise PluginError(str(err)) from None
            self.pages = show_error(config, err)
        entries = [(p.nav[0], p.src_uri, p.nav[1]) for p in self.pages if p.nav]
        try:
            config.nav = navigation.place(config.nav or [], entries)
        except DataError as err:
            raise PluginError(str(err)) from None
        return config

    def on_files(self, files: Files, config) -> Files:
        """Add the generated pages to the site's files; keep the service worker for the end."""
        # MkDocs would copy docs/sw.js at the start of the build, without its version: a browser
        # checking for a new worker during the build would install that one. It is written,
        # stamped, in one step once the build is done (offline.write).
        worker = files.get_file_from_path(offline.WORKER)
        if worker:
            files.remove(worker)
        for page in self.pages:
            if files.get_file_from_path(page.src_uri):
                raise PluginError(f"docs/{page.src_uri} would hide a generated page; remove it")
            inclusion = InclusionLevel.INCLUDED if page.nav else InclusionLevel.NOT_IN_NAV
            files.append(
                File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
            )
        return files

    def on_post_page(self, output: str, page, config) -> str:
        """Give the page its Content-Security-Policy, with the hashes of its inline scripts."""
        return self.protect(output)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        """Give the theme's own pages (404.html) their policy too."""
        return self.protect(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config) -> None:
        """List the files for the offline copy; write `_headers` (the same policy, site-wide)."""
        offline.write(Path(config.site_dir), Path(config.docs_dir) / offline.WORKER)
        if not self.serving:
            text = policy.headers(sorted(self.script_hashes))
            (Path(config.site_dir) / "_headers").write_text(text, encoding="utf-8")

    def protect(self, html: str) -> str:
        """Fill in a page's policy, and remember its scripts for `_headers`."""
        html, hashes = policy.apply(html, self.serving)
        self.script_hashes.update(hashes)
        return html


def show_error(config, err: DataError) -> list[pages.GeneratedPage]:
    """Under `mkdocs serve`, build a site that shows a data error on every page.

    A failed build would leave `mkdocs serve` with nothing to show; instead every page carries the
    error at its top (overrides/main.html), and the pages the data would make are stand-ins that
    say what to fix. MkDocs keeps watching docs/, data/, overrides/ and hooks/ as usual, so the
    real site is back on the first save after the fix.
    """
    config.extra["closer_data_error"] = str(err)
    # Links into the pages that could not be made are expected to break until the fix.
    for group in (config.validation.links, config.validation.nav):
        for name in (
            "not_found",
            "anchors",
            "omitted_files",
            "absolute_links",
            "unrecognized_links",
        ):
            if hasattr(group, name):
                setattr(group, name, logging.DEBUG)
    serve_log().error(f"{err} (every page shows this until the file is fixed)")
    return pages.error_pages(str(err))


def serve_log() -> logging.Logger:
    """Return a logger that prints like MkDocs but is not counted by `--strict` (it would abort)."""
    logger = logging.getLogger("closer.serve")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


CLOSER = Closer()
on_startup = CLOSER.on_startup
on_config = CLOSER.on_config
on_files = CLOSER.on_files
on_post_page = CLOSER.on_post_page
on_post_template = CLOSER.on_post_template
on_post_build = CLOSER.on_post_build
