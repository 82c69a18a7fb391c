/* Closer's one door to the browser's storage: namespaced keys, safe reads, and "clear everything". */
(function () {
  "use strict";

  var PREFIX = "closer.";

  /* Storage can be missing or throw (some private modes): every call here survives that. */
  function store() {
    try {
      var s = window.localStorage;
      var probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
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
    if (s) s.removeItem(PREFIX + key);
  }

  /* Ours, plus the light/dark choice that Material keeps under "<site path>.__palette". */
  function keys() {
    var s = store();
    var out = [];
    if (!s) return out;
    for (var i = 0; i < s.length; i++) {
      var k = s.key(i);
      if (k && (k.indexOf(PREFIX) === 0 || /(^|\.)__palette$/.test(k))) out.push(k);
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

  window.closerStorage = { available: function () { return store() !== null; }, read: read, write: write, remove: remove, keys: keys, clearAll: clearAll };

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
