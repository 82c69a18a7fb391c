"""One small driver API over three browser engines, so a reader's journey is written once.

Chromium through Playwright, Debian's Firefox ESR over WebDriver BiDi (a small client below),
and WebKitGTK through Selenium and WebKitWebDriver under an Xvfb of its own. A `Tab` is one
fresh tab: `goto`, `reload`, `back`, `js`, `wait_for`, `click`, `fill`, `check`, `select`,
`errors` and `pdf`. Scripts run as function bodies that `return` a JSON-able value, and see
their arguments as `arguments[0]`, `arguments[1]`, ...
"""

import base64
import contextlib
import glob
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import warnings
from collections.abc import Callable

ENGINES = ("chromium", "firefox", "webkit")
INSTALL = "apt-get install chromium firefox-esr webkit2gtk-driver xvfb xauth"
FIREFOX = "firefox-esr"
WEBKIT_DRIVER = "WebKitWebDriver"
MINIBROWSER = "/usr/lib/*/webkit2gtk-4.1/MiniBrowser"  # from libwebkit2gtk-4.1-0, any architecture
XVFB = "Xvfb"
# Every tab starts at this size (WebKit's window will not go below about 447 px wide).
WIDTH, HEIGHT = 1280, 800
# Paper sizes in centimetres, as WebDriver BiDi takes them, and as CSS lengths for Playwright.
PAPER_CM = {"a4": (21.0, 29.7), "letter": (21.59, 27.94)}
PAPER_CSS = {"a4": ("210mm", "297mm"), "letter": ("8.5in", "11in")}
# Kept by the test server's errors.js (see sitecheck.py) where the engine gives no error event.
ERRORS_KEY = "__closer_test.errors"
POLL = 0.05

# Firefox without a network: no updates, telemetry, safe browsing, captive portal checks, remote
# settings, studies, pocket or first-run pages. Anything that would call home is turned off.
FIREFOX_PREFS = {
    "app.normandy.enabled": False,
    "app.normandy.api_url": "",
    "app.shield.optoutstudies.enabled": False,
    "app.update.auto": False,
    "app.update.checkInstallTime": False,
    "app.update.disabledForTesting": True,
    "app.update.enabled": False,
    "browser.aboutwelcome.enabled": False,
    "browser.discovery.enabled": False,
    "browser.newtabpage.activity-stream.feeds.section.topstories": False,
    "browser.newtabpage.activity-stream.feeds.snippets": False,
    "browser.newtabpage.activity-stream.feeds.system.topstories": False,
    "browser.newtabpage.activity-stream.feeds.telemetry": False,
    "browser.newtabpage.activity-stream.telemetry": False,
    "browser.newtabpage.enabled": False,
    "browser.ping-centre.telemetry": False,
    "browser.region.network.url": "",
    "browser.region.update.enabled": False,
    "browser.safebrowsing.blockedURIs.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.downloads.remote.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.provider.google.updateURL": "",
    "browser.safebrowsing.provider.google4.updateURL": "",
    "browser.safebrowsing.provider.mozilla.updateURL": "",
    "browser.search.geoip.url": "",
    "browser.search.update": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.firstrunSkipsHomepage": True,
    "browser.startup.homepage": "about:blank",
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "browser.tabs.warnOnClose": False,
    "browser.topsites.contile.enabled": False,
    "browser.urlbar.quicksuggest.enabled": False,
    "captivedetect.canonicalURL": "",
    "datareporting.healthreport.uploadEnabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.policy.firstRunURL": "",
    "dom.push.connection.enabled": False,
    "dom.push.serverURL": "",
    "extensions.getAddons.cache.enabled": False,
    "extensions.systemAddon.update.enabled": False,
    "extensions.update.enabled": False,
    "extensions.pocket.enabled": False,
    "geo.provider.network.url": "",
    "identity.fxaccounts.enabled": False,
    "media.gmp-gmpopenh264.enabled": False,
    "media.gmp-manager.url": "",
    "messaging-system.rsexperimentloader.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "network.trr.mode": 5,
    "nimbus.rollouts.enabled": False,
    "privacy.sanitize.sanitizeOnShutdown": False,
    "security.remote_settings.crlite_filters.enabled": False,
    "services.settings.server": "data:,#remote-settings-dummy/v1",
    "services.sync.enabled": False,
    "toolkit.telemetry.archive.enabled": False,
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.server": "",
    "toolkit.telemetry.unified": False,
    "toolkit.telemetry.updatePing.enabled": False,
    "toolkit.telemetry.shutdownPingSender.enabled": False,
    "toolkit.telemetry.firstShutdownPing.enabled": False,
    "toolkit.telemetry.newProfilePing.enabled": False,
    "toolkit.telemetry.bhrPing.enabled": False,
}


