/*
 * The challenge on the page: ticks, notes, "together or alone", export and import, calendar
 * reminders, and a "don't save anything" mode. What is saved, and how bad saved data is mended,
 * is in challenge-state.js; the calendar file in ics.js.
 *
 * The pages (hooks/templates/challenge.md.j2 and day.md.j2) sit in a wrapper
 * [data-page-kind="challenge"] or [data-page-kind="day"] whose data-page-data holds
 * {"days": [{"day": 1, "tasks": [ids]}, ...]} and, on a day, "day": N. Inside:
 *   [data-challenge-notice]                 a role="status" line near the top
 *   [data-mode-switch] [data-mode-choice]   together / on my own
 *   day pages: [data-task="id"], [data-note], [data-day-done], [data-day-status]
 *   start page: [data-day-state="N"], [data-resume], [data-no-save], [data-ics] [data-ics-date]
 *     [data-ics-time] [data-ics-neutral], [data-export], [data-import-button] [data-import],
 *     [data-clear-challenge], [data-settings-status]
 * State kept here lasts across instant navigation (that is what "don't save" relies on) and is
 * gone after a reload.
 */
(() => {
  /* The plain functions of challenge-state.js and questions-state.js, once those have run. */
  let model = null;
  let questionMarks = null;
  const storage = window.closer.storage;
  const KEY = "challenge";
  const APP = "closer-challenge";
  const MAX_FILE = 1000000;
  const PAGE = '[data-page-kind="challenge"], [data-page-kind="day"]';

  let memory = null; /* the reader's progress as last loaded or changed */
  let noSave = false; /* "don't save anything on this device", for this tab only */

  /* The page's wrapper with what this build knows (its days and tasks), or null. */
  function pageOf(element) {
    const root = element?.closest ? element.closest(PAGE) : null;
    if (!root) return null;
    let data;
    try {
      data = JSON.parse(root.getAttribute("data-page-data"));
    } catch (_e) {
      return null;
    }
    const known = model.knownDays(data);
    return known ? { root: root, known: known, day: data.day ? String(data.day) : null } : null;
  }

  /* ---------- loading and saving ---------- */

  /* Load the reader's progress; push anything worth saying onto notices. */
  function load(known, notices) {
    if (noSave || !storage.available()) {
      memory = model.clean(memory ? JSON.parse(JSON.stringify(memory)) : null, known).state;
      return;
    }
    const result = model.clean(storage.read(KEY), known);
    memory = result.state;
    const message = model.resetMessage(result, "on this device");
    if (message) {
      notices.push(message);
      save(known);
    }
  }

  /* Save the progress in memory, unless the reader asked us not to. */
  function save(known) {
    memory = model.canonical(memory, known);
    if (noSave) return true;
    if (!storage.available()) return false;
    if (storage.write(KEY, memory)) return true;
    say(
      document.querySelector(PAGE),
      "[data-challenge-notice]",
      "Closer could not save your last change. Your browser's storage may be full.",
    );
    return false;
  }

  function dayEntry(key) {
    if (!memory.days[key]) memory.days[key] = { tasks: {}, note: "", done: false };
    return memory.days[key];
  }

  /* ---------- showing it ---------- */

  function say(root, selector, text) {
    const box = root?.querySelector(selector);
    if (box) box.textContent = text;
  }

  function standingNotice() {
    if (noSave) {
      return "Saving is off: your ticks and notes are kept only in this tab, and are gone when you reload or close it.";
    }
    if (!storage.available()) {
      return "This browser is not letting Closer save anything, so your progress will not be saved. Your ticks and notes last only until you reload or close this tab. Everything else works as usual.";
    }
    return "";
  }

  function showNotices(root, notices) {
    const standing = standingNotice();
    say(root, "[data-challenge-notice]", (standing ? [standing] : []).concat(notices).join(" "));
  }

  function showMode(root) {
    root.setAttribute("data-closer-mode", memory.mode);
    root.querySelectorAll("[data-mode-choice]").forEach((input) => {
      input.checked = input.value === memory.mode;
    });
  }

  function showStart(page) {
    const root = page.root;
    page.known.order.forEach((key) => {
      const state = model.dayState(memory, key, page.known);
      const badge = root.querySelector(`[data-day-state="${key}"]`);
      if (badge) {
        badge.textContent = state.text;
        badge.setAttribute("data-kind", state.kind);
      }
    });
    const button = root.querySelector("[data-resume]");
    const next = model.resume(memory, page.known);
    const link = root.querySelector(`[data-day="${next.day}"] a`);
    if (button && link) button.setAttribute("href", link.getAttribute("href"));
    if (button) button.textContent = next.text;
    const box = root.querySelector("[data-no-save]");
    if (box) box.checked = noSave;
    const date = root.querySelector("[data-ics-date]");
    if (date && !date.value) date.value = isoDate(new Date());
  }

  function showDay(page) {
    const day = memory.days[page.day] || { tasks: {}, note: "", done: false };
    page.root.querySelectorAll("[data-task]").forEach((box) => {
      box.checked = !!day.tasks[box.getAttribute("data-task")];
    });
    const note = page.root.querySelector("[data-note]");
    if (note && note.value !== day.note) note.value = day.note;
    const done = page.root.querySelector("[data-day-done]");
    if (done) done.setAttribute("aria-pressed", day.done ? "true" : "false");
  }

  function show(page) {
    showMode(page.root);
    if (page.day) showDay(page);
    else showStart(page);
  }

  /* Read what is saved and show it: on arrival, and on a return from the back-forward cache. */
  function setup() {
    const page = pageOf(document.querySelector(PAGE));
    if (!page) return;
    const notices = [];
    load(page.known, notices);
    show(page);
    showNotices(page.root, notices);
    page.root.setAttribute("data-challenge-ready", "");
  }

  /* Show the progress in memory once more, leaving any notice as it is. */
  function reshow() {
    const page = pageOf(document.querySelector(PAGE));
    if (page && memory) show(page);
  }

  /* ---------- files ---------- */

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function isoDate(d) {
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 10000);
  }

  /* ---------- what the reader does ---------- */

  function onTask(page, box) {
    const day = dayEntry(page.day);
    if (box.checked) day.tasks[box.getAttribute("data-task")] = true;
    else delete day.tasks[box.getAttribute("data-task")];
    save(page.known);
    const ticked = Object.keys(day.tasks).length;
    const total = page.known.tasks[page.day].length;
    const all = box.checked && ticked === total && !day.done;
    say(
      page.root,
      "[data-day-status]",
      all ? `All ${total} tasks ticked. Mark the day done when you feel ready.` : "",
    );
  }

  function onNote(page, note) {
    dayEntry(page.day).note = note.value.slice(0, model.MAX_NOTE);
    save(page.known);
  }

  function onDone(page, button) {
    const day = dayEntry(page.day);
    day.done = !day.done;
    save(page.known);
    button.setAttribute("aria-pressed", day.done ? "true" : "false");
    say(
      page.root,
      "[data-day-status]",
      day.done
        ? `Day ${page.day} is marked done. Well done for showing up.`
        : `Day ${page.day} is no longer marked done.`,
    );
  }

  function onMode(page, input) {
    if (!input.checked || model.MODES.indexOf(input.value) < 0) return;
    memory.mode = input.value;
    save(page.known);
    showMode(page.root);
    const text =
      memory.mode === "alone"
        ? "Now showing the steps for doing this on your own."
        : "Now showing the steps for doing this together.";
    say(page.root, page.day ? "[data-day-status]" : "[data-settings-status]", text);
  }

  function onNoSave(page, box) {
    noSave = box.checked;
    let text;
    if (noSave) {
      text =
        "Saving is off. From now on nothing is saved on this device; your ticks and notes stay in this tab until you reload or close it. What was saved before is still here until you clear it.";
    } else if (save(page.known)) {
      text = "Saving is on again. Your progress is saved on this device.";
    } else {
      text = "Saving is on again, but this browser is not letting Closer save anything.";
    }
    showNotices(page.root, []);
    say(page.root, "[data-settings-status]", text);
  }

  function onExport(page) {
    const data = model.canonical(memory, page.known);
    const file = {
      app: APP,
      version: data.version,
      mode: data.mode,
      days: data.days,
      /* The question deck's marks travel with the challenge (questions-state.js). */
      questions: questionMarks.cleanMarks(storage.read("questions"), null),
      exported: new Date().toISOString(),
    };
    download("closer-challenge-progress.json", "application/json", `${JSON.stringify(file, null, 2)}\n`);
    say(
      page.root,
      "[data-settings-status]",
      "Your progress file is downloading. Anyone who can open files on this device can read it: keep it somewhere private.",
    );
  }

  function refuse(page, why) {
    say(page.root, "[data-settings-status]", `${why} Nothing was changed.`);
  }

  /* Check an imported file's text; return the cleaned result, or refuse and return null. */
  function readImport(page, text) {
    let raw;
    try {
      raw = JSON.parse(text);
    } catch (_e) {
      refuse(page, "That file is not a Closer progress file: it could not be read.");
      return null;
    }
    if (!model.isObject(raw) || (raw.app !== undefined && raw.app !== APP)) {
      refuse(page, "That file is not a Closer challenge progress file.");
      return null;
    }
    const result = model.clean(raw, page.known);
    if (result.fatal === "unreadable" || result.fatal === "older") {
      refuse(page, "That file is not a progress file this version of Closer can read.");
    } else if (result.fatal === "newer") {
      refuse(page, "That file was made by a newer version of Closer.");
    } else if (result.dropped.length) {
      refuse(page, `That file has parts Closer cannot use (${result.dropped.join(", ")}).`);
    } else {
      /* Question marks, if the file has them: kept as far as they are good. */
      if (raw.questions !== undefined) result.questions = questionMarks.cleanMarks(raw.questions, null);
      return result;
    }
    return null;
  }

  function onImport(page, input) {
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE) {
      input.value = "";
      refuse(page, "That file is too big to be a Closer progress file.");
      return;
    }
    file.text().then(
      (text) => {
        input.value = "";
        const result = readImport(page, text);
        if (!result) return;
        memory = result.state;
        const saved = save(page.known);
        if (result.questions && !noSave) storage.write("questions", result.questions);
        show(page);
        let message = "Your progress was loaded from the file.";
        if (result.stale) {
          message += ` ${model.plural(result.stale, "tick was", "ticks were")} left out, for tasks that have changed since.`;
        }
        if (noSave) message += " It is kept in this tab only, because saving is off.";
        else if (!saved) message += " This browser is not letting Closer save it.";
        say(page.root, "[data-settings-status]", message);
      },
      () => {
        input.value = "";
        refuse(page, "That file could not be opened.");
      },
    );
  }

  function onClear(page) {
    if (
      !window.confirm("Clear your challenge progress, ticks and notes on this device? This cannot be undone.")
    )
      return;
    memory = model.emptyState();
    storage.remove(KEY);
    show(page);
    say(page.root, "[data-challenge-notice]", standingNotice());
    say(
      page.root,
      "[data-settings-status]",
      "Your challenge progress is cleared. You can start again whenever you like.",
    );
  }

  function onCalendar(page) {
    const date = page.root.querySelector("[data-ics-date]");
    const time = page.root.querySelector("[data-ics-time]");
    const neutral = page.root.querySelector("[data-ics-neutral]");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date.value)) {
      say(page.root, "[data-settings-status]", "Please pick the date of your first day.");
      date.focus();
      return;
    }
    if (!/^\d{2}:\d{2}/.test(time.value)) {
      say(page.root, "[data-settings-status]", "Please pick a time for the reminders.");
      time.focus();
      return;
    }
    const days = page.known.order.map((key) => {
      const link = page.root.querySelector(`[data-day="${key}"] a`);
      return { name: link.textContent.trim(), url: link.href };
    });
    const text = window.closer.ics.calendar({
      days: days,
      start: date.value,
      time: time.value,
      neutral: !!neutral?.checked,
      now: new Date(),
      host: location.hostname || "closer.local",
      nonce: Math.random().toString(36).slice(2, 10),
    });
    download("closer-challenge-reminders.ics", "text/calendar;charset=utf-8", text);
    say(
      page.root,
      "[data-settings-status]",
      "Your calendar file is downloading. Open it to add the reminders.",
    );
  }

  window.closer.feature("challenge", () => {
    model = window.closer.challengeState;
    questionMarks = window.closer.questionState;
    document.addEventListener("change", (event) => {
      const target = event.target;
      const page = pageOf(target);
      if (!page) return;
      if (!memory) load(page.known, []); /* a change before the page was set up */
      if (target.matches("[data-task]")) onTask(page, target);
      else if (target.matches("[data-mode-choice]")) onMode(page, target);
      else if (target.matches("[data-no-save]")) onNoSave(page, target);
      else if (target.matches("[data-import]")) onImport(page, target);
    });

    document.addEventListener("input", (event) => {
      const page = pageOf(event.target);
      if (!page || !event.target.matches("[data-note]")) return;
      if (!memory) load(page.known, []);
      onNote(page, event.target);
    });

    document.addEventListener("click", (event) => {
      const button = event.target.closest?.("button");
      const page = pageOf(button);
      if (!page) return;
      if (!memory) load(page.known, []); /* a change before the page was set up */
      if (button.matches("[data-day-done]")) onDone(page, button);
      else if (button.matches("[data-export]")) onExport(page);
      else if (button.matches("[data-import-button]")) page.root.querySelector("[data-import]").click();
      else if (button.matches("[data-clear-challenge]")) onClear(page);
      else if (button.matches("[data-ics]")) onCalendar(page);
    });

    /* Once, in Chromium after Back on a busy machine, the ticks and the mode went back to the
       page's defaults after set-up: a browser restoring the form late (WebKit does so after
       pageshow for some fields). Show what is saved once more when loading is done. */
    window.addEventListener("load", () => setTimeout(reshow, 0));
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) setTimeout(reshow, 0);
    });

    return setup;
  });
})();
