/*
 * The question deck (questions/): draw a question by depth and theme, go back to the last one,
 * mark questions as talked about or favourites, and suggest a set for tonight. The rules are in
 * questions-state.js; without this script the page is the whole list.
 */
(() => {
  const PAGE = '[data-page-kind="questions"]';
  const KEY = "questions";
  let model = null; /* questions-state.js, once it has run */
  const storage = window.closer.storage;

  /* This tab's draws, newest last, so "Back to the last one" can step back through them. */
  let history = [];

  /* The questions on the page, read once from the list the build wrote. */
  function questionsOf(page) {
    if (!page.closerQuestions) {
      page.closerQuestions = Array.from(page.querySelectorAll("li[data-question]"), (li) => ({
        id: li.dataset.question,
        depth: li.dataset.depth,
        theme: li.dataset.theme,
        text: li.querySelector(".closer-questions__q").textContent,
        followUp: li.querySelector(".closer-questions__then")?.textContent || "",
        depthLabel: page.querySelector(`#question-depth option[value="${li.dataset.depth}"]`).textContent,
        themeLabel: page.querySelector(`#question-theme option[value="${li.dataset.theme}"]`).textContent,
      }));
    }
    return page.closerQuestions;
  }

  /* The reader's marks, cleaned of ids no longer in the deck (and saved so, if anything went). */
  function readMarks(page) {
    const known = questionsOf(page).map((q) => q.id);
    const raw = storage.available() ? storage.read(KEY) : null;
    const marks = model.cleanMarks(raw, known);
    if (raw && JSON.stringify(raw) !== JSON.stringify(marks)) storage.write(KEY, marks);
    return marks;
  }

  function say(page, text) {
    page.querySelector("[data-question-status]").textContent = text;
  }

  /* Show one question in the draw box, with its marks. */
  function show(page, question, focus) {
    const box = page.querySelector("[data-question-shown]");
    box.dataset.question = question.id;
    box.querySelector("[data-question-meta]").textContent = `${question.depthLabel} · ${question.themeLabel}`;
    box.querySelector("[data-question-text]").textContent = question.text;
    box.querySelector("[data-question-follow]").textContent = question.followUp;
    box.hidden = false;
    showMarks(page);
    page.querySelector("[data-question-next]").textContent = "Another one";
    page.querySelector("[data-question-back]").disabled = history.length < 2;
    if (focus) box.focus();
  }

  /* Press the mark buttons of the question on show, and badge the talked-about ones in the list. */
  function showMarks(page) {
    const marks = readMarks(page);
    const shown = page.querySelector("[data-question-shown]").dataset.question;
    page.querySelectorAll("[data-question-mark]").forEach((button) => {
      const on = marks[button.dataset.questionMark].indexOf(shown) !== -1;
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    page.querySelectorAll("li[data-question]").forEach((li) => {
      const talked = marks.talked.indexOf(li.dataset.question) !== -1;
      let badge = li.querySelector(".closer-questions__badge");
      if (talked && !badge) {
        badge = document.createElement("span");
        badge.className = "closer-questions__badge";
        badge.textContent = " (talked about)";
        li.querySelector(".closer-questions__q").after(badge);
      } else if (!talked && badge) {
        badge.remove();
      }
    });
  }

  function filters(page) {
    const draw = page.querySelector("[data-question-draw]");
    const field = window.closer.field;
    return {
      depth: field(draw, "depth"),
      theme: field(draw, "theme"),
      fresh: field(draw, "fresh"),
      favourites: field(draw, "favourites"),
    };
  }

  function draw(page) {
    const list = model.choices(questionsOf(page), filters(page), readMarks(page));
    const question = model.pick(list, Math.random, history);
    if (!question) {
      say(page, "No questions match. Try another depth or theme, or untick a box.");
      return;
    }
    history.push(question.id);
    const n = list.length;
    say(page, `Drawn from ${n} ${n === 1 ? "question" : "questions"}.`);
    show(page, question, true);
  }

  function back(page) {
    if (history.length < 2) return;
    history.pop();
    const question = questionsOf(page).find((q) => q.id === history[history.length - 1]);
    say(page, "Back to the last question.");
    show(page, question, true);
  }

  function toggleMark(page, button) {
    const id = page.querySelector("[data-question-shown]").dataset.question;
    const list = button.dataset.questionMark;
    const on = button.getAttribute("aria-pressed") !== "true";
    if (!storage.write(KEY, model.mark(readMarks(page), list, id, on))) {
      say(page, "This browser is not letting Closer save anything, so marks are not kept.");
      return;
    }
    showMarks(page);
    if (list === "talked") say(page, on ? "Marked as talked about." : "No longer marked as talked about.");
    else say(page, on ? "Saved to your favourites." : "Taken out of your favourites.");
  }

  function suggestTonight(page) {
    const set = model.tonight(questionsOf(page), Math.random, readMarks(page));
    const list = page.querySelector("[data-question-set-list]");
    list.textContent = "";
    for (const question of set) {
      const item = list.appendChild(document.createElement("li"));
      item.dataset.question = question.id;
      item.dataset.depth = question.depth;
      const meta = item.appendChild(document.createElement("span"));
      meta.className = "closer-questions__meta";
      meta.textContent = `${question.depthLabel}: `;
      item.append(question.text);
    }
    page.querySelector("[data-question-set-hint]").hidden = false;
  }

  window.closer.feature("questions", () => {
    model = window.closer.questionState;
    document.addEventListener("click", (event) => {
      const page = event.target.closest?.(PAGE);
      if (!page) return;
      if (event.target.closest("[data-question-next]")) draw(page);
      else if (event.target.closest("[data-question-back]")) back(page);
      else if (event.target.closest("[data-question-set]")) suggestTonight(page);
      else if (event.target.closest("[data-question-mark]")) {
        toggleMark(page, event.target.closest("[data-question-mark]"));
      }
    });

    return () => {
      const page = document.querySelector(PAGE);
      if (!page) return;
      /* A page freshly shown has drawn nothing yet; one back from the cache keeps its draws. */
      if (!page.querySelector("[data-question-shown]").dataset.question) history = [];
      showMarks(page);
    };
  });
})();