class EngineError(Exception):
    """A browser refused a command, or a page script threw."""


class NotSupported(EngineError):
    """The engine cannot do this over its automation protocol."""


def missing(what: str, binary: str) -> str:
    """The message for an engine that is not installed: what is missing and how to install it."""
    return f"{what} not found ({binary}). Install the browsers for the tests: {INSTALL}"


def wrap(body: str) -> str:
    """A function body as an expression that calls it with `args` and returns JSON text."""
    return (
        "(function () { const value = (function () {\n"
        + body
        + "\n}).apply(null, args); return value === undefined ? null : JSON.stringify(value); })()"
    )


class Tab:
    """One fresh tab in one engine. Subclasses say how; this class says what every tab can do."""

    engine = ""
    prints_pdf = True

    def goto(self, url: str):
        """Open a URL by a full load and wait until the new document has loaded."""
        token = self._mark()
        self._open(url)
        self._wait_for_new_document(token, f"{url} to load")

    def reload(self):
        """Reload the page and wait until the new document has loaded."""
        token = self._mark()
        self._reload()
        self._wait_for_new_document(token, "the page to reload")

    def back(self):
        """Go back one step in history and wait until that page shows."""
        before = self.url()
        self._traverse_back()
        self.wait_for(
            "return location.href !== arguments[0] && document.readyState === 'complete'",
            before,
            what=f"the page before {before} to show after Back",
        )

    def _mark(self) -> str:
        """Leave a token on the current window, so the next document can be told from this one."""
        token = os.urandom(8).hex()
        with contextlib.suppress(EngineError):
            self.js("window.__closerDocument = arguments[0]", token)
        return token

    def _wait_for_new_document(self, token: str, what: str):
        """Wait until a document without the token has loaded (engines answer "loaded" early)."""
        self.wait_for(
            "return window.__closerDocument !== arguments[0] && document.readyState === 'complete'",
            token,
            what=what,
        )

    def _open(self, url: str):
        """Ask the engine to navigate to a URL."""
        raise NotImplementedError

    def _reload(self):
        """Ask the engine to reload the page."""
        raise NotImplementedError

    def _traverse_back(self):
        """Ask the engine for one step back in history."""
        raise NotImplementedError

    def js(self, body: str, *args):
        """Run a JavaScript function body in the page; arguments and result go through JSON."""
        raw = self._run(wrap(body), json.dumps(list(args)))
        return None if raw is None else json.loads(raw)

    def _run(self, expression: str, args_json: str):
        """Evaluate `expression` with `args` bound to the parsed `args_json`; return its text."""
        raise NotImplementedError

    def url(self) -> str:
        """The address of the page on show."""
        return self.js("return location.href")

    def wait_for(self, predicate: str, *args, timeout: float = 10, what: str = ""):
        """Poll a JavaScript function body until it returns something truthy; fail if it never does."""
        deadline = time.monotonic() + timeout
        last = None
        while True:
            try:
                value = self.js(predicate, *args)
                if value:
                    return value
                last = f"it returned {value!r}"
            except EngineError as error:  # e.g. mid-navigation, no document to run in
                last = f"it threw: {error}"
            if time.monotonic() > deadline:
                try:
                    where = self.js("return location.href + ' (' + document.readyState + ')'")
                except EngineError as error:
                    where = f"unknown ({error})"
                raise AssertionError(
                    f"[{self.engine}] waited {timeout} s for {what or predicate}; last time {last};"
                    f" the tab was at {where}"
                )
            time.sleep(POLL)

    def click(self, css: str, dialog: str | None = None) -> str | None:
        """Click the element (a real click); with dialog="accept"/"dismiss", answer the dialog it opens.

        Returns the dialog's message, and fails when a dialog was expected and none opened.
        """
        raise NotImplementedError

    def fill(self, css: str, text: str):
        """Replace a text field's value by typing `text` into it."""
        raise NotImplementedError

    def check(self, css: str):
        """Tick a checkbox or choose a radio button by clicking it, unless it already is."""
        if not self.js("return document.querySelector(arguments[0]).checked", css):
            self.click(css)
        self.wait_for(
            "return document.querySelector(arguments[0]).checked", css, what=f"{css} to be checked"
        )

    def select(self, css: str, value: str):
        """Choose the option with this value in a <select>, as a reader picking it would."""
        self.js(
            """const select = document.querySelector(arguments[0]);
            select.value = arguments[1];
            if (select.value !== arguments[1]) throw new Error("no option " + arguments[1]);
            select.dispatchEvent(new Event("input", {bubbles: true}));
            select.dispatchEvent(new Event("change", {bubbles: true}));""",
            css,
            value,
        )

    def errors(self) -> list[str]:
        """Uncaught script errors and unhandled rejections seen in this tab so far."""
        raise NotImplementedError

    def pdf(self, paper: str) -> bytes:
        """Print the page to PDF on `paper` ("a4" or "letter"): margins 0, backgrounds, no shrinking."""
        raise NotSupported(f"{self.engine} cannot print to PDF over its automation protocol")

    def close(self):
        """Close the tab and forget its storage."""


