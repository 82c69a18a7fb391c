/* The print sheet (cards/print/): layout, paper and which cards. Without it: fold cards, all of them. */
(() => {
  const PAGE = '[data-page-kind="print"]';

  /* Two-sided: backs sit in the mirrored column, so flipping on the long edge puts each behind its front. */
  const BACK_ORDER = [1, 0, 3, 2];

  function sheet(label, extraClass) {
    const classes = `closer-sheet closer-print__sheet${extraClass ? ` ${extraClass}` : ""}`;
    return window.closer.paper.sheet(classes, label);
  }

  function emptySlot() {
    return window.closer.paper.emptySlot("closer-slot--empty");
  }

  function foldSheets(cards) {
    const sheets = [];
    cards.forEach((card, i) => {
      if (i % 2 === 0) sheets.push(sheet(`Sheet ${sheets.length + 1}`));
      const pair = document.createElement("div");
      pair.className = "closer-pair";
      pair.appendChild(card.front);
      pair.appendChild(card.back);
      sheets[sheets.length - 1].appendChild(pair);
    });
    return sheets;
  }

  function duplexSheets(cards) {
    const sheets = [];
    for (let start = 0; start < cards.length; start += 4) {
      const group = cards.slice(start, start + 4);
      const n = sheets.length / 2 + 1;
      const fronts = sheet(`Sheet ${2 * n - 1}: fronts`, "closer-sheet--fronts");
      const backs = sheet(`Sheet ${2 * n}: backs of sheet ${2 * n - 1}`, "closer-sheet--backs");
      for (let i = 0; i < 4; i++) {
        fronts.appendChild(group[i] ? group[i].front : emptySlot());
        const back = group[BACK_ORDER[i]];
        backs.appendChild(back ? back.back : emptySlot());
      }
      sheets.push(fronts, backs);
    }
    return sheets;
  }

  function chosen(container, controls) {
    const which = window.closer.field(controls, "which");
    const cards = container.closerCards;
    if (which === "set") return container.closerSet.ids.map((id) => cards.find((c) => c.id === id));
    if (which === "fav") {
      const favs = window.closer.favourites.read(null);
      return cards.filter((c) => favs.indexOf(c.id) !== -1);
    }
    if (which.indexOf("theme:") === 0) {
      const theme = which.slice(6);
      return cards.filter((c) => c.theme === theme);
    }
    return cards.slice();
  }

  function layout(page) {
    const container = page.querySelector("[data-print-sheets]");
    const controls = page.querySelector("[data-print-controls]");
    const mode = window.closer.field(controls, "layout") === "duplex" ? "duplex" : "fold";
    const paper = window.closer.field(controls, "paper");
    const cards = chosen(container, controls);
    container.dataset.layout = mode;
    window.closer.paper.use(container, paper);
    container.textContent = "";
    const sheets = mode === "duplex" ? duplexSheets(cards) : foldSheets(cards);
    sheets.forEach((s) => {
      container.appendChild(s);
    });
    const status = controls.querySelector("[data-print-status]");
    const button = controls.querySelector("[data-print-button]");
    button.disabled = !cards.length;
    if (!cards.length) {
      status.textContent =
        window.closer.field(controls, "which") === "fav"
          ? "You have no favourites yet. Save some on the card deck first."
          : "No cards to print.";
    } else {
      const set = window.closer.field(controls, "which") === "set" ? container.closerSet : null;
      status.textContent =
        (set?.unknown.length ? `${window.closer.cardSets.unknownNotice(set.unknown)} ` : "") +
        cards.length +
        (cards.length === 1 ? " card on " : " cards on ") +
        sheets.length +
        (sheets.length === 1 ? " sheet." : " sheets.") +
        (mode === "duplex" ? " Print on both sides, flipping on the long edge." : "");
    }
  }

  /* Per page: collect the cards once from the page as built (fold layout, deck order), then lay
     them out as chosen. Again on a return from the back-forward cache: favourites may have changed. */
  function setup() {
    const page = document.querySelector(PAGE);
    if (!page) return;
    const container = page.querySelector("[data-print-sheets]");
    if (!container.closerCards) {
      container.closerCards = Array.prototype.map.call(
        container.querySelectorAll('[data-face="front"]'),
        (front) => ({
          id: front.dataset.card,
          theme: front.dataset.theme,
          front: front,
          back: container.querySelector(`[data-face="back"][data-card="${front.dataset.card}"]`),
        }),
      );
    }
    /* A set from a link (card-sets.js): offered first, and chosen. */
    const set = window.closer.cardSets.fromLocation(container.closerCards.map((c) => c.id));
    container.closerSet = set;
    const select = page.querySelector('[name="which"]');
    if (set && !select.querySelector('option[value="set"]')) {
      select.prepend(new Option(`The set in this link${set.title ? `: ${set.title}` : ""}`, "set"));
      select.value = "set";
    }
    layout(page);
  }

  window.closer.feature("print", () => {
    window.closer.paper.controls(PAGE, layout);
    return setup;
  });
})();
