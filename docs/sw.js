/*
 * Closer's service worker: keeps the pages a reader opens, and, when they ask for it, the
 * five-day challenge, the deck, every card and the print sheet, so that they work offline.
 *
 * Written by hand, with no library. It lives at the root of the site, so its scope is the whole
 * site, wherever the site is served (every address here is relative to this file). It never
 * asks another origin for anything: requests for other sites are not even looked at.
 *
 * The build (hooks/closer/offline.py) writes its version below and puts offline.json beside it:
 * every file of the site with its size and SHA-256, the files of the offline copy marked "keep".
 *
 * How it answers a GET request for this site:
 * - pages (a navigation, or Material's instant navigation, which fetches the next page by XHR):
 *   the network first, so a new version shows at once, and a copy into the cache; with no network,
 *   the copy; with no copy, the offline page (instant navigation then loads the page in full,
 *   which lands on the offline page).
 * - files with a content hash in their name (Material's main.<hash>.min.css, bundle.<hash>.min.js,
 *   its search worker): the cache first, as such a name never gets other content.
 * - anything else (Closer's own CSS and JS, the search index, the sitemap, icons): the network
 *   first, and a copy; the copy only without a network.
 *
 * Versions: one cache per build, named after it. A new build changes this file (its version), so
 * the browser installs the new worker. On install, the new worker carries over each cached file
 * that is the same in the new build, downloads again the ones that changed, and leaves out those
 * the site no longer has; on activation it deletes the old caches. The first install downloads
 * nothing: the worker only copies what the browser already has.
 */

const VERSION = "__CLOSER_OFFLINE_VERSION__";
const PREFIX = "closer-offline-";
const CACHE = PREFIX + VERSION;
const SCOPE = new URL("./", self.location.href).href;
const LIST = new URL("offline.json", SCOPE).href;
// Stored in the cache when the reader asks to keep Closer: later versions keep it too.
const KEPT = new URL("offline.json?kept", SCOPE).href;
const OFFLINE_PAGE = new URL("offline/", SCOPE).href;
// Also kept with the first page: what instant navigation and search fetch in the background.
const BACKGROUND = ["sitemap.xml", "search/search_index.json"].map((url) => new URL(url, SCOPE).href);
const HASHED = /\.[0-9a-f]{8,}\.min\.(?:css|js)$/;
const DOWNLOADS_AT_ONCE = 4;

/* ---------- install and activate: carry over what is unchanged, drop the old ---------- */

self.addEventListener("install", (event) => {
  event.waitUntil(carryOver().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter(isOld).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

function isOld(name) {
  return name.startsWith(PREFIX) && name !== CACHE;
}

/* Fill this version's cache from the older ones: the same file is copied, a changed one fetched. */
async function carryOver() {
  const older = (await caches.keys()).filter(isOld);
  const cache = await caches.open(CACHE);
  if (!older.length) return;
  const list = await fetchList();
  const now = byAddress(list);
  await cache.put(LIST, listResponse(list));
  let kept = false;
  for (const name of older) {
    const old = await caches.open(name);
    const oldList = await old.match(LIST);
    const before = oldList ? byAddress(await oldList.json()) : new Map();
    for (const request of await old.keys()) {
      if (request.url === KEPT) kept = true;
      const file = now.get(request.url);
      if (!file || (await cache.match(request.url))) continue;
      const response = await old.match(request);
      const same =
        before.get(request.url)?.sha256 === file.sha256 || (await sha256(response.clone())) === file.sha256;
      if (same) await cache.put(request.url, response);
      else await download(cache, request.url);
    }
  }
  if (kept) await keepAll(cache, list, () => {});
}

/* ---------- answering requests ---------- */

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range")) return;
  const url = new URL(request.url);
  // Another origin, another path, or this worker and its list: the browser's own business.
  if (!url.href.startsWith(SCOPE) || url.href === self.location.href || address(url) === LIST) return;
  if (request.mode === "navigate" || /(\/|\.html)$/.test(url.pathname)) {
    event.respondWith(page(event, url));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(event, url));
  } else {
    event.respondWith(networkFirst(event, url));
  }
});

/* The cache's address for a request: no query (search adds ?h=...), no fragment, no index.html. */
function address(url) {
  return url.origin + url.pathname.replace(/\/index\.html$/, "/");
}

async function page(event, url) {
  const key = address(url);
  try {
    const response = await fetch(event.request);
    event.waitUntil(store(key, response.clone()).then(keepOfflinePage));
    return response;
  } catch (error) {
    const copy = await cached(key);
    if (copy) return copy;
    if (event.request.mode === "navigate" && key !== OFFLINE_PAGE && (await cached(OFFLINE_PAGE))) {
      const from = encodeURIComponent(url.pathname + url.search);
      return Response.redirect(`${OFFLINE_PAGE}?from=${from}`, 302);
    }
    throw error;
  }
}

async function cacheFirst(event, url) {
  const key = address(url);
  const copy = await cached(key);
  if (copy) return copy;
  const response = await fetch(event.request);
  event.waitUntil(store(key, response.clone()));
  return response;
}

