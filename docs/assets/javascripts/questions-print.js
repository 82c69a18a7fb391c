/*
 * The question print sheet (questions/print/): nine questions to a sheet, fronts only or with a
 * sheet of backs after each; all questions, one depth, one theme or the favourites; A4, US
 * Letter or the printer's paper (paper.js). Without it: every question, fronts only.
 */
(() => {
  const PAGE = '[data-page-kind="questions-print"]';
  const PER_SHEET = 9;
  const COLUMNS = 3;

  function sheet(label) {
    return window.closer.paper.sheet("closer-qsheet closer-print__sheet", label);
  }

  function emptySlot() {
    return window.closer.paper.emptySlot("closer-qslot--empty");
  }

  /* A back for one question: the same for every card, but for the mark that names it. */
  function back(question) {
    const card = document.createElement("div");
    card.className = "closer-qcard closer-qcard--back";
    card.dataset.question = question.id;
    card.dataset.face = "back";
    const brand = card.appendChild(document.createElement("p"));
    brand.className = "closer-qcard__brand";
    brand.textContent = "Closer";
    const line = card.appendChild(document.createElement("p"));
    line.className = "closer-qcard__backline";
    line.textContent = "Questions for two";
    const mark = card.appendChild(document.createElement("p"));
    mark.className = "closer-qcard__mark";
    mark.dataset.mark = "";
    mark.textContent = `Closer · ${question.id}`;
    return card;
  }

  /* Sheets of nine; with backs, each followed by its backs, every row mirrored so that flipping
     the sheet on its long edge puts each back behind its question. */
  function sheets(questions, withBacks) {
    const out = [];
    for (let start = 0; start < questions.length; start += PER_SHEET) {
      const group = questions.slice(start, start + PER_SHEET);
      const number = out.length + 1;
      const fronts = sheet(withBacks ? `Sheet ${number}: questions` : `Sheet ${number}`);
      for (let i = 0; i < PER_SHEET; i++) fronts.appendChild(group[i] ? group[i].front : emptySlot());
      out.push(fronts);
      if (!withBacks) continue;
      const backs = sheet(`Sheet ${number + 1}: backs of sheet ${number}`);
      for (let i = 0; i < PER_SHEET; i++) {
        const row = Math.floor(i / COLUMNS);
        const mirrored = group[row * COLUMNS + (COLUMNS - 1 - (i % COLUMNS))];
        backs.appendChild(mirrored ? back(mirrored) : emptySlot());
      }
      out.push(backs);
    }
    return out;
  }

  function chosen(container, controls) {
    const which = window.closer.field(controls, "which");
    const all = container.closerQuestions;
    if (which === "fav") {
      const raw = window.closer.storage.read("questions");
      const marks = window.closer.questionState.cleanMarks(raw, null);
      return all.filter((q) => marks.favourites.indexOf(q.id) !== -1);
    }
    const [field, value] = which.split(":");
    return value ? all.filter((q) => q[field] === value) : all.slice();
  }

  function layout(page) {
    const container = page.querySelector("[data-print-sheets]");
    const controls = page.querySelector("[data-print-controls]");
    const withBacks = window.closer.field(controls, "layout") === "duplex";
    const questions = chosen(container, controls);
    container.dataset.layout = withBacks ? "duplex" : "fronts";
    window.closer.paper.use(container, window.closer.field(controls, "paper"));
    container.textContent = "";
    const made = sheets(questions, withBacks);
    for (const one of made) container.appendChild(one);
    const status = controls.querySelector("[data-print-status]");
    controls.querySelector("[data-print-button]").disabled = !questions.length;
    if (!questions.length) {
      status.textContent =
        window.closer.field(controls, "which") === "fav"
          ? "You have no favourite questions yet. Mark some on the question page first."
          : "No questions to print.";
      return;
    }
    const n = questions.length;
    status.textContent =
      `${n} ${n === 1 ? "question" : "questions"} on ${made.length} ${made.length === 1 ? "sheet" : "sheets"}.` +
      (withBacks ? " Print on both sides, flipping on the long edge." : "");
  }

  /* Per page: collect the questions once, as the build laid them out, then lay them out as chosen. */
  function setup() {
    const page = document.querySelector(PAGE);
    if (!page) return;
    const container = page.querySelector("[data-print-sheets]");
    if (!container.closerQuestions) {
      container.closerQuestions = Array.from(container.querySelectorAll('[data-face="front"]'), (front) => ({
        id: front.dataset.question,
        depth: front.dataset.depth,
        theme: front.dataset.theme,
        front,
      }));
    }
    layout(page);
  }

  window.closer.feature("questions-print", () => {
    window.closer.paper.controls(PAGE, layout);
    return setup;
  });
})();