# ---------- Chromium: Playwright ----------


class ChromiumTab(Tab):
    """A page in a fresh Playwright browser context."""

    engine = "chromium"

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.seen_errors = []
        self.page.on("pageerror", lambda error: self.seen_errors.append(str(error)))

    def _open(self, url):
        """Playwright's goto, until the load event."""
        self.page.goto(url, wait_until="load")

    def _reload(self):
        """Playwright's reload, until the load event."""
        self.page.reload(wait_until="load")

    def _traverse_back(self):
        """Go back; a page from the back-forward cache fires no load event, so wait for the commit."""
        self.page.go_back(wait_until="commit")

    def _run(self, expression, args_json):
        """Evaluate through Playwright, which is not bound by the page's Content-Security-Policy."""
        from playwright.sync_api import Error

        try:
            return self.page.evaluate(
                f"(argsJson) => {{ const args = JSON.parse(argsJson); return {expression}; }}",
                args_json,
            )
        except Error as error:
            raise EngineError(str(error)) from None

    def click(self, css, dialog=None):
        """Click with Playwright (it waits until the element can take a real click)."""
        messages = []
        if dialog:

            def answer(prompt):
                messages.append(prompt.message)
                prompt.accept() if dialog == "accept" else prompt.dismiss()

            self.page.once("dialog", answer)
        self.page.click(css)
        return expect_dialog(self, css, dialog, messages)

    def fill(self, css, text):
        """Playwright's fill: focus the field, then put the text in as one input event."""
        self.page.fill(css, text)

    def select(self, css, value):
        """Choose an option with Playwright."""
        self.page.select_option(css, value)

    def errors(self):
        """Uncaught errors Playwright reported for this page."""
        return list(self.seen_errors)

    def pdf(self, paper):
        """Chromium's PDF: the page's own @page size wins over the one asked for, as it should."""
        width, height = PAPER_CSS[paper]
        return self.page.pdf(
            width=width,
            height=height,
            margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
            print_background=True,
            prefer_css_page_size=True,
            scale=1,
        )

    def close(self):
        """Close the context, and with it the tab's storage."""
        self.context.close()