async function networkFirst(event, url) {
  const key = address(url);
  try {
    const response = await fetch(event.request);
    event.waitUntil(store(key, response.clone()));
    return response;
  } catch (error) {
    const copy = await cached(key);
    if (copy) return copy;
    throw error;
  }
}

function cached(key) {
  return caches.match(key, { cacheName: CACHE });
}

/*
 * Keep a copy of a plain, whole answer from this site. Once "clear everything" has deleted the
 * cache, nothing more is kept by this worker (it stays in charge of open pages until they close):
 * the cache comes back only with the next install, on a later visit.
 */
async function store(key, response) {
  if (!response.ok || response.type !== "basic" || response.redirected) return;
  if (!(await caches.has(CACHE))) return;
  await (await caches.open(CACHE)).put(key, response);
}

/* The offline page and the files it loads beyond those of every page (its own script), once. */
let offlinePage = null;
function keepOfflinePage() {
  offlinePage ??= (async () => {
    if ((await cached(OFFLINE_PAGE)) || !(await caches.has(CACHE))) return;
    const response = await fetch(OFFLINE_PAGE);
    const html = await response.clone().text();
    await store(OFFLINE_PAGE, response);
    for (const [, ref] of html.matchAll(/\b(?:src|href)="([^"]+\.(?:js|css))"/g)) {
      const url = new URL(ref, OFFLINE_PAGE);
      if (url.href.startsWith(SCOPE) && !(await cached(address(url)))) await download(null, url.href);
    }
  })().catch(() => {
    offlinePage = null;
  });
  return offlinePage;
}

/* ---------- messages from pages (closer.js: visited, claim; offline.js: keep) ---------- */

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "visited") event.waitUntil(copyVisited(message.urls));
  if (message.type === "keep") event.waitUntil(keepOnRequest(event.source));
  if (message.type === "claim") event.waitUntil(self.clients.claim());
});

/*
 * The first page a reader opens loads before this worker runs. Once it is in charge, that page
 * names what it loaded, and the worker copies each file from the browser's HTTP cache, never from
 * the network ("only-if-cached"): the first visit downloads nothing but this script.
 */
async function copyVisited(urls) {
  for (const href of [...(Array.isArray(urls) ? urls : []), ...BACKGROUND]) {
    const url = new URL(href, SCOPE);
    const key = address(url);
    if (!url.href.startsWith(SCOPE) || key === LIST || (await cached(key))) continue;
    try {
      await store(key, await fetch(url.href, { cache: "only-if-cached", mode: "same-origin" }));
    } catch (_error) {
      /* not in the browser's cache (or the browser cannot tell): kept on the next visit instead */
    }
  }
}

/* "Keep Closer on this device for offline use": download the offline copy, telling the page how far. */
let keeping = null;
const watchers = new Set();
function keepOnRequest(client) {
  if (client) watchers.add(client);
  const tell = (message) => {
    watchers.forEach((watcher) => {
      try {
        watcher.postMessage(message);
      } catch (_error) {
        /* that page has closed */
      }
    });
  };
  keeping ??= (async () => {
    const list = await fetchList();
    if (list.version !== VERSION) {
      // A new build is out: the new worker (installing now) keeps what this reader asked for.
      await self.registration.update();
      throw new Error("updated");
    }
    const cache = await caches.open(CACHE);
    await cache.put(LIST, listResponse(list));
    await keepAll(cache, list, tell);
    tell({ type: "kept", size: list.keep.size });
  })()
    .catch((error) => tell({ type: "failed", reason: String(error?.message) }))
    .finally(() => {
      keeping = null;
      watchers.clear();
    });
  return keeping;
}

/* Download every file of the offline copy not yet in the cache, a few at a time; then mark it kept. */
async function keepAll(cache, list, tell) {
  const files = list.files.filter((file) => file.keep);
  const total = { files: files.length, size: list.keep.size };
  let done = 0;
  let size = 0;
  tell({ type: "progress", done, size, total });
  const queue = [...files];
  const next = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const url = new URL(file.url, SCOPE).href;
      if (!(await cache.match(url))) await download(cache, url);
      done += 1;
      size += file.size;
      tell({ type: "progress", done, size, total });
    }
  };
  await Promise.all(Array.from({ length: DOWNLOADS_AT_ONCE }, next));
  await cache.put(KEPT, new Response(String(list.keep.size)));
}

/* ---------- small helpers ---------- */

async function download(cache, url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  if (cache) await cache.put(url, response);
  else await store(url, response);
}

async function fetchList() {
  const response = await fetch(LIST, { cache: "no-cache" });
  if (!response.ok) throw new Error(`offline.json: ${response.status}`);
  return response.json();
}

function listResponse(list) {
  return new Response(JSON.stringify(list), { headers: { "Content-Type": "application/json" } });
}

function byAddress(list) {
  return new Map(list.files.map((file) => [new URL(file.url, SCOPE).href, file]));
}

async function sha256(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
