/* The deck (cards/): filters and "draw a card". Without it the deck is a plain list. */
(() => {
  const DECK = '[data-page-kind="deck"]';

  const field = window.closer.field;

  function matches(item, filters, favs) {
    const theme = field(filters, "theme");
    const who = field(filters, "with");
    const time = parseInt(field(filters, "time"), 10);
    const d = item.dataset;
    if (theme && d.theme !== theme) return false;
    /* A card lists everyone it fits: "together solo" for a card for one or two. */
    if (who && d.with.split(" ").indexOf(who) === -1) return false;
    if (time && parseInt(d.minutes, 10) > time) return false;
    if (field(filters, "fav") && favs.indexOf(d.card) === -1) return false;
    /* A set opened from a link (card-sets.js) shows only its cards. */
    const set = window.closer.cardSets?.current;
    if (set && set.indexOf(d.card) === -1) return false;
    return true;
  }

  function applyFilters(deck) {
    const filters = deck.querySelector("[data-deck-filters]");
    const favs = window.closer.favourites.read(null);
    const items = deck.querySelectorAll(".closer-deck__item");
    const shown = [];
    items.forEach((item) => {
      item.hidden = !matches(item, filters, favs);
      if (!item.hidden) shown.push(item);
    });
    deck.querySelectorAll("[data-deck-group]").forEach((heading) => {
      const list = heading.nextElementSibling;
      const empty = !list?.querySelector(".closer-deck__item:not([hidden])");
      heading.hidden = empty;
      if (list) list.hidden = empty;
      /* Keep the table of contents in step with the groups on show. */
      document.querySelectorAll(`.md-nav--secondary a[href$="#${heading.id}"]`).forEach((link) => {
        link.parentElement.hidden = empty;
      });
    });
    const status = filters.querySelector("[data-deck-count]");
    const total = items.length;
    if (!shown.length) {
      status.textContent =
        field(filters, "fav") && !favs.length
          ? 'You have no favourites yet. Press "Favourite" on any card to save it.'
          : "No cards match. Try fewer filters.";
    } else {
      status.textContent =
        shown.length === total ? `Showing all ${total} cards.` : `Showing ${shown.length} of ${total} cards.`;
    }
    return shown;
  }

  function draw(deck) {
    const shown = applyFilters(deck);
    const out = deck.querySelector("[data-drawn]");
    out.textContent = "";
    if (!shown.length) return;
    const item = shown[Math.floor(Math.random() * shown.length)];
    const source = item.querySelector("a[href]");
    const label = document.createElement("p");
    label.className = "closer-deck__drawn-label";
    label.textContent = "Your card:";
    const title = document.createElement("p");
    const strong = document.createElement("strong");
    const link = document.createElement("a");
    link.href = source.getAttribute("href");
    link.textContent = source.textContent;
    strong.appendChild(link);
    title.appendChild(strong);
    const summary = document.createElement("p");
    summary.textContent = item.querySelector(".closer-deck__summary").textContent;
    out.dataset.card = item.dataset.card;
    out.appendChild(label);
    out.appendChild(title);
    out.appendChild(summary);
    out.focus();
  }

  function refilter(filters) {
    filters.querySelector("[data-drawn]").textContent = "";
    applyFilters(filters.closest(DECK));
  }

  window.closer.feature("deck", () => {
    document.addEventListener("change", (event) => {
      const filters = event.target.closest?.(`${DECK} [data-deck-filters]`);
      if (filters) refilter(filters);
    });

    document.addEventListener("click", (event) => {
      const draws = event.target.closest?.(`${DECK} [data-draw]`);
      if (draws) draw(draws.closest(DECK));
      const showAll = event.target.closest?.(`${DECK} [data-show-all]`);
      if (!showAll) return;
      const filters = showAll.closest("[data-deck-filters]");
      filters.querySelectorAll("select").forEach((select) => {
        select.selectedIndex = 0;
      });
      filters.querySelectorAll("input[type=checkbox]").forEach((box) => {
        box.checked = false;
      });
      refilter(filters);
    });

    document.addEventListener("closer:set", () => {
      const deck = document.querySelector(DECK);
      if (deck) applyFilters(deck);
    });

    /* A favourite changed: under "only my favourites" the card may go; keep focus somewhere useful. */
    document.addEventListener("closer:favourites", (event) => {
      const deck = event.detail.button.closest(DECK);
      if (!deck) return;
      applyFilters(deck);
      if (event.detail.button.closest("[hidden]")) deck.querySelector("[data-deck-count]").focus();
    });

    return function setup() {
      const deck = document.querySelector(DECK);
      if (deck) applyFilters(deck);
    };
  });
})();
