/*
 * The challenge's saved progress, as plain functions with no page in sight (unit-tested with
 * node's test runner in tests/js/). challenge.js shows it on the pages and saves it.
 *
 * What is saved, under closer.challenge:
 *   {"version": 1, "mode": "together" | "alone",
 *    "days": {"1": {"tasks": {"task-id": true}, "note": "...", "done": true}}}
 * `known` is what this build of the site has: {order: ["1", ...], tasks: {"1": [ids]}}.
 */
(() => {
  const VERSION = 1;
  const MODES = ["together", "alone"];
  const MAX_NOTE = 20000;

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
  }

  function emptyState() {
    return { version: VERSION, mode: "together", days: {} };
  }

  /* The days and task ids a page's data names: {days: [{day: 1, tasks: [ids]}]}; null if unusable. */
  function knownDays(data) {
    try {
      const known = { order: [], tasks: {} };
      data.days.forEach((d) => {
        known.order.push(String(d.day));
        known.tasks[String(d.day)] = d.tasks.slice();
      });
      return known.order.length ? known : null;
    } catch (_e) {
      return null;
    }
  }

  function hasContent(day) {
    return !!day && (Object.keys(day.tasks).length > 0 || day.note !== "" || day.done);
  }

  /* Keep what each saved day has that is usable; note in `out` what was stale or dropped. */
  function cleanDay(key, entry, known, out) {
    const day = { tasks: {}, note: "", done: false };
    if (entry.tasks !== undefined) {
      if (!isObject(entry.tasks)) {
        out.dropped.push(`your ticks for day ${key}`);
      } else {
        Object.keys(entry.tasks).forEach((id) => {
          if (known.tasks[key].indexOf(id) < 0) out.stale += 1;
          else if (entry.tasks[id] === true) day.tasks[id] = true;
          else if (entry.tasks[id] !== false) out.dropped.push(`a tick on day ${key}`);
        });
      }
    }
    if (entry.note !== undefined) {
      if (typeof entry.note === "string" && entry.note.length <= MAX_NOTE) day.note = entry.note;
      else out.dropped.push(`your note for day ${key}`);
    }
    if (entry.done !== undefined) {
      if (typeof entry.done === "boolean") day.done = entry.done;
      else out.dropped.push(`the done mark for day ${key}`);
    }
    return day;
  }

  /*
   * Keep what can be kept from saved or imported data (null: nothing saved; undefined: not
   * readable). Returns the clean state, plus what was wrong: fatal (nothing usable: "unreadable",
   * "older" or "newer"), stale (ticks for tasks or days that no longer exist) and dropped (parts
   * with the wrong shape).
   */
  function clean(raw, known) {
    const out = { state: emptyState(), fatal: null, stale: 0, dropped: [] };
    if (raw === null) return out;
    if (raw === undefined) {
      out.fatal = "unreadable";
      return out;
    }
    if (!isObject(raw) || raw.version !== VERSION) {
      const newer = isObject(raw) && typeof raw.version === "number" && raw.version > VERSION;
      out.fatal = newer ? "newer" : "older";
      return out;
    }
    if (raw.mode !== undefined) {
      if (MODES.indexOf(raw.mode) >= 0) out.state.mode = raw.mode;
      else out.dropped.push("your together or on-my-own choice");
    }
    if (raw.days === undefined) return out;
    if (!isObject(raw.days)) {
      out.dropped.push("your progress for every day");
      return out;
    }
    Object.keys(raw.days).forEach((key) => {
      const entry = raw.days[key];
      if (!known.tasks[key]) {
        out.stale += 1;
      } else if (!isObject(entry)) {
        out.dropped.push(`your progress for day ${key}`);
      } else {
        const day = cleanDay(key, entry, known, out);
        if (hasContent(day)) out.state.days[key] = day;
      }
    });
    return out;
  }

  /* One canonical form to store and export: days in order, ticks in page order. */
  function canonical(state, known) {
    const out = { version: VERSION, mode: state.mode, days: {} };
    known.order.forEach((key) => {
      const day = state.days[key];
      if (!hasContent(day)) return;
      const tasks = {};
      known.tasks[key].forEach((id) => {
        if (day.tasks[id]) tasks[id] = true;
      });
      out.days[key] = { tasks: tasks, note: day.note, done: day.done };
    });
    return out;
  }

  /* What to tell the reader about data that was reset, in plain words ("" when nothing was). */
  function resetMessage(result, where) {
    const parts = [];
    const what = `Your saved challenge progress ${where}`;
    if (result.fatal === "unreadable") {
      parts.push(`${what} could not be read, so it has been reset.`);
    } else if (result.fatal === "older") {
      parts.push(
        `${what} came from an older version of this page that Closer can no longer read, so it has been reset.`,
      );
    } else if (result.fatal === "newer") {
      parts.push(`${what} came from a newer version of this page, so it has been reset.`);
    }
    if (result.stale) {
      parts.push(
        "Some of the challenge has changed since you last visited, so " +
          plural(result.stale, "old tick was", "old ticks were") +
          " removed.",
      );
    }
    if (result.dropped.length) {
      parts.push(
        `Part of your saved progress could not be used and was reset: ${result.dropped.join(", ")}.`,
      );
    }
    if (parts.length && !result.fatal) parts.push("Everything else is kept.");
    return parts.join(" ");
  }

  /* How far a day has got: {text, kind} with kind "new", "started" or "done". */
  function dayState(state, key, known) {
    const day = state.days[key];
    if (day?.done) return { text: "Done", kind: "done" };
    const ticked = day ? Object.keys(day.tasks).length : 0;
    if (!day || (!ticked && !day.note)) return { text: "Not started", kind: "new" };
    return { text: `${ticked} of ${known.tasks[key].length} tasks`, kind: "started" };
  }

  /* Where to carry on: the first day not done, and the words for the button that leads there. */
  function resume(state, known) {
    let started = false;
    let next = null;
    known.order.forEach((key) => {
      const kind = dayState(state, key, known).kind;
      if (kind !== "new") started = true;
      if (next === null && kind !== "done") next = key;
    });
    const day = next || known.order[0];
    let text;
    if (!started) text = `Start with day ${day}`;
    else if (next) text = `Continue at day ${day}`;
    else text = `All ${known.order.length} days done. Look back at day ${day}`;
    return { day: day, text: text };
  }

  const api = {
    VERSION,
    MODES,
    MAX_NOTE,
    isObject,
    plural,
    emptyState,
    knownDays,
    clean,
    canonical,
    resetMessage,
    dayState,
    resume,
  };
  if (typeof module === "object") module.exports = api;
  else {
    window.closer.challengeState = api;
    window.closer.scriptRan();
  }
})();
