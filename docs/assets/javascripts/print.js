/* The print sheet (cards/print/): layout, paper and which cards. Without it: fold cards, all of them. */
(function () {
  "use strict";

  /* Pages load this file with their content, so instant navigation runs it again on each visit. */
  if (window.closerPrintReady) return;
  window.closerPrintReady = true;


  /* Two-sided: backs sit in the mirrored column, so flipping on the long edge puts each behind its front. */
  var BACK_ORDER = [1, 0, 3, 2];

  /* Each paper's page box: the sheet (190 x 250 mm) centred, with a millimetre to spare. "auto" keeps
     the rule print.css starts with, which fits both. */
  var PAPERS = {
    a4: "size: 210mm 297mm; margin: 23mm 9.5mm;",
    letter: "size: 8.5in 11in; margin: 14.2mm 12.45mm;"
  };

  /* The unnamed @page rule in print.css, with the text it started with. */
  function pageRule() {
    var sheets = document.styleSheets;
    for (var i = 0; i < sheets.length; i++) {
      if (!/\/print\.css(\?|$)/.test(sheets[i].href || "")) continue;
      var rules = sheets[i].cssRules;
      for (var j = 0; j < rules.length; j++) {
        if (rules[j].type === 6 /* CSSRule.PAGE_RULE */ && !rules[j].selectorText) {
          var sheet = sheets[i];
          if (!sheet.closerAuto) sheet.closerAuto = rules[j].style.cssText;
          return { sheet: sheet, index: j };
        }
      }
    }
    return null;
  }

  /* Give every printed page the chosen paper's size and margins (see print.css for why one rule). */
  function usePaper(paper) {
    var found = pageRule();
    if (!found) return false;
    var body = PAPERS[paper] || found.sheet.closerAuto;
    found.sheet.deleteRule(found.index);
    found.sheet.insertRule("@page { " + body + " }", found.index);
    return true;
  }

  function sheet(label, extraClass) {
    var section = document.createElement("section");
    section.className = "closer-sheet" + (extraClass ? " " + extraClass : "");
    section.setAttribute("aria-label", label);
    return section;
  }

  function emptySlot() {
    var slot = document.createElement("div");
    slot.className = "closer-slot--empty";
    slot.setAttribute("aria-hidden", "true");
    return slot;
  }

  function foldSheets(cards) {
    var sheets = [];
    cards.forEach(function (card, i) {
      if (i % 2 === 0) sheets.push(sheet("Sheet " + (sheets.length + 1)));
      var pair = document.createElement("div");
      pair.className = "closer-pair";
      pair.appendChild(card.front);
      pair.appendChild(card.back);
      sheets[sheets.length - 1].appendChild(pair);
    });
    return sheets;
  }

  function duplexSheets(cards) {
    var sheets = [];
    for (var start = 0; start < cards.length; start += 4) {
      var group = cards.slice(start, start + 4);
      var n = sheets.length / 2 + 1;
      var fronts = sheet("Sheet " + (2 * n - 1) + ": fronts", "closer-sheet--fronts");
      var backs = sheet("Sheet " + (2 * n) + ": backs of sheet " + (2 * n - 1), "closer-sheet--backs");
      for (var i = 0; i < 4; i++) {
        fronts.appendChild(group[i] ? group[i].front : emptySlot());
        var back = group[BACK_ORDER[i]];
        backs.appendChild(back ? back.back : emptySlot());
      }
      sheets.push(fronts, backs);
    }
    return sheets;
  }

  function chosen(container, form) {
    var which = form.elements.which.value;
    var cards = container.closerCards;
    if (which === "fav") {
      var favs = window.closerFavourites ? window.closerFavourites.read(null) : [];
      return cards.filter(function (c) { return favs.indexOf(c.id) !== -1; });
    }
    if (which.indexOf("theme:") === 0) {
      var theme = which.slice(6);
      return cards.filter(function (c) { return c.theme === theme; });
    }
    return cards.slice();
  }

  function layout(page) {
    var container = page.querySelector("[data-print-sheets]");
    var form = page.querySelector("[data-print-controls]");
    var mode = form.elements.layout.value === "duplex" ? "duplex" : "fold";
    var paper = form.elements.paper.value;
    var cards = chosen(container, form);
    container.dataset.layout = mode;
    container.dataset.paper = PAPERS[paper] ? paper : "auto";
    usePaper(container.dataset.paper);
    container.textContent = "";
    var sheets = mode === "duplex" ? duplexSheets(cards) : foldSheets(cards);
    sheets.forEach(function (s) { container.appendChild(s); });
    var status = form.querySelector("[data-print-status]");
    var button = form.querySelector("[data-print-button]");
    button.disabled = !cards.length;
    if (!cards.length) {
      status.textContent = form.elements.which.value === "fav"
        ? "You have no favourites yet. Save some on the card deck first."
        : "No cards to print.";
    } else {
      status.textContent = cards.length + (cards.length === 1 ? " card on " : " cards on ") +
        sheets.length + (sheets.length === 1 ? " sheet." : " sheets.") +
        (mode === "duplex" ? " Print on both sides, flipping on the long edge." : "");
    }
  }

  /* Per page: collect the cards once from the page as built (fold layout, deck order). */
  function setup() {
    var page = document.querySelector("[data-print-page]");
    if (!page) return;
    var container = page.querySelector("[data-print-sheets]");
    var form = page.querySelector("[data-print-controls]");
    if (!container || !form) return;
    if (!container.closerCards) {
      container.closerCards = Array.prototype.map.call(
        container.querySelectorAll('[data-face="front"]'),
        function (front) {
          return {
            id: front.dataset.card,
            theme: front.dataset.theme,
            front: front,
            back: container.querySelector('[data-face="back"][data-card="' + front.dataset.card + '"]')
          };
        }
      );
    }
    form.hidden = false;
    layout(page);
    var link = document.querySelector('link[rel="stylesheet"][href*="print.css"]');
    if (link && !pageRule()) {
      link.addEventListener("load", function () { usePaper(container.dataset.paper); }, { once: true });
    }
  }

  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("[data-print-controls]");
    if (form) layout(form.closest("[data-print-page]"));
  });

  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("[data-print-controls]")) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print-button]")) window.print();
  });

  /* Back to a page kept in the back-forward cache: favourites may have changed on another page. */
  window.addEventListener("pageshow", function (event) {
    var page = event.persisted && document.querySelector("[data-print-page]");
    if (page && page.querySelector("[data-print-sheets]").closerCards) layout(page);
  });

  /* After instant navigation the stylesheet may still be loading when the page is set up. */
  window.addEventListener("beforeprint", function () {
    var container = document.querySelector("[data-print-page] [data-print-sheets]");
    if (container) usePaper(container.dataset.paper);
  });

  if (window.document$) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
