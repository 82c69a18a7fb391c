/*
 * The challenge workbook (challenge/print/): the paper, and "include what I wrote", which puts
 * the reader's saved ticks and notes into the printout. Off unless chosen; nothing is saved by
 * choosing it. Without this script the workbook prints with empty boxes and lines.
 */
(() => {
  const PAGE = '[data-page-kind="workbook"]';
  let model = null; /* challenge-state.js, once it has run */

  /* The saved progress, as challenge.js keeps it, cleaned against this build's days. */
  function saved(page) {
    const known = model.knownDays(JSON.parse(page.getAttribute("data-page-data")));
    return model.clean(window.closer.storage.read("challenge"), known).state;
  }

  /* Fill the boxes and notes with what was saved, or empty them again. */
  function showMine(page, on) {
    const state = on ? saved(page) : model.emptyState();
    page.querySelectorAll("[data-workbook-day]").forEach((section) => {
      const day = state.days[section.dataset.workbookDay];
      section.querySelectorAll("[data-workbook-task]").forEach((task) => {
        task.querySelector(".closer-wb-box").textContent = day?.tasks[task.dataset.workbookTask] ? "✓" : "";
      });
    });
    page.querySelectorAll("[data-workbook-note]").forEach((note) => {
      const text = state.days[note.dataset.workbookNote]?.note || "";
      note.textContent = text;
      note.hidden = !text;
    });
    const ticks = page.querySelectorAll(".closer-wb-box:not(:empty)").length;
    const notes = page.querySelectorAll("[data-workbook-note]:not([hidden])").length;
    page.querySelector("[data-print-status]").textContent = on
      ? `Your ${ticks} ${ticks === 1 ? "tick" : "ticks"} and ${notes} ${notes === 1 ? "note" : "notes"} will print. Keep the printout private.`
      : "The workbook prints with empty boxes and lines.";
  }

  function layout(page) {
    const controls = page.querySelector("[data-print-controls]");
    window.closer.paper.use(
      page.querySelector("[data-print-sheets]"),
      window.closer.field(controls, "paper"),
    );
    showMine(page, window.closer.field(controls, "mine") === true);
  }

  window.closer.feature("workbook", () => {
    model = window.closer.challengeState;
    window.closer.paper.controls(PAGE, layout);
    return () => {
      const page = document.querySelector(PAGE);
      if (page) layout(page);
    };
  });
})();