def launch_chromium(playwright, executable: str, args: list[str]):
    """Start the system Chromium with its back-forward cache on, as readers have it.

    Playwright turns the cache off by default (--disable-back-forward-cache); without it,
    Back never shows a page the way a reader's Chrome does.
    """
    return playwright.chromium.launch(
        executable_path=executable, args=args, ignore_default_args=["--disable-back-forward-cache"]
    )


def expect_dialog(tab: Tab, css: str, dialog: str | None, messages: list[str]) -> str | None:
    """Return the answered dialog's message; fail when one was expected and none came."""
    if not dialog:
        return None
    if not messages:
        raise AssertionError(f"[{tab.engine}] clicking {css} opened no dialog")
    return messages[0]


# ---------- Firefox: WebDriver BiDi ----------


class BiDi:
    """A small synchronous WebDriver BiDi client: commands by id, events to whoever listens."""

    def __init__(self, url: str):
        import websocket

        # Firefox refuses a handshake that carries an Origin header.
        self.socket = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.last_id = 0
        self.results = {}
        self.unanswered = set()  # commands posted without waiting; their results are dropped
        self.listeners: list[Callable[[dict], None]] = []

    def post(self, method: str, params: dict) -> int:
        """Send a command without waiting for its result; return its id."""
        self.last_id += 1
        self.socket.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        return self.last_id

    def send(self, method: str, params: dict, timeout: float = 60) -> dict:
        """Send a command and wait for its result; events that arrive meanwhile go to listeners."""
        command = self.post(method, params)
        deadline = time.monotonic() + timeout
        while command not in self.results:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise EngineError(f"firefox: no answer to {method} in {timeout} s")
            self.receive(remaining)
        reply = self.results.pop(command)
        if reply.get("type") == "error":
            raise EngineError(f"firefox: {method}: {reply['error']}: {reply.get('message')}")
        return reply["result"]

    def receive(self, timeout: float):
        """Read one message: keep a result, or hand an event to the listeners."""
        import websocket

        self.socket.settimeout(timeout)
        try:
            message = json.loads(self.socket.recv())
        except websocket.WebSocketTimeoutException:
            return
        if message.get("type") == "event":
            for listener in list(self.listeners):
                listener(message)
        elif message.get("id") in self.unanswered:
            self.unanswered.discard(message["id"])
        elif "id" in message:
            self.results[message["id"]] = message

    def drain(self, seconds: float):
        """Read whatever arrives for a short while (events, late results)."""
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            self.receive(remaining)

    def close(self):
        """Close the socket."""
        with contextlib.suppress(Exception):
            self.socket.close()


# Firefox logs, as an error, a background fetch the service worker could not finish because the
# page moved on (the search index, its worker's script and the sitemap, which Material fetches
# after load): the network's doing, not a script's. The offline tests check what the worker answers.
CUT_OFF_IN_FIREFOX = re.compile(
    r"^Failed to load ‘[^’]*/(?:search/search_index\.json|sitemap\.xml"
    r"|assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)’\. "
    r"A ServiceWorker intercepted the request and encountered an unexpected error\.$"
)


