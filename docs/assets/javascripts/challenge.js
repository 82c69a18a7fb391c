/*
 * Closer: the five-day challenge. Ticks, notes, "together or alone", export and
 * import, calendar reminders, and a "don't save anything" mode.
 *
 * Everything lives under one key in the browser's storage, through
 * window.closerStorage (storage.js): "closer.challenge" holds
 *   {"version": 1, "mode": "together" | "alone",
 *    "days": {"1": {"tasks": {"task-id": true}, "note": "...", "done": true}}}
 *
 * Markup it expects (from hooks/templates/challenge.md.j2 and day.md.j2):
 *   [data-challenge-start] or [data-challenge-day="N"]   the page, with
 *     data-challenge-data='{"version": 1, "days": [{"day": 1, "tasks": [ids]}]}'
 *     (an attribute, not a script: instant navigation re-runs inline scripts
 *     in the new page as JavaScript, whatever their type)
 *     [data-challenge-notice]          a role="status" line near the top
 *     [data-mode-switch] [data-mode-choice]   together / on my own
 *   day pages: [data-task="id"], [data-note], [data-day-done], [data-day-status]
 *   start page: [data-day-state="N"], [data-resume], [data-challenge-settings],
 *     [data-no-save], [data-ics] [data-ics-date] [data-ics-time], [data-export],
 *     [data-import-button] [data-import], [data-clear-challenge], [data-settings-status]
 *
 * The file loads with the challenge pages' content, which instant navigation
 * runs again on each arrival: the guard below sets up once, the per-page work
 * runs from document$.subscribe, and every listener sits on the document, added
 * once. State kept in this closure lasts across page swaps (that is what "don't
 * save" relies on) and is gone after a reload.
 */
