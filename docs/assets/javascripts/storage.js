/* Closer's one door to the browser's storage: namespaced keys, safe reads, and "clear everything". */
(function () {
  "use strict";

  var PREFIX = "closer.";

  /* Storage can be missing or throw (some private modes): every call here survives that. */
  function store() {
    try {
      return window.localStorage || null;
    } catch (e) {
      return null;
    }
  }

  /* Whether writes work, tested once per page load with a key that is removed at once. */
  var writable = null;
  function available() {
    if (writable === null) {
      var s = store();
      try {
        s.setItem(PREFIX + "probe", "1");
        s.removeItem(PREFIX + "probe");
        writable = true;
      } catch (e) {
        writable = false;
      }
    }
    return writable;
  }

  function read(key) {
    var s = store();
    if (!s) return null;
    try {
      var raw = s.getItem(PREFIX + key);
      return raw === null ? null : JSON.parse(raw);
    } catch (e) {
      return undefined; /* present but not valid JSON: the caller says what it reset */
    }
  }

  function write(key, value) {
    var s = store();
    if (!s) return false;
    try {
      s.setItem(PREFIX + key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;
    }
  }

  function remove(key) {
    var s = store();
    try {
      if (s) s.removeItem(PREFIX + key);
    } catch (e) {
      /* blocked storage: nothing to remove */
    }
  }

  /* Ours, plus the light/dark choice that Material keeps under "<site path>.__palette". */
  function keys() {
    var s = store();
    var out = [];
    try {
      for (var i = 0; s && i < s.length; i++) {
        var k = s.key(i);
        if (k && (k.indexOf(PREFIX) === 0 || /(^|\.)__palette$/.test(k))) out.push(k);
      }
    } catch (e) {
      /* blocked storage: nothing of ours is there */
    }
    return out;
  }

  function clearAll() {
    var s = store();
    if (!s) return 0;
    var all = keys();
    all.forEach(function (k) { s.removeItem(k); });
    return all.length;
  }

  window.closerStorage = { available: available, read: read, write: write, remove: remove, keys: keys, clearAll: clearAll };

  /* The privacy page's "clear everything" button. */
  function setupClear() {
    document.querySelectorAll(".closer-clear").forEach(function (box) {
      var button = box.querySelector("[data-closer-clear]");
      var status = box.querySelector("[data-closer-clear-status]");
      if (!button || button.dataset.ready) return;
      button.dataset.ready = "1";
      box.hidden = false;
      button.addEventListener("click", function () {
        if (!window.confirm("Clear everything Closer saved on this device? This cannot be undone.")) return;
        var n = clearAll();
        status.textContent = n ? "Done. Everything Closer saved on this device is gone." : "There was nothing saved to clear.";
      });
    });
  }

  if (window.document$) {
    window.document$.subscribe(setupClear);
  } else {
    document.addEventListener("DOMContentLoaded", setupClear);
  }
})();
