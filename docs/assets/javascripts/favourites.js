/*
 * Favourite cards: the "Favourite" buttons on the deck and the card pages, and the saved list
 * that the deck's filter and the print sheet read. Saved as closer.favourites:
 * {"version": 1, "ids": ["card-id", ...]}; anything else counts as no favourites.
 */
(() => {
  const KEY = "favourites";
  const storage = window.closer.storage;

  /* Saved favourite ids, in the order they were saved; only those in `known`, if given. */
  function read(known) {
    const data = storage.available() ? storage.read(KEY) : null;
    if (!data || typeof data !== "object" || data.version !== 1 || !Array.isArray(data.ids)) return [];
    return data.ids.filter(
      (id, i, all) => typeof id === "string" && all.indexOf(id) === i && (!known || known.indexOf(id) !== -1),
    );
  }

  /* The ids of the cards in the deck, on the deck's page; null elsewhere (the deck is unknown). */
  function deckIds() {
    const items = document.querySelectorAll('[data-page-kind="deck"] .closer-deck__item[data-card]');
    return items.length ? Array.from(items, (item) => item.dataset.card) : null;
  }

  /* Add or remove one card; true when saved. On the deck, ids no longer in it are dropped. */
  function set(id, on) {
    if (!storage.available()) return false;
    const ids = read(deckIds()).filter((x) => x !== id);
    if (on) ids.push(id);
    return storage.write(KEY, { version: 1, ids });
  }

  /* Every favourite button on the page, pressed or not as saved. */
  function showButtons() {
    const favs = read(null);
    document.querySelectorAll("[data-fav]").forEach((button) => {
      button.setAttribute("aria-pressed", favs.indexOf(button.dataset.fav) !== -1 ? "true" : "false");
    });
  }

  window.closer.favourites = { read: read };

  window.closer.feature("favourites", () => {
    document.addEventListener("click", (event) => {
      const button = event.target.closest?.("[data-fav]");
      if (!button) return;
      const on = button.getAttribute("aria-pressed") !== "true";
      if (!set(button.dataset.fav, on)) return;
      document.querySelectorAll(`[data-fav="${button.dataset.fav}"]`).forEach((b) => {
        b.setAttribute("aria-pressed", on ? "true" : "false");
      });
      document.dispatchEvent(new CustomEvent("closer:favourites", { detail: { button: button } }));
    });
    return showButtons;
  });
})();
