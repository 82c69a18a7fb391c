/*
 * Card sets by link: a counsellor (or anyone) picks cards on the deck, and the set becomes a link
 * such as cards/#set=turn-toward-bids,long-hug&title=This%20week. The cards ride in the link's
 * fragment, so no server and no log ever sees them, and nothing is saved on the device. Opening
 * the link shows just those cards; print/#set=... prints just them. Favourites are not touched.
 */
(() => {
  const DECK = '[data-page-kind="deck"]';
  const PICKING = "data-set-picking";

  /* The set a fragment names: {ids, title}, or null when it names none. */
  function parse(hash) {
    const params = new URLSearchParams(hash.replace(/^#/, ""));
    const ids = (params.get("set") || "")
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean);
    return ids.length
      ? { ids: ids.filter((id, i) => ids.indexOf(id) === i), title: params.get("title") || "" }
      : null;
  }

  /* The link to a set of cards, for a page's address (the deck's, or the print sheet's). */
  function link(base, ids, title) {
    const url = new URL(base);
    url.hash = `set=${ids.join(",")}${title ? `&title=${encodeURIComponent(title)}` : ""}`;
    return url.href;
  }

  /* The set in this page's address, checked against the cards there are: {ids, unknown, title}. */
  function fromLocation(known) {
    const set = parse(location.hash);
    if (!set) return null;
    return {
      ids: set.ids.filter((id) => known.indexOf(id) !== -1),
      unknown: set.ids.filter((id) => known.indexOf(id) === -1),
      title: set.title,
    };
  }

  /* Words for ids a link names that the deck does not have ("" when there are none). */
  function unknownNotice(unknown) {
    if (!unknown.length) return "";
    const which = unknown.map((id) => `"${id}"`).join(", ");
    const them =
      unknown.length === 1
        ? "a card that is not in the deck"
        : `${unknown.length} cards that are not in the deck`;
    return `This link names ${them} (${which}), perhaps from an older version of Closer, so it was left out.`;
  }

  window.closer.cardSets = { parse, link, fromLocation, unknownNotice, current: null };

  function deckIds(deck) {
    return Array.from(deck.querySelectorAll(".closer-deck__item[data-card]"), (item) => item.dataset.card);
  }

  function titleOf(deck, id) {
    return deck.querySelector(`.closer-deck__item[data-card="${id}"] a`).textContent;
  }

  /* The set being made: the ticked cards, in deck order, and the title typed. */
  function picked(deck) {
    const ids = Array.from(deck.querySelectorAll("[data-set-pick]:checked"), (box) => box.dataset.setPick);
    return { ids, title: deck.querySelector("[data-set-title]").value.trim() };
  }

  /* Show the link and the count for the set being made. */
  function showMaking(deck) {
    const set = picked(deck);
    const base = location.href.split("#")[0];
    const url = set.ids.length ? link(base, set.ids, set.title) : "";
    deck.querySelector("[data-set-link]").value = url;
    deck.querySelector("[data-set-open]").href = url || "./";
    const n = set.ids.length;
    deck.querySelector("[data-set-count]").textContent = n
      ? `${n} ${n === 1 ? "card" : "cards"} in the set.`
      : "No cards in the set yet.";
    deck.querySelectorAll("[data-set-copy], [data-set-copy-message]").forEach((button) => {
      button.disabled = !n;
    });
  }

  function message(deck) {
    const set = picked(deck);
    const lines = [set.title ? `Cards from Closer: ${set.title}` : "Cards from Closer for you:"];
    for (const id of set.ids) lines.push(`- ${titleOf(deck, id)}`);
    lines.push(`Open them here: ${deck.querySelector("[data-set-link]").value}`);
    return lines.join("\n");
  }

  function copy(deck, text, what) {
    const status = deck.querySelector("[data-set-status]");
    const done = () => {
      status.textContent = `${what} copied. Paste it into a message or an email.`;
    };
    const failed = () => {
      deck.querySelector("[data-set-link]").select();
      status.textContent = "This browser would not copy it: the link is selected, so copy it by hand.";
    };
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(text).then(done, failed);
    else failed();
  }

  function togglePicking(deck, button) {
    const on = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", on ? "true" : "false");
    deck.querySelector("[data-set-panel]").hidden = !on;
    deck.querySelectorAll(".closer-set__pick").forEach((label) => {
      label.hidden = !on;
    });
    if (on) deck.setAttribute(PICKING, "");
    else deck.removeAttribute(PICKING);
    showMaking(deck);
  }

  /* Opening a set link: just its cards, its title, and what was left out. */
  function showSet(deck) {
    const view = deck.querySelector("[data-set-view]");
    const set = fromLocation(deckIds(deck));
    window.closer.cardSets.current = set?.ids;
    view.hidden = !set;
    if (set) {
      const n = set.ids.length;
      deck.querySelector("[data-set-heading]").textContent = set.title || "A set of cards for you";
      const count = `${n} ${n === 1 ? "card" : "cards"}`;
      deck.querySelector("[data-set-notice]").textContent = set.unknown.length
        ? `${unknownNotice(set.unknown)} The other ${count} ${n === 1 ? "is" : "are"} shown.`
        : `${count}, chosen for you.`;
      deck.querySelector("[data-set-print]").href = link(
        new URL("print/", location.href).href,
        set.ids,
        set.title,
      );
    }
    document.dispatchEvent(new CustomEvent("closer:set"));
  }

  window.closer.feature("card-sets", () => {
    document.addEventListener("click", (event) => {
      const deck = event.target.closest?.(DECK);
      if (!deck) return;
      const toggle = event.target.closest("[data-set-toggle]");
      if (toggle) togglePicking(deck, toggle);
      else if (event.target.closest("[data-set-copy]"))
        copy(deck, deck.querySelector("[data-set-link]").value, "The link");
      else if (event.target.closest("[data-set-copy-message]")) copy(deck, message(deck), "The message");
    });
    document.addEventListener("input", (event) => {
      const deck = event.target.closest?.(DECK);
      if (deck && event.target.matches("[data-set-title], [data-set-pick]")) showMaking(deck);
    });
    window.addEventListener("hashchange", () => {
      const deck = document.querySelector(DECK);
      if (deck) showSet(deck);
    });
    return () => {
      const deck = document.querySelector(DECK);
      if (deck) showSet(deck);
    };
  });
})();