class Firefox:
    """A headless firefox-esr in a temporary profile, and one WebDriver BiDi session with it."""

    def __init__(self):
        binary = shutil.which(FIREFOX)
        if not binary:
            raise FileNotFoundError(missing("Firefox", FIREFOX))
        self.profile = tempfile.mkdtemp(prefix="closer-firefox-")
        with open(os.path.join(self.profile, "user.js"), "w", encoding="utf-8") as prefs:
            for name, value in FIREFOX_PREFS.items():
                prefs.write(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n")
        self.process = subprocess.Popen(
            [binary, "--headless", "--no-remote", "--profile", self.profile]
            + ["--remote-debugging-port=0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, so closing it ends its children
        )
        self.log: list[str] = []
        lines = queue.Queue()
        threading.Thread(target=self._read_stderr, args=(lines,), daemon=True).start()
        url = None
        deadline = time.monotonic() + 60
        while url is None:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None or time.monotonic() > deadline:
                self.close()
                raise EngineError("firefox did not start:\n" + "".join(self.log[-20:]))
            found = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
            url = found and found.group(1)
        self.bidi = BiDi(url + "/session")
        # Dialogs wait for the tab to answer them (see FirefoxTab.click); without "ignore",
        # Firefox dismisses each one itself before anyone hears of it.
        capabilities = {"unhandledPromptBehavior": {"default": "ignore"}}
        self.bidi.send("session.new", {"capabilities": {"alwaysMatch": capabilities}})

    def _read_stderr(self, lines: queue.Queue):
        """Keep reading Firefox's stderr (a full pipe would stall it); pass lines on."""
        for line in self.process.stderr:
            self.log.append(line)
            del self.log[:-200]
            lines.put(line)
        lines.put(None)

    def new_tab(self) -> "FirefoxTab":
        """A tab in a new user context: its own storage, cookies and cache."""
        return FirefoxTab(self.bidi)

    def close(self):
        """End the session, stop Firefox and its child processes, and delete the profile."""
        if hasattr(self, "bidi"):
            with contextlib.suppress(Exception):
                self.bidi.send("session.end", {}, timeout=5)
            self.bidi.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


class FirefoxTab(Tab):
    """A top-level browsing context in its own user context, driven over WebDriver BiDi."""

    engine = "firefox"

    def __init__(self, bidi: BiDi):
        self.bidi = bidi
        self.user_context = bidi.send("browser.createUserContext", {})["userContext"]
        self.context = bidi.send(
            "browsingContext.create", {"type": "tab", "userContext": self.user_context}
        )["context"]
        bidi.send(
            "browsingContext.setViewport",
            {"context": self.context, "viewport": {"width": WIDTH, "height": HEIGHT}},
        )
        self.seen_errors = []
        self.dialog_answer = None
        self.dialog_messages = []
        self.subscription = bidi.send(
            "session.subscribe",
            {
                "events": ["log.entryAdded", "browsingContext.userPromptOpened"],
                "contexts": [self.context],
            },
        ).get("subscription")
        bidi.listeners.append(self._on_event)

    def _on_event(self, message: dict):
        """Keep script errors; answer a dialog as asked (or dismiss one nobody expected)."""
        params = message["params"]
        if message["method"] == "log.entryAdded":
            text = params.get("text", "")
            error = params.get("type") == "javascript" and params.get("level") == "error"
            if error and not CUT_OFF_IN_FIREFOX.search(text):
                self.seen_errors.append(text)
        elif message["method"] == "browsingContext.userPromptOpened":
            self.dialog_messages.append(params.get("message", ""))
            accept = self.dialog_answer == "accept"
            self.bidi.unanswered.add(
                self.bidi.post(
                    "browsingContext.handleUserPrompt",
                    {"context": params["context"], "accept": accept},
                )
            )

    def _open(self, url):
        """browsingContext.navigate, waiting for "complete"."""
        self.bidi.send(
            "browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"}
        )

    def _reload(self):
        """browsingContext.reload, waiting for "complete"."""
        self.bidi.send("browsingContext.reload", {"context": self.context, "wait": "complete"})

    def _traverse_back(self):
        """Traverse history one step back."""
        self.bidi.send("browsingContext.traverseHistory", {"context": self.context, "delta": -1})

    def _call(self, declaration: str, *args: dict, own: bool = False) -> dict:
        """Call a function in the page with BiDi-serialised arguments; return the remote value."""
        params = {
            "functionDeclaration": declaration,
            "arguments": list(args),
            "target": {"context": self.context},
            "awaitPromise": False,
        }
        if own:
            params["resultOwnership"] = "root"
        result = self.bidi.send("script.callFunction", params)
        if result["type"] == "exception":
            details = result["exceptionDetails"]
            raise EngineError(f"firefox: script threw: {details.get('text')}")
        return result["result"]

    def _run(self, expression, args_json):
        """Evaluate with script.callFunction, which the page's Content-Security-Policy does not bind."""
        result = self._call(
            f"function (argsJson) {{ const args = JSON.parse(argsJson); return {expression}; }}",
            {"type": "string", "value": args_json},
        )
        return result.get("value") if result["type"] == "string" else None

    def _element(self, css: str, guard: bool = False) -> dict:
        """Scroll an element to the middle of the view and return its reference.

        With `guard`, mouse events that land anywhere else (say the page scrolled between aiming
        and clicking) are stopped before the page sees them, and `window.__closerMissed` says so.
        """
        found = self._call(
            """function (css, guard) {
              const el = document.querySelector(css);
              if (!el) throw new Error("no element matches " + css);
              el.scrollIntoView({block: "center", inline: "center", behavior: "instant"});
              const box = el.getBoundingClientRect();
              if (!box.width || !box.height) throw new Error(css + " is not visible");
              const owns = t => !!t && (el.contains(t) || [...(el.labels || [])].some(l => l.contains(t)));
              const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
              if (!owns(hit)) throw new Error(css + " is covered by " + (hit ? hit.outerHTML.slice(0, 120) : "nothing"));
              if (guard) {
                window.__closerMissed = false;
                const types = ["pointerdown", "mousedown", "pointerup", "mouseup", "click"];
                const stop = event => {
                  if (owns(event.target)) return;
                  const target = event.target;
                  window.__closerMissed = event.type + " on " + (target.outerHTML || target.nodeName).slice(0, 100)
                    + " at " + event.clientX + "," + event.clientY + ", aimed at " + JSON.stringify(el.getBoundingClientRect());
                  event.preventDefault();
                  event.stopImmediatePropagation();
                };
                // One guard at a time, and none left behind in a page kept in the back-forward cache.
                if (window.__closerUnguard) window.__closerUnguard();
                const unguard = () => {
                  types.forEach(type => window.removeEventListener(type, stop, true));
                  window.removeEventListener("pagehide", unguard);
                  delete window.__closerUnguard;
                };
                types.forEach(type => window.addEventListener(type, stop, true));
                window.addEventListener("pagehide", unguard);
                window.__closerUnguard = unguard;
              }
              return el;
            }""",
            {"type": "string", "value": css},
            {"type": "boolean", "value": guard},
            own=True,
        )
        return {"sharedId": found["sharedId"]}

    def click(self, css, dialog=None):
        """A real mouse click in the middle of the element, through input.performActions."""
        self.dialog_answer = dialog
        self.dialog_messages = []
        source = {"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}}
        for _ in range(3):
            element = self._element(css, guard=True)
            move = {"type": "pointerMove", "x": 0, "y": 0}
            move["origin"] = {"type": "element", "element": element}
            actions = [
                move,
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0},
            ]
            self.bidi.send(
                "input.performActions",
                {"context": self.context, "actions": [dict(source, actions=actions)]},
            )
            # After a click that leaves the page, the new page has no guard: nothing was missed.
            try:
                missed = self.js(
                    "const missed = window.__closerMissed || '';"
                    " if (window.__closerUnguard) window.__closerUnguard();"
                    " delete window.__closerMissed; return missed;"
                )
            except EngineError:  # the page is on its way out
                missed = False
            if not missed:
                break
        else:
            raise EngineError(f"firefox: three clicks aimed at {css} landed elsewhere: {missed}")
        if dialog:
            deadline = time.monotonic() + 5
            while not self.dialog_messages and time.monotonic() < deadline:
                self.bidi.drain(POLL)
        self.dialog_answer = None
        return expect_dialog(self, css, dialog, self.dialog_messages)

    def fill(self, css, text):
        """Empty the field, then type the text key by key."""
        self._element(css)
        self.js(
            """const el = document.querySelector(arguments[0]);
            el.focus();
            el.value = "";
            el.dispatchEvent(new Event("input", {bubbles: true}));""",
            css,
        )
        keys = []
        for char in text:
            char = "\ue007" if char == "\n" else char
            keys += [{"type": "keyDown", "value": char}, {"type": "keyUp", "value": char}]
        self.bidi.send(
            "input.performActions",
            {"context": self.context, "actions": [{"type": "key", "id": "keys", "actions": keys}]},
        )

    def errors(self):
        """Script errors from log.entryAdded for this tab (and its frames)."""
        self.bidi.drain(0.01)
        return list(self.seen_errors)

    def pdf(self, paper):
        """browsingContext.print at the paper's size: margins 0, backgrounds, no shrink-to-fit."""
        width, height = PAPER_CM[paper]
        result = self.bidi.send(
            "browsingContext.print",
            {
                "context": self.context,
                "background": True,
                "margin": {"top": 0, "bottom": 0, "left": 0, "right": 0},
                "page": {"width": width, "height": height},
                "orientation": "portrait",
                "scale": 1,
                "shrinkToFit": False,
            },
        )
        return base64.b64decode(result["data"])

    def close(self):
        """Close the tab and remove its user context (its storage goes with it)."""
        self.bidi.listeners.remove(self._on_event)
        with contextlib.suppress(EngineError):
            if self.subscription:
                self.bidi.send("session.unsubscribe", {"subscriptions": [self.subscription]})
            self.bidi.send("browsingContext.close", {"context": self.context})
            self.bidi.send("browser.removeUserContext", {"userContext": self.user_context})


# ---------- WebKit: Selenium + WebKitWebDriver ----------


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """Start an Xvfb on a free display (it picks one with -displayfd); return it and ":N"."""
    binary = shutil.which(XVFB)
    if not binary:
        raise FileNotFoundError(missing("Xvfb", XVFB))
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [binary, "-displayfd", str(write_end), "-screen", "0", "1600x1200x24", "-nolisten", "tcp"],
        pass_fds=[write_end],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    number = b""
    with os.fdopen(read_end, "rb") as pipe:
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                process.kill()
                raise EngineError("Xvfb did not start")
            number += chunk
    return process, ":" + number.decode().strip()


class WebKit:
    """MiniBrowser (WebKitGTK) driven by WebKitWebDriver through Selenium, under its own Xvfb."""

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.service import Service

        driver = shutil.which(WEBKIT_DRIVER)
        browsers = sorted(glob.glob(MINIBROWSER))
        if not driver or not browsers:
            raise FileNotFoundError(
                missing("WebKitGTK's WebDriver", f"{WEBKIT_DRIVER}, MiniBrowser")
            )
        self.xvfb, display = start_xvfb()
        options = webdriver.WebKitGTKOptions()
        options.binary_location = browsers[0]
        options.add_argument("--automation")
        service = Service(executable_path=driver, env=dict(os.environ, DISPLAY=display))
        try:
            with warnings.catch_warnings():
                # Selenium's own WebKitGTK class still sets an address the way it deprecates.
                warnings.filterwarnings("ignore", "setting remote_server_addr", DeprecationWarning)
                self.driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self.xvfb.kill()
            self.xvfb.wait()
            raise
        self.driver.set_script_timeout(30)
        self.driver.set_page_load_timeout(30)

    def new_tab(self) -> "WebKitTab":
        """The one window, emptied: WebKit has no fresh profile per tab over WebDriver."""
        return WebKitTab(self.driver)

    def close(self):
        """Quit the browser and its driver, then stop Xvfb."""
        with contextlib.suppress(Exception):
            self.driver.quit()
        self.xvfb.terminate()
        try:
            self.xvfb.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.xvfb.kill()
            self.xvfb.wait()


# The one WebKit window outlives each test: its service workers and caches must go with it.
# (WebKit answers an unregister only after every registration job queued before it: under load,
# now and then, that is half a minute. Left pending, the next test's "clear everything" waits.)
FORGET_WORKERS = """const done = arguments[arguments.length - 1];
Promise.all([
  navigator.serviceWorker ? navigator.serviceWorker.getRegistrations() : [],
  window.caches ? caches.keys() : [],
]).then(([registrations, names]) => Promise.all([
  ...registrations.map((r) => r.unregister()),
  ...names.map((name) => caches.delete(name)),
])).then(() => done(true), () => done(false));"""


class WebKitTab(Tab):
    """The WebKit window, reset between tests: storage, cookies and history left behind."""

    engine = "webkit"
    prints_pdf = False

    def __init__(self, driver):
        self.driver = driver
        self.origins = set()
        driver.set_window_size(WIDTH, HEIGHT)

    def _open(self, url):
        """Selenium's get (the normal page-load strategy waits for the load event)."""
        self.driver.get(url)
        self.origins.add(re.match(r"https?://[^/]+/", url).group(0))

    def _reload(self):
        """Selenium's refresh."""
        self.driver.refresh()

    def _traverse_back(self):
        """Selenium's Back."""
        self.driver.back()

    def _run(self, expression, args_json):
        """Run through WebDriver's Execute Script."""
        from selenium.common.exceptions import WebDriverException

        try:
            return self.driver.execute_script(
                f"const args = JSON.parse(arguments[0]); return {expression};", args_json
            )
        except WebDriverException as error:
            raise EngineError(f"webkit: {error.msg}") from None

    def click(self, css, dialog=None):
        """WebDriver's Element Click: refuses a covered element, else clicks for real."""
        from selenium.common.exceptions import NoAlertPresentException
        from selenium.webdriver.common.by import By

        element = self.driver.find_element(By.CSS_SELECTOR, css)
        # WebKitWebDriver scrolls the element to the top edge, under the site's sticky header,
        # and then refuses the click as covered: bring it to the middle first, as a reader would.
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'})",
            element,
        )
        element.click()
        messages = []
        deadline = time.monotonic() + (5 if dialog else 0)
        while dialog and not messages:
            try:
                alert = self.driver.switch_to.alert
                messages.append(alert.text)
                alert.accept() if dialog == "accept" else alert.dismiss()
            except NoAlertPresentException:
                if time.monotonic() > deadline:
                    break
                time.sleep(POLL)
        return expect_dialog(self, css, dialog, messages)

    def fill(self, css, text):
        """Clear the field and type into it with WebDriver's Element Send Keys."""
        from selenium.webdriver.common.by import By

        field = self.driver.find_element(By.CSS_SELECTOR, css)
        field.clear()
        field.send_keys(text)

    def errors(self):
        """What the test server's errors.js kept in this tab's sessionStorage."""
        found = self.js(
            "try { return JSON.parse(sessionStorage.getItem(arguments[0]) || '[]'); }"
            " catch (e) { return window.__closerErrors || []; }",
            ERRORS_KEY,
        )
        return list(found or [])

    def close(self):
        """Empty storage on every origin this tab opened, delete cookies, leave a blank page."""
        for origin in sorted(self.origins):
            with contextlib.suppress(Exception):
                self.driver.get(origin + "__closer_test/blank.html")
                self.driver.execute_script("localStorage.clear(); sessionStorage.clear();")
                self.driver.execute_async_script(FORGET_WORKERS)
                self.driver.delete_all_cookies()
        with contextlib.suppress(Exception):
            self.driver.get("about:blank")
