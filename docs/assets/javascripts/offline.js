/*
 * Closer offline: the "Keep Closer on this device for offline use" control (on the challenge's
 * start page, the deck and the privacy page), and, on the offline page, the list of pages kept
 * on this device. The service worker (sw.js) does the downloading; this shows how far it got.
 */
(() => {
  const worker = window.closer.worker;

  /* Sizes as phones show them, the same as the build writes them (hooks/closer/offline.py). */
  function inWords(size) {
    return size >= 1e6 ? `${(size / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(size / 1e3))} KB`;
  }

  /* This version's offline copy, if the reader kept one: its size, from the worker's mark. */
  function keptSize() {
    if (!window.caches || !worker.scope) return Promise.resolve(null);
    return window.caches
      .match(new URL("offline.json?kept", worker.scope).href)
      .then((marked) => (marked ? marked.text().then(Number) : null))
      .catch(() => null);
  }

  function control() {
    const root = document.querySelector("[data-closer-keep-offline]");
    if (!root) return null;
    return {
      button: root.querySelector("[data-closer-keep]"),
      status: root.querySelector("[data-closer-keep-status]"),
    };
  }

  function showKept(parts, size) {
    parts.button.hidden = true;
    parts.status.textContent =
      `Closer is kept on this device for offline use (${inWords(size)}). ` +
      "To remove it, use the button to clear everything on the privacy page.";
  }

  /* What the worker says while it downloads, shown on whichever page has the control now. */
  function onMessage(event) {
    const parts = control();
    const message = event.data || {};
    if (!parts) return;
    if (message.type === "progress") {
      const { done, size, total } = message;
      parts.button.disabled = true;
      parts.status.textContent =
        `Downloading for offline use: ${done} of ${total.files} files ` +
        `(${inWords(size)} of ${inWords(total.size)}).`;
    } else if (message.type === "kept") {
      parts.button.disabled = false;
      showKept(parts, message.size);
      parts.status.textContent = `Done. ${parts.status.textContent}`;
    } else if (message.type === "failed") {
      parts.button.disabled = false;
      parts.status.textContent =
        message.reason === "updated"
          ? "Closer has just been updated. Please try again in a minute."
          : "The download stopped. Are you online? Please try again.";
    }
  }

  function keep(parts) {
    parts.button.disabled = true;
    parts.status.textContent = "Getting ready to download…";
    navigator.serviceWorker.ready.then((registration) => {
      registration.active.postMessage({ type: "keep" });
    });
  }

  /* The control on this page: what it can do here, and whether Closer is kept already. */
  function setUpControl() {
    const parts = control();
    if (!parts) return;
    if (worker.state !== "on") {
      parts.button.hidden = true;
      parts.status.textContent =
        worker.state === "serving"
          ? "Offline copies are off while the site is served for editing (mkdocs serve)."
          : "This browser cannot keep Closer for offline use.";
      return;
    }
    keptSize().then((size) => {
      if (size !== null) showKept(parts, size);
    });
  }

  /* The offline page: the page the reader asked for, and every page kept on this device. */
  function setUpOfflinePage() {
    const from = new URLSearchParams(location.search).get("from");
    const retry = document.querySelector("[data-closer-offline-retry]");
    if (retry && from && from.charAt(0) === "/" && from.charAt(1) !== "/") {
      retry.href = from;
      retry.closest("[data-closer-offline-from]").hidden = false;
    }
    const list = document.querySelector("[data-closer-kept-list]");
    if (!list || !window.caches) return;
    keptPages().then((pages) => {
      list.replaceChildren(
        ...pages.map(({ url, title }) => {
          const item = document.createElement("li");
          const link = document.createElement("a");
          link.href = url;
          link.textContent = title;
          item.append(link);
          return item;
        }),
      );
      list.closest("[data-closer-kept]").hidden = pages.length === 0;
    });
  }

  /* Every page in the offline copy but this one, with its title. */
  function keptPages() {
    const here = location.href.split(/[?#]/)[0];
    return window.caches
      .keys()
      .then((names) => names.filter((name) => name.indexOf(worker.cachePrefix) === 0))
      .then((names) => Promise.all(names.map((name) => window.caches.open(name))))
      .then((stores) => Promise.all(stores.map((store) => store.keys().then((keys) => [store, keys]))))
      .then((found) => {
        const pages = [];
        found.forEach(([store, keys]) => {
          keys
            .filter((request) => request.url.endsWith("/") && request.url !== here)
            .forEach((request) => {
              pages.push(store.match(request).then((response) => titled(request.url, response)));
            });
        });
        return Promise.all(pages);
      })
      .then((pages) => pages.sort((a, b) => (order(a.url) < order(b.url) ? -1 : 1)))
      .catch(() => []);
  }

  /* In the order of the site's addresses, with the single cards (there are many) last. */
  function order(url) {
    return (/\/cards\/(?!print\/)[^/]+\/$/.test(url) ? "1" : "0") + url;
  }

  function titled(url, response) {
    return response.text().then((html) => {
      const found = /<title>([^<]*)<\/title>/.exec(html);
      const title = found ? new DOMParser().parseFromString(found[1], "text/html").body.textContent : "";
      return { url, title: title.replace(/ - Closer$/, "") || url };
    });
  }

  window.closer.feature("offline", () => {
    navigator.serviceWorker?.addEventListener("message", onMessage);
    document.addEventListener("click", (event) => {
      const button = event.target.closest?.("[data-closer-keep]");
      const parts = control();
      if (button && parts && !button.disabled) keep(parts);
    });
    /* "Clear everything" (privacy.js) removed the offline copy: offer it again. */
    document.addEventListener("closer:cleared", () => {
      const parts = control();
      if (!parts || worker.state !== "on") return;
      parts.button.hidden = false;
      parts.status.textContent = "";
    });
    return () => {
      setUpControl();
      setUpOfflinePage();
    };
  });
})();
