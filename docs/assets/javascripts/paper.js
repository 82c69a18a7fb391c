/*
 * The paper a printable page prints on (cards/print/, questions/print/, challenge/print/). A
 * sheets container either says its sheet size, data-sheet-mm="190 250", and gets a page box one
 * millimetre larger than a sheet, centred on the chosen paper, so each sheet is one page and a
 * two-sided back lands behind its front; or says its margins, data-page-margin="16mm 18mm", for
 * pages that flow. "auto" keeps the page's own CSS rule, which fits both papers.
 *
 * It rewrites the unnamed @page rule of the page's print stylesheet (its name ends in print.css:
 * print.css, questions-print.css, workbook-print.css): Firefox gives the first printed page the unnamed rule whatever named
 * pages say, so one unnamed rule, set here, is what works in every engine.
 */
(() => {
  /* Paper sizes in millimetres, and the CSS size that names them. */
  const PAPERS = {
    a4: { width: 210, height: 297, size: "210mm 297mm" },
    letter: { width: 215.9, height: 279.4, size: "8.5in 11in" },
  };

  function mm(value) {
    return `${Math.round(value * 100) / 100}mm`;
  }

  /* The page box for one paper: the sheet centred, with half a millimetre to spare each side. */
  function pageBox(paper, sheet) {
    const top = (paper.height - sheet[1] - 1) / 2;
    const side = (paper.width - sheet[0] - 1) / 2;
    return `size: ${paper.size}; margin: ${mm(top)} ${mm(side)};`;
  }

  /* The unnamed @page rule of the print stylesheet, remembering the text it started with. */
  function pageRule() {
    for (const sheet of document.styleSheets) {
      if (!/print\.css(\?|$)/.test(sheet.href || "")) continue;
      for (let i = 0; i < sheet.cssRules.length; i++) {
        const rule = sheet.cssRules[i];
        if (rule.type === 6 /* CSSRule.PAGE_RULE */ && !rule.selectorText) {
          if (!sheet.closerAuto) sheet.closerAuto = rule.style.cssText;
          return { sheet, index: i };
        }
      }
    }
    return null;
  }

  /* Print every page of this sheets container on `paper` ("a4", "letter" or "auto"). */
  function use(container, paper) {
    container.dataset.paper = PAPERS[paper] ? paper : "auto";
    const found = pageRule();
    if (!found) return false;
    let body = found.sheet.closerAuto;
    if (PAPERS[paper] && container.dataset.sheetMm) {
      body = pageBox(PAPERS[paper], container.dataset.sheetMm.split(" ").map(Number));
    } else if (PAPERS[paper]) {
      /* Pages that flow (the workbook) keep their own margins, on the chosen paper. */
      body = `size: ${PAPERS[paper].size}; margin: ${container.dataset.pageMargin};`;
    }
    found.sheet.deleteRule(found.index);
    found.sheet.insertRule(`@page { ${body} }`, found.index);
    return true;
  }

  /* A new sheet: a section with these classes, named for screen readers. */
  function sheet(classes, label) {
    const section = document.createElement("section");
    section.className = classes;
    section.setAttribute("aria-label", label);
    return section;
  }

  /* An empty place on a sheet (the last sheet's unused slots), hidden from screen readers. */
  function emptySlot(className) {
    const slot = document.createElement("div");
    slot.className = className;
    slot.setAttribute("aria-hidden", "true");
    return slot;
  }

  /* A print page's own controls: any change lays the page out again; its button prints. */
  function controls(pageSelector, layout) {
    document.addEventListener("change", (event) => {
      const changed = event.target.closest?.(`${pageSelector} [data-print-controls]`);
      if (changed) layout(changed.closest(pageSelector));
    });
    document.addEventListener("click", (event) => {
      if (event.target.closest?.(`${pageSelector} [data-print-button]`)) window.print();
    });
  }

  window.closer.paper = { use, sheet, emptySlot, controls };

  window.closer.feature("paper", () => {
    /* Again just before printing: after instant navigation the stylesheet may have been loading. */
    window.addEventListener("beforeprint", () => {
      const container = document.querySelector("[data-print-sheets]");
      if (container) use(container, container.dataset.paper);
    });
    return () => {
      const container = document.querySelector("[data-print-sheets]");
      const link = document.querySelector('link[rel="stylesheet"][href*="print.css"]');
      if (container && link && !pageRule()) {
        link.addEventListener("load", () => use(container, container.dataset.paper), { once: true });
      }
    };
  });
})();
