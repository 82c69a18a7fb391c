/*
 * Closer's shared browser code, on every page: the one door to the browser's storage, and the one
 * way a feature script starts. Feature scripts (deck.js, challenge.js, ...) load with the pages
 * that use them and build on window.closer.
 */
(() => {
  if (window.closer) return;

  const PREFIX = "closer.";
  const started = {};
  const pageSetups = [];

  /* ---------- storage: namespaced keys, reads that never throw ---------- */

  /* Storage can be missing or throw (some private modes): every call here survives that. */
  function store() {
    try {
      return window.localStorage || null;
    } catch (_e) {
      return null;
    }
  }

  /* Whether writes work, tested once per page load with a key that is removed at once. */
  let writable = null;
  function available() {
    if (writable === null) {
      try {
        const s = store();
        s.setItem(`${PREFIX}probe`, "1");
        s.removeItem(`${PREFIX}probe`);
        writable = true;
      } catch (_e) {
        writable = false;
      }
    }
    return writable;
  }

  /* A saved value, parsed; null when there is none, undefined when it is not valid JSON. */
  function read(key) {
    try {
      const raw = store().getItem(PREFIX + key);
      return raw === null ? null : JSON.parse(raw);
    } catch (_e) {
      return store() ? undefined : null;
    }
  }

  function write(key, value) {
    try {
      store().setItem(PREFIX + key, JSON.stringify(value));
      return true;
    } catch (_e) {
      return false;
    }
  }

  function remove(key) {
    try {
      store().removeItem(PREFIX + key);
    } catch (_e) {
      /* blocked storage: nothing to remove */
    }
  }

  /* Ours, plus the light/dark choice that Material keeps under "<site path>.__palette". */
  function keys() {
    const out = [];
    try {
      const s = store();
      for (let i = 0; i < s.length; i++) {
        const k = s.key(i);
        if (k && (k.indexOf(PREFIX) === 0 || /(^|\.)__palette$/.test(k))) out.push(k);
      }
    } catch (_e) {
      /* blocked storage: nothing of ours is there */
    }
    return out;
  }

  /* Remove everything Closer keeps on this device; return how many items there were. */
  function clearAll() {
    const all = keys();
    all.forEach((k) => {
      try {
        store().removeItem(k);
      } catch (_e) {
        /* blocked storage */
      }
    });
    return all.length;
  }

  /* ---------- start-up: once per tab, then on every page ---------- */

  /*
   * Start a feature: `start` runs once per browser tab (add listeners on document there) and
   * returns the setup to run on every page: on a full load, after each instant navigation
   * (Material's document$ replays the current page to a late subscriber), and when a page comes
   * back from the back-forward cache (the page is as the reader left it, which may no longer
   * match what is saved). A setup must be safe to run twice on the same page. Once it has run,
   * the page's <article> lists the feature in data-closer-set-up (tests wait for that).
   */
  function feature(name, start) {
    scriptRan();
    if (started[name]) return;
    started[name] = true;
    let pageSetup;
    const run = () => {
      if (pageSetup === undefined) pageSetup = start() || null;
      if (!pageSetup) return;
      pageSetup();
      const article = document.querySelector("article");
      if (!article) return;
      const done = new Set((article.dataset.closerSetUp || "").split(" ").filter(Boolean));
      done.add(name);
      article.dataset.closerSetUp = [...done].join(" ");
    };
    const setup = () => whenScriptsRan(run);
    pageSetups.push(setup);
    if (window.document$) window.document$.subscribe(setup);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
    else setup();
  }

  /*
   * After instant navigation, Material loads the new page's scripts all at once, so they run in
   * any order, and may announce the page before they have. A feature starts, and sets up a page,
   * only once every script the page names (data-closer-script, overrides/main.html) has run, so
   * one script can use another (print.js uses paper.js). Scripts that are not features say they
   * have run with closer.scriptRan().
   */
  const ran = new Set();
  const waiting = [];

  function fileOf(script) {
    return script?.src ? new URL(script.src, location.href).pathname.split("/").pop() : null;
  }

  function scriptsRan() {
    return Array.from(document.querySelectorAll("script[data-closer-script]")).every((script) =>
      ran.has(fileOf(script)),
    );
  }

  function scriptRan() {
    const name = fileOf(document.currentScript);
    if (name) ran.add(name);
    if (waiting.length && scriptsRan()) {
      for (const run of waiting.splice(0)) run();
    }
  }

  function whenScriptsRan(run) {
    if (scriptsRan()) run();
    else if (waiting.indexOf(run) === -1) waiting.push(run);
  }

  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    pageSetups.forEach((setup) => {
      setup();
    });
  });

  /* The value of a named control inside `root`: a select's value, the checked radio's value, or
     whether a checkbox is ticked. */
  function field(root, name) {
    const controls = root.querySelectorAll(`[name="${name}"]`);
    const first = controls[0];
    if (!first) return null;
    if (first.type === "checkbox") return first.checked;
    if (first.type === "radio") return Array.from(controls).find((c) => c.checked)?.value ?? null;
    return first.value;
  }

  /* ---------- quick exit: "Leave this site" ---------- */

  /*
   * Leave for the neutral site the link names, replacing this page in the tab's history so Back
   * does not return here. (Without JavaScript the link still leaves, but Back returns.) The page
   * is blanked first, in case the other site is slow to load.
   */
  function leave(link) {
    document.body.hidden = true;
    document.title = "";
    window.location.replace(link.href);
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("[data-quick-exit]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    leave(link);
  });

  /* Escape twice within a second, from anywhere on the page. */
  let lastEscape = 0;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const now = Date.now();
    const link = document.querySelector("[data-quick-exit]");
    if (link && now - lastEscape < 1000) leave(link);
    lastEscape = now;
  });

  /* Material's search dialog has no name (axe: aria-dialog-name): give it its search box's name. */
  const search = document.querySelector('.md-search[role="dialog"]');
  const searchBox = document.querySelector(".md-search__input");
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", searchBox?.getAttribute("aria-label") || "Search");
  }

  /* Controls that need storage are hidden, from the first paint, where it does not work. */
  if (!available()) document.documentElement.classList.add("closer-no-storage");

  /* ---------- the service worker (sw.js): pages kept for offline use ---------- */

  /*
   * Registered once the first page has loaded, from the address in <meta name="closer-worker">.
   * Under `mkdocs serve` (data-serving) it is not, and a worker left from a built copy of the site
   * at the same address is removed, so an author's edit always shows on reload.
   */
  const CACHE_PREFIX = "closer-offline-";
  const workerMeta = document.querySelector('meta[name="closer-worker"]');
  const workerUrl = workerMeta ? new URL(workerMeta.content, location.href) : null;
  const workerScope = workerUrl ? new URL("./", workerUrl).href : null;
  const serving = !!workerMeta?.hasAttribute("data-serving");
  const workers = window.isSecureContext ? navigator.serviceWorker : undefined;

  /* Remove the worker and every offline copy; resolves to whether there was anything to remove. */
  function forgetWorker() {
    const registrations = workers ? workers.getRegistrations() : Promise.resolve([]);
    const names = window.caches ? window.caches.keys() : Promise.resolve([]);
    return Promise.all([registrations, names])
      .then(([found, keys]) => {
        const ours = found.filter((registration) => registration.scope === workerScope);
        const copies = keys.filter((name) => name.indexOf(CACHE_PREFIX) === 0);
        return Promise.all([
          ...ours.map((registration) => registration.unregister()),
          ...copies.map((name) => window.caches.delete(name)),
        ]).then(() => ours.length + copies.length > 0);
      })
      .catch(() => false);
  }

  /* The first page loads before the worker is in charge: tell it what this page loaded, so it can
     copy those files from the browser's cache (sw.js, copyVisited). */
  function tellVisited() {
    const own = (url) => url.startsWith(workerScope);
    const urls = [location.href, ...performance.getEntriesByType("resource").map((e) => e.name)];
    workers.controller?.postMessage({ type: "visited", urls: urls.filter(own) });
  }

  function startWorker() {
    if (serving) {
      forgetWorker();
      return;
    }
    workers.addEventListener("controllerchange", tellVisited);
    workers
      .register(workerUrl.href)
      .then(() => workers.ready)
      .then((registration) => {
        // A page that loaded while the worker was still installing: ask it to take charge.
        if (!workers.controller) registration.active?.postMessage({ type: "claim" });
      })
      .catch(() => {
        /* no worker (private mode, blocked by the browser): the site works as it always did */
      });
  }

  if (workers && workerUrl) {
    if (document.readyState === "complete") startWorker();
    else window.addEventListener("load", startWorker, { once: true });
  }

  window.closer = {
    storage: {
      available: available,
      read: read,
      write: write,
      remove: remove,
      keys: keys,
      clearAll: clearAll,
    },
    feature: feature,
    scriptRan: scriptRan,
    field: field,
    worker: {
      /* Whether this page can keep Closer for offline use, and why not. */
      state: !workers || !workerUrl ? "unsupported" : serving ? "serving" : "on",
      scope: workerScope,
      cachePrefix: CACHE_PREFIX,
      forget: forgetWorker,
    },
  };
})();
