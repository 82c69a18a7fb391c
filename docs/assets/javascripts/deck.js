/* The deck (cards/): filters and "draw a card". Without it the deck is a plain list. */
(() => {
  const DECK = '[data-page-kind="deck"]';

  function matches(item, form, favs) {
    const theme = form.elements.theme.value;
    const who = form.elements.with.value;
    const time = parseInt(form.elements.time.value, 10);
    const d = item.dataset;
    if (theme && d.theme !== theme) return false;
    /* A card lists everyone it fits: "together solo" for a card for one or two. */
    if (who && d.with.split(" ").indexOf(who) === -1) return false;
    if (time && parseInt(d.minutes, 10) > time) return false;
    if (form.elements.fav.checked && favs.indexOf(d.card) === -1) return false;
    return true;
  }

  function applyFilters(deck) {
    const form = deck.querySelector("[data-deck-filters]");
    const favs = window.closer.favourites.read(null);
    const items = deck.querySelectorAll(".closer-deck__item");
    const shown = [];
    items.forEach((item) => {
      item.hidden = !matches(item, form, favs);
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
    const status = form.querySelector("[data-deck-count]");
    const total = items.length;
    if (!shown.length) {
      status.textContent =
        form.elements.fav.checked && !favs.length
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

  function refilter(form) {
    form.querySelector("[data-drawn]").textContent = "";
    applyFilters(form.closest(DECK));
  }

  window.closer.feature("deck", () => {
    document.addEventListener("change", (event) => {
      const form = event.target.closest?.(`${DECK} [data-deck-filters]`);
      if (form) refilter(form);
    });

    document.addEventListener("reset", (event) => {
      const form = event.target;
      if (!form.matches?.(`${DECK} [data-deck-filters]`)) return;
      /* "reset" fires before the fields are cleared. */
      setTimeout(() => {
        refilter(form);
      }, 0);
    });

    document.addEventListener("submit", (event) => {
      if (event.target.matches?.(`${DECK} [data-deck-filters]`)) event.preventDefault();
    });

    document.addEventListener("click", (event) => {
      const button = event.target.closest?.(`${DECK} [data-draw]`);
      if (button) draw(button.closest(DECK));
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
