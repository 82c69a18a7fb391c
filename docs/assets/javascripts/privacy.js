/* The privacy page's "clear everything" button: removes all that Closer keeps on this device, the
   offline copy included. */
(() => {
  window.closer.feature("privacy", () => {
    document.addEventListener("click", (event) => {
      const button = event.target.closest?.("[data-closer-clear]");
      if (!button) return;
      const status = button.parentElement.querySelector("[data-closer-clear-status]");
      if (!window.confirm("Clear everything Closer saved on this device? This cannot be undone.")) return;
      const n = window.closer.storage.clearAll();
      // The offline copy and the service worker go too (closer.js); that takes a moment.
      window.closer.worker.forget().then((copies) => {
        status.textContent =
          n || copies
            ? "Done. Everything Closer saved on this device is gone."
            : "There was nothing saved to clear.";
        document.dispatchEvent(new CustomEvent("closer:cleared"));
      });
    });
    return () => {};
  });
})();
