/* The deck (cards/): filters, "draw a card" and favourites. Without it the deck is a plain list. */
(function () {
  "use strict";

  /* Pages load this file with their content, so instant navigation runs it again on each visit. */
  if (window.closerDeckReady) return;
  window.closerDeckReady = true;

  var KEY = "favourites";

  function storage() {
    var s = window.closerStorage;
    return s && s.available() ? s : null;
  }

  /* Saved favourite ids. Anything that is not {version: 1, ids: [strings]} counts as none. */
  function readFavourites(known) {
    var s = storage();
    var data = s ? s.read(KEY) : null;
    if (!data || typeof data !== "object" || data.version !== 1 || !Array.isArray(data.ids)) return [];
    return data.ids.filter(function (id, i, all) {
      return typeof id === "string" && all.indexOf(id) === i && (!known || known.indexOf(id) !== -1);
    });
  }

  /* On the deck, ids no longer in it are dropped; on a card page the deck is unknown, so kept. */
  function setFavourite(id, on) {
    var s = storage();
    if (!s) return false;
    var ids = readFavourites(deckIds()).filter(function (x) { return x !== id; });
    if (on) ids.push(id);
    return s.write(KEY, { version: 1, ids: ids });
  }

  function deckIds() {
    var items = document.querySelectorAll("[data-deck] .closer-deck__item[data-card]");
    if (!items.length) return null;
    return Array.prototype.map.call(items, function (el) { return el.dataset.card; });
  }

  window.closerFavourites = { read: readFavourites };

  function showFavourites() {
    var favs = storage() ? readFavourites(null) : null;
    document.querySelectorAll("[data-fav]").forEach(function (button) {
      if (!favs) return; /* no storage: the buttons stay hidden */
      button.setAttribute("aria-pressed", favs.indexOf(button.dataset.fav) !== -1 ? "true" : "false");
      button.hidden = false;
      if (button.parentElement.classList.contains("closer-fav")) button.parentElement.hidden = false;
    });
  }

  function matches(item, form, favs) {
    var theme = form.elements.theme.value;
    var who = form.elements["with"].value;
    var time = parseInt(form.elements.time.value, 10);
    var d = item.dataset;
    if (theme && d.theme !== theme) return false;
    if (who && d["with"] !== who && d["with"] !== "either") return false;
    if (time && parseInt(d.minutes, 10) > time) return false;
    if (form.elements.fav.checked && favs.indexOf(d.card) === -1) return false;
    return true;
  }

  function applyFilters(deck) {
    var form = deck.querySelector("[data-deck-filters]");
    if (!form) return [];
    var favs = readFavourites(null);
    var items = deck.querySelectorAll(".closer-deck__item");
    var shown = [];
    items.forEach(function (item) {
      item.hidden = !matches(item, form, favs);
      if (!item.hidden) shown.push(item);
    });
    deck.querySelectorAll("[data-deck-group]").forEach(function (heading) {
      var list = heading.nextElementSibling;
      var empty = !list || !list.querySelector(".closer-deck__item:not([hidden])");
      heading.hidden = empty;
      if (list) list.hidden = empty;
      /* Keep the table of contents in step with the groups on show. */
      document.querySelectorAll('.md-nav--secondary a[href$="#' + heading.id + '"]').forEach(function (link) {
        link.parentElement.hidden = empty;
      });
    });
    var status = form.querySelector("[data-deck-count]");
    var total = items.length;
    if (!shown.length) {
      status.textContent = form.elements.fav.checked && !favs.length
        ? "You have no favourites yet. Press \"Favourite\" on any card to save it."
        : "No cards match. Try fewer filters.";
    } else {
      status.textContent = shown.length === total
        ? "Showing all " + total + " cards."
        : "Showing " + shown.length + " of " + total + " cards.";
    }
    return shown;
  }

  function draw(deck) {
    var shown = applyFilters(deck);
    var out = deck.querySelector("[data-drawn]");
    out.textContent = "";
    if (!shown.length) return;
    var item = shown[Math.floor(Math.random() * shown.length)];
    var source = item.querySelector("a[href]");
    var label = document.createElement("p");
    label.className = "closer-deck__drawn-label";
    label.textContent = "Your card:";
    var title = document.createElement("p");
    var strong = document.createElement("strong");
    var link = document.createElement("a");
    link.href = source.getAttribute("href");
    link.textContent = source.textContent;
    strong.appendChild(link);
    title.appendChild(strong);
    var summary = document.createElement("p");
    summary.textContent = item.querySelector(".closer-deck__summary").textContent;
    out.dataset.card = item.dataset.card;
    out.appendChild(label);
    out.appendChild(title);
    out.appendChild(summary);
    out.focus();
  }

  /* Per page: runs on every (instant) page load; safe to run twice on the same page. */
  function setup() {
    showFavourites();
    var deck = document.querySelector("[data-deck]");
    if (!deck) return;
    var form = deck.querySelector("[data-deck-filters]");
    if (!form) return;
    form.hidden = false;
    form.querySelector("[data-fav-filter]").hidden = !storage();
    applyFilters(deck);
  }

  /* Listeners on document, added once: they outlive instant page swaps. */
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("[data-deck-filters]");
    if (form) {
      form.querySelector("[data-drawn]").textContent = "";
      applyFilters(form.closest("[data-deck]"));
    }
  });

  document.addEventListener("reset", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-deck-filters]")) return;
    form.querySelector("[data-drawn]").textContent = "";
    /* "reset" fires before the fields are cleared. */
    setTimeout(function () { applyFilters(form.closest("[data-deck]")); }, 0);
  });

  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("[data-deck-filters]")) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) return;
    var drawButton = target.closest("[data-draw]");
    if (drawButton) {
      draw(drawButton.closest("[data-deck]"));
      return;
    }
    var favButton = target.closest("[data-fav]");
    if (favButton) {
      var on = favButton.getAttribute("aria-pressed") !== "true";
      if (!setFavourite(favButton.dataset.fav, on)) return;
      document.querySelectorAll('[data-fav="' + favButton.dataset.fav + '"]').forEach(function (b) {
        b.setAttribute("aria-pressed", on ? "true" : "false");
      });
      var deck = favButton.closest("[data-deck]");
      if (!deck) return;
      applyFilters(deck);
      /* Under "only my favourites" the card just removed disappears: keep focus somewhere useful. */
      if (favButton.closest("[hidden]")) deck.querySelector("[data-deck-count]").focus();
    }
  });

  /* Back to a page kept in the back-forward cache: favourites may have changed on another page. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) setup();
  });

  if (window.document$) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