(function () {
  "use strict";

  /* Pages load this file with their content, so instant navigation runs it again on each visit. */
  if (window.closerChallengeReady) return;
  window.closerChallengeReady = true;

  var KEY = "challenge";
  var VERSION = 1;
  var APP = "closer-challenge";
  var MODES = ["together", "alone"];
  var MAX_NOTE = 20000;
  var MAX_FILE = 1000000;
  var PAGE = "[data-challenge-start], [data-challenge-day]";

  var memory = null; /* the reader's progress as last loaded or changed */
  var noSave = false; /* "don't save anything on this device", for this tab only */

  /* ---------- small helpers ---------- */

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function emptyState() {
    return { version: VERSION, mode: "together", days: {} };
  }

  function currentPage() {
    return document.querySelector(PAGE);
  }

  /* The days and task ids this build of the site knows, from the page's JSON. */
  function knownDays(root) {
    var json = root.getAttribute("data-challenge-data");
    if (!json) return null;
    try {
      var data = JSON.parse(json);
      var known = { order: [], tasks: {} };
      data.days.forEach(function (d) {
        known.order.push(String(d.day));
        known.tasks[String(d.day)] = d.tasks.slice();
      });
      return known;
    } catch (e) {
      return null;
    }
  }

  /* ---------- checking saved data ---------- */

  /*
   * Keep what can be kept from saved or imported data. Returns the clean state,
   * plus what was wrong: fatal (nothing usable), stale (ticks for tasks or days
   * that no longer exist) and dropped (parts with the wrong shape).
   */
  function clean(raw, known) {
    var out = { state: emptyState(), fatal: null, stale: 0, dropped: [] };
    if (raw === null) return out;
    if (raw === undefined) {
      out.fatal = "unreadable";
      return out;
    }
    if (!isObject(raw) || raw.version !== VERSION) {
      var newer = isObject(raw) && typeof raw.version === "number" && raw.version > VERSION;
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
    Object.keys(raw.days).forEach(function (key) {
      var entry = raw.days[key];
      if (!known.tasks[key]) {
        out.stale += 1;
        return;
      }
      if (!isObject(entry)) {
        out.dropped.push("your progress for day " + key);
        return;
      }
      var day = { tasks: {}, note: "", done: false };
      if (entry.tasks !== undefined) {
        if (!isObject(entry.tasks)) {
          out.dropped.push("your ticks for day " + key);
        } else {
          Object.keys(entry.tasks).forEach(function (id) {
            if (known.tasks[key].indexOf(id) < 0) out.stale += 1;
            else if (entry.tasks[id] === true) day.tasks[id] = true;
            else if (entry.tasks[id] !== false) out.dropped.push("a tick on day " + key);
          });
        }
      }
      if (entry.note !== undefined) {
        if (typeof entry.note === "string" && entry.note.length <= MAX_NOTE) day.note = entry.note;
        else out.dropped.push("your note for day " + key);
      }
      if (entry.done !== undefined) {
        if (typeof entry.done === "boolean") day.done = entry.done;
        else out.dropped.push("the done mark for day " + key);
      }
      if (hasContent(day)) out.state.days[key] = day;
    });
    return out;
  }

  function hasContent(day) {
    return !!day && (Object.keys(day.tasks).length > 0 || day.note !== "" || day.done);
  }

  /* One canonical form to store and export: days in order, ticks in page order. */
  function canonical(state, known) {
    var out = { version: VERSION, mode: state.mode, days: {} };
    known.order.forEach(function (key) {
      var day = state.days[key];
      if (!hasContent(day)) return;
      var tasks = {};
      known.tasks[key].forEach(function (id) {
        if (day.tasks[id]) tasks[id] = true;
      });
      out.days[key] = { tasks: tasks, note: day.note, done: day.done };
    });
    return out;
  }

  function copy(state) {
    return JSON.parse(JSON.stringify(state));
  }

  /* What to tell the reader about data that was reset, in plain words. */
  function resetMessage(result, where) {
    var parts = [];
    if (result.fatal === "unreadable") {
      parts.push("Your saved challenge progress " + where + " could not be read, so it has been reset.");
    } else if (result.fatal === "older") {
      parts.push("Your saved challenge progress " + where + " came from an older version of this page that Closer can no longer read, so it has been reset.");
    } else if (result.fatal === "newer") {
      parts.push("Your saved challenge progress " + where + " came from a newer version of this page, so it has been reset.");
    }
    if (result.stale) {
      parts.push("Some of the challenge has changed since you last visited, so " + plural(result.stale, "old tick was", "old ticks were") + " removed.");
    }
    if (result.dropped.length) {
      parts.push("Part of your saved progress could not be used and was reset: " + result.dropped.join(", ") + ".");
    }
    if (parts.length && !result.fatal) parts.push("Everything else is kept.");
    return parts.join(" ");
  }

  /* ---------- loading and saving ---------- */

  function storageWorks() {
    return !!(window.closerStorage && window.closerStorage.available());
  }

  /* Load the reader's progress for this page; push anything worth saying onto notices. */
  function load(known, notices) {
    if (noSave || !storageWorks()) {
      var kept = clean(memory ? copy(memory) : null, known);
      memory = kept.state;
      return memory;
    }
    var result = clean(window.closerStorage.read(KEY), known);
    memory = result.state;
    var message = resetMessage(result, "on this device");
    if (message) {
      notices.push(message);
      save(known);
    }
    return memory;
  }

  /* Save the progress in memory, unless the reader asked us not to. */
  function save(known) {
    memory = canonical(memory, known);
    if (noSave) return true;
    if (!storageWorks()) return false;
    if (window.closerStorage.write(KEY, memory)) return true;
    say(currentPage(), "[data-challenge-notice]", "Closer could not save your last change. Your browser's storage may be full.");
    return false;
  }

  function dayEntry(key) {
    if (!memory.days[key]) memory.days[key] = { tasks: {}, note: "", done: false };
    return memory.days[key];
  }

  /* ---------- showing things ---------- */

  function say(root, selector, text) {
    var box = root && root.querySelector(selector);
    if (box) box.textContent = text;
  }

  function standingNotice() {
    if (noSave) {
      return "Saving is off: your ticks and notes are kept only in this tab, and are gone when you reload or close it.";
    }
    if (!storageWorks()) {
      return "This browser is not letting Closer save anything, so your progress will not be saved. Your ticks and notes last only until you reload or close this tab. Everything else works as usual.";
    }
    return "";
  }

  function showNotices(root, notices) {
    var list = notices.slice();
    var standing = standingNotice();
    if (standing) list.unshift(standing);
    say(root, "[data-challenge-notice]", list.join(" "));
  }

  function applyMode(root) {
    root.setAttribute("data-closer-mode", memory.mode);
    each(root.querySelectorAll("[data-mode-choice]"), function (input) {
      input.checked = input.value === memory.mode;
    });
    each(root.querySelectorAll("[data-mode-switch]"), function (box) {
      box.hidden = false;
    });
  }

  function dayState(key, known) {
    var day = memory.days[key];
    var total = known.tasks[key].length;
    if (day && day.done) return { text: "Done", kind: "done" };
    var ticked = day ? Object.keys(day.tasks).length : 0;
    if (!day || (!ticked && !day.note)) return { text: "Not started", kind: "new" };
    return { text: ticked + " of " + total + " tasks", kind: "started" };
  }

  function renderStart(root, known) {
    var started = false;
    var next = null;
    known.order.forEach(function (key) {
      var state = dayState(key, known);
      var badge = root.querySelector('[data-day-state="' + key + '"]');
      if (badge) {
        badge.textContent = state.text;
        badge.setAttribute("data-kind", state.kind);
      }
      if (state.kind !== "new") started = true;
      if (next === null && state.kind !== "done") next = key;
    });
    var resume = root.querySelector("[data-resume]");
    if (resume) {
      var target = next || known.order[0];
      var link = root.querySelector('[data-day="' + target + '"] a');
      if (link) resume.setAttribute("href", link.getAttribute("href"));
      if (!started) resume.textContent = "Start with day " + target;
      else if (next) resume.textContent = "Continue at day " + target;
      else resume.textContent = "All five days done. Look back at day " + target;
    }
    var settings = root.querySelector("[data-challenge-settings]");
    if (settings) settings.hidden = false;
    var box = root.querySelector("[data-no-save]");
    if (box) box.checked = noSave;
    var date = root.querySelector("[data-ics-date]");
    if (date && !date.value) date.value = isoDate(new Date());
  }

  function renderDay(root, known) {
    var key = root.getAttribute("data-challenge-day");
    var day = memory.days[key] || { tasks: {}, note: "", done: false };
    each(root.querySelectorAll("[data-task]"), function (box) {
      box.checked = !!day.tasks[box.getAttribute("data-task")];
    });
    var note = root.querySelector("[data-note]");
    if (note && note.value !== day.note) note.value = day.note;
    var done = root.querySelector("[data-day-done]");
    if (done) done.setAttribute("aria-pressed", day.done ? "true" : "false");
    var row = root.querySelector("[data-day-done-row]");
    if (row) row.hidden = false;
  }

  function render(root, known) {
    applyMode(root);
    if (root.hasAttribute("data-challenge-start")) renderStart(root, known);
    else renderDay(root, known);
  }

  /* ---------- per page: runs on every page, first load and instant swaps ---------- */

  function setup() {
    var root = currentPage();
    if (!root || root.hasAttribute("data-challenge-ready")) return;
    var known = knownDays(root);
    if (!known) return;
    root.setAttribute("data-challenge-ready", "");
    show(root, known);
  }

  /* Read what is saved and show it on the page. */
  function show(root, known) {
    var notices = [];
    load(known, notices);
    render(root, known);
    showNotices(root, notices);
  }

  /*
   * A page restored from the back-forward cache (Back, or Forward, after a full load) shows the
   * page as it was left, and WebKit also resets controls marked autocomplete="off" to their HTML
   * defaults. Either way it can be out of step with what is saved: show what is saved again.
   */
  window.addEventListener("pageshow", function (event) {
    var root = event.persisted && currentPage();
    if (root && root.hasAttribute("data-challenge-ready")) show(root, knownDays(root));
  });

  /* Find the page and its known days for an event, or null when it is not ours. */
  function context(target) {
    var root = target.closest && target.closest(PAGE);
    if (!root || !root.hasAttribute("data-challenge-ready")) return null;
    var known = knownDays(root);
    return known ? { root: root, known: known } : null;
  }

  /* ---------- dates and the calendar file ---------- */

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function isoDate(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function utcStamp(d) {
    return d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()) + "T" +
      pad(d.getUTCHours()) + pad(d.getUTCMinutes()) + pad(d.getUTCSeconds()) + "Z";
  }

  /* RFC 5545 TEXT: escape backslash, semicolon, comma and line breaks. */
  function icsText(value) {
    return String(value)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  function octets(ch) {
    var c = ch.codePointAt(0);
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }

  /* Fold a content line so no line is longer than 75 octets, never inside a character. */
  function fold(line) {
    var out = [];
    var current = "";
    var size = 0;
    Array.from(line).forEach(function (ch) {
      var n = octets(ch);
      if (size + n > 75) {
        out.push(current);
        current = " ";
        size = 1;
      }
      current += ch;
      size += n;
    });
    out.push(current);
    return out.join("\r\n");
  }

  function calendar(root, known, start, time) {
    var parts = start.split("-").map(Number);
    var hm = time.split(":").map(Number);
    var stamp = utcStamp(new Date());
    var host = location.hostname || "closer.local";
    var nonce = Math.random().toString(36).slice(2, 10);
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Closer//Five-day challenge//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + icsText("Closer: five-day challenge")
    ];
    known.order.forEach(function (key, i) {
      var d = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + i));
      var when = d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()) +
        "T" + pad(hm[0]) + pad(hm[1]) + "00";
      var link = root.querySelector('[data-day="' + key + '"] a');
      var url = link ? link.href : new URL("day-" + key + "/", location.href).href;
      var name = link ? link.textContent.trim() : "Day " + key;
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + stamp + "-" + nonce + "-day-" + key + "@" + host,
        "DTSTAMP:" + stamp,
        "DTSTART:" + when,
        "DURATION:PT20M",
        "SUMMARY:" + icsText("Closer challenge, " + name),
        "DESCRIPTION:" + icsText("Time for " + name + ", of your five-day challenge.\nOpen today's page: " + url),
        "URL:" + url,
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:" + icsText("Closer challenge, " + name),
        "TRIGGER:PT0M",
        "END:VALARM",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
  }

  /* ---------- actions ---------- */

  function onTask(ctx, box) {
    var key = ctx.root.getAttribute("data-challenge-day");
    var id = box.getAttribute("data-task");
    var day = dayEntry(key);
    if (box.checked) day.tasks[id] = true;
    else delete day.tasks[id];
    save(ctx.known);
    var ticked = Object.keys(day.tasks).length;
    var total = ctx.known.tasks[key].length;
    if (box.checked && ticked === total && !day.done) {
      say(ctx.root, "[data-day-status]", "All " + total + " tasks ticked. Mark the day done when you feel ready.");
    } else {
      say(ctx.root, "[data-day-status]", "");
    }
  }

  function onNote(ctx, note) {
    var day = dayEntry(ctx.root.getAttribute("data-challenge-day"));
    day.note = note.value.slice(0, MAX_NOTE);
    save(ctx.known);
  }

  function onDone(ctx, button) {
    var key = ctx.root.getAttribute("data-challenge-day");
    var day = dayEntry(key);
    day.done = !day.done;
    save(ctx.known);
    button.setAttribute("aria-pressed", day.done ? "true" : "false");
    say(
      ctx.root,
      "[data-day-status]",
      day.done
        ? "Day " + key + " is marked done. Well done for showing up."
        : "Day " + key + " is no longer marked done."
    );
  }

  function onMode(ctx, input) {
    if (!input.checked || MODES.indexOf(input.value) < 0) return;
    memory.mode = input.value;
    save(ctx.known);
    applyMode(ctx.root);
    var text = memory.mode === "alone"
      ? "Now showing the steps for doing this on your own."
      : "Now showing the steps for doing this together.";
    say(ctx.root, ctx.root.hasAttribute("data-challenge-start") ? "[data-settings-status]" : "[data-day-status]", text);
  }

  function onNoSave(ctx, box) {
    noSave = box.checked;
    var text;
    if (noSave) {
      text = "Saving is off. From now on nothing is saved on this device; your ticks and notes stay in this tab until you reload or close it. What was saved before is still here until you clear it.";
    } else if (save(ctx.known)) {
      text = "Saving is on again. Your progress is saved on this device.";
    } else {
      text = "Saving is on again, but this browser is not letting Closer save anything.";
    }
    showNotices(ctx.root, []);
    say(ctx.root, "[data-settings-status]", text);
  }

  function onExport(ctx) {
    var data = canonical(memory, ctx.known);
    var file = { app: APP, version: data.version, mode: data.mode, days: data.days, exported: new Date().toISOString() };
    download("closer-challenge-progress.json", "application/json", JSON.stringify(file, null, 2) + "\n");
    say(ctx.root, "[data-settings-status]", "Your progress file is downloading. Keep it somewhere private.");
  }

  function refuse(ctx, why) {
    say(ctx.root, "[data-settings-status]", why + " Nothing was changed.");
  }

  function onImport(ctx, input) {
    var file = input.files && input.files[0];
    if (!file) return;
    if (file.size > MAX_FILE) {
      input.value = "";
      refuse(ctx, "That file is too big to be a Closer progress file.");
      return;
    }
    file.text().then(function (text) {
      input.value = "";
      var raw;
      try {
        raw = JSON.parse(text);
      } catch (e) {
        refuse(ctx, "That file is not a Closer progress file: it could not be read.");
        return;
      }
      if (!isObject(raw) || (raw.app !== undefined && raw.app !== APP)) {
        refuse(ctx, "That file is not a Closer challenge progress file.");
        return;
      }
      var result = clean(raw, ctx.known);
      if (result.fatal === "unreadable" || result.fatal === "older") {
        refuse(ctx, "That file is not a progress file this version of Closer can read.");
        return;
      }
      if (result.fatal === "newer") {
        refuse(ctx, "That file was made by a newer version of Closer.");
        return;
      }
      if (result.dropped.length) {
        refuse(ctx, "That file has parts Closer cannot use (" + result.dropped.join(", ") + ").");
        return;
      }
      memory = result.state;
      var saved = save(ctx.known);
      render(ctx.root, ctx.known);
      var message = "Your progress was loaded from the file.";
      if (result.stale) message += " " + plural(result.stale, "tick was", "ticks were") + " left out, for tasks that have changed since.";
      if (noSave) message += " It is kept in this tab only, because saving is off.";
      else if (!saved) message += " This browser is not letting Closer save it.";
      say(ctx.root, "[data-settings-status]", message);
    }, function () {
      input.value = "";
      refuse(ctx, "That file could not be opened.");
    });
  }

  function onClear(ctx) {
    if (!window.confirm("Clear your challenge progress, ticks and notes on this device? This cannot be undone.")) return;
    memory = emptyState();
    if (storageWorks()) window.closerStorage.remove(KEY);
    render(ctx.root, ctx.known);
    say(ctx.root, "[data-challenge-notice]", standingNotice());
    say(ctx.root, "[data-settings-status]", "Your challenge progress is cleared. You can start again whenever you like.");
  }

  function onCalendar(ctx) {
    var date = ctx.root.querySelector("[data-ics-date]");
    var time = ctx.root.querySelector("[data-ics-time]");
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date.value)) {
      say(ctx.root, "[data-settings-status]", "Please pick the date of your first day.");
      date && date.focus();
      return;
    }
    if (!time || !/^\d{2}:\d{2}/.test(time.value)) {
      say(ctx.root, "[data-settings-status]", "Please pick a time for the reminders.");
      time && time.focus();
      return;
    }
    download("closer-challenge-reminders.ics", "text/calendar;charset=utf-8", calendar(ctx.root, ctx.known, date.value, time.value));
    say(ctx.root, "[data-settings-status]", "Your calendar file is downloading. Open it to add five reminders.");
  }

  /* ---------- listeners: once, on the document ---------- */

  document.addEventListener("change", function (event) {
    var target = event.target;
    var ctx = context(target);
    if (!ctx) return;
    if (target.matches("[data-task]")) onTask(ctx, target);
    else if (target.matches("[data-mode-choice]")) onMode(ctx, target);
    else if (target.matches("[data-no-save]")) onNoSave(ctx, target);
    else if (target.matches("[data-import]")) onImport(ctx, target);
  });

  document.addEventListener("input", function (event) {
    var ctx = context(event.target);
    if (ctx && event.target.matches("[data-note]")) onNote(ctx, event.target);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button");
    var ctx = button && context(button);
    if (!ctx) return;
    if (button.matches("[data-day-done]")) onDone(ctx, button);
    else if (button.matches("[data-export]")) onExport(ctx);
    else if (button.matches("[data-import-button]")) ctx.root.querySelector("[data-import]").click();
    else if (button.matches("[data-clear-challenge]")) onClear(ctx);
    else if (button.matches("[data-ics]")) onCalendar(ctx);
  });

  /* The tasks sit in a form so they read as one group; it never submits. */
  document.addEventListener("submit", function (event) {
    if (event.target.closest && event.target.closest(PAGE)) event.preventDefault();
  });

  if (window.document$) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
