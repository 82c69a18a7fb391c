/*
 * The question deck's rules, as plain functions with no page in sight (unit-tested with node's
 * test runner in tests/js/): the marks a reader keeps, and how questions are drawn.
 *
 * Marks are saved under closer.questions: {"version": 1, "talked": [ids], "favourites": [ids]}.
 * A question is {id, depth, theme}; depths go "light", "deeper", "deep".
 */
(() => {
  const VERSION = 1;
  const LISTS = ["talked", "favourites"];
  const TONIGHT = ["light", "light", "deeper", "deeper", "deep"];

  function emptyMarks() {
    return { version: VERSION, talked: [], favourites: [] };
  }

  /* Keep what can be kept from saved or imported marks: unique id strings, in `known` if given. */
  function cleanMarks(raw, known) {
    const out = emptyMarks();
    if (!raw || typeof raw !== "object" || Array.isArray(raw) || raw.version !== VERSION) return out;
    for (const list of LISTS) {
      if (!Array.isArray(raw[list])) continue;
      out[list] = raw[list].filter(
        (id, i, all) =>
          typeof id === "string" &&
          /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) &&
          all.indexOf(id) === i &&
          (!known || known.indexOf(id) !== -1),
      );
    }
    return out;
  }

  /* The marks with one question added to or taken from one list. */
  function mark(marks, list, id, on) {
    const out = { ...marks, [list]: marks[list].filter((x) => x !== id) };
    if (on) out[list].push(id);
    return out;
  }

  /* The questions a draw may give: a depth and a theme ("" for any), and optionally only fresh
     ones (not talked about) or only favourites. */
  function choices(questions, filters, marks) {
    return questions.filter(
      (q) =>
        (!filters.depth || q.depth === filters.depth) &&
        (!filters.theme || q.theme === filters.theme) &&
        (!filters.fresh || marks.talked.indexOf(q.id) === -1) &&
        (!filters.favourites || marks.favourites.indexOf(q.id) !== -1),
    );
  }

  /* One question at random: none already `drawn` (ids, oldest first) while others are left, and
     never the last one again when there is any other; `random` gives 0 <= x < 1. */
  function pick(list, random, drawn) {
    const seen = drawn || [];
    const last = seen[seen.length - 1];
    let pool = list.filter((q) => seen.indexOf(q.id) === -1);
    if (!pool.length) pool = list.length > 1 ? list.filter((q) => q.id !== last) : list;
    return pool.length ? pool[Math.floor(random() * pool.length)] : null;
  }

  /* A set for tonight: two light questions, two deeper, one deep, each from a different theme
     where it can be, and ones not yet talked about where there are enough. */
  function tonight(questions, random, marks) {
    const chosen = [];
    for (const depth of TONIGHT) {
      const open = questions.filter((q) => q.depth === depth && chosen.indexOf(q) === -1);
      const fresh = open.filter((q) => marks.talked.indexOf(q.id) === -1);
      const pool = fresh.length ? fresh : open;
      const themes = chosen.map((q) => q.theme);
      const newTheme = pool.filter((q) => themes.indexOf(q.theme) === -1);
      const found = pick(newTheme.length ? newTheme : pool, random, null);
      if (found) chosen.push(found);
    }
    return chosen;
  }

  const api = { VERSION, emptyMarks, cleanMarks, mark, choices, pick, tonight };
  if (typeof module === "object") module.exports = api;
  else {
    window.closer.questionState = api;
    window.closer.scriptRan();
  }
})();
