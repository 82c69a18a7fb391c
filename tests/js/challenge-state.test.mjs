// Unit tests of the challenge's saved-progress rules (docs/assets/javascripts/challenge-state.js).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

const require = createRequire(import.meta.url);
const model = require("../../docs/assets/javascripts/challenge-state.js");

const known = model.knownDays({
  days: [
    { day: 1, tasks: ["a", "b"] },
    { day: 2, tasks: ["c", "d", "e"] },
  ],
});

test("knownDays reads the page's days and refuses data it cannot use", () => {
  assert.deepEqual(known, { order: ["1", "2"], tasks: { 1: ["a", "b"], 2: ["c", "d", "e"] } });
  assert.equal(model.knownDays(null), null);
  assert.equal(model.knownDays({ days: [] }), null);
  assert.equal(model.knownDays({ days: "five" }), null);
});

test("nothing saved gives an empty state and no message", () => {
  const result = model.clean(null, known);
  assert.deepEqual(result.state, { version: 1, mode: "together", days: {} });
  assert.equal(model.resetMessage(result, "on this device"), "");
});

test("good saved data comes back as it was", () => {
  const saved = { version: 1, mode: "alone", days: { 2: { tasks: { d: true }, note: "hi", done: true } } };
  const result = model.clean(saved, known);
  assert.deepEqual(result.state, saved);
  assert.equal(result.fatal, null);
  assert.equal(result.stale, 0);
  assert.deepEqual(result.dropped, []);
});

for (const [name, raw, fatal] of [
  ["unreadable JSON", undefined, "unreadable"],
  ["an older version", { version: 0, days: {} }, "older"],
  ["a list", [1, 2], "older"],
  ["a newer version", { version: 2, days: {} }, "newer"],
]) {
  test(`${name} is reset with a message that says so`, () => {
    const result = model.clean(raw, known);
    assert.equal(result.fatal, fatal);
    assert.deepEqual(result.state.days, {});
    assert.match(model.resetMessage(result, "on this device"), /has been reset\.$/);
  });
}

test("ticks for tasks and days that no longer exist are counted as stale and dropped", () => {
  const raw = { version: 1, days: { 1: { tasks: { a: true, gone: true } }, 9: { tasks: { x: true } } } };
  const result = model.clean(raw, known);
  assert.equal(result.stale, 2);
  assert.deepEqual(result.state.days, { 1: { tasks: { a: true }, note: "", done: false } });
  assert.equal(
    model.resetMessage(result, "on this device"),
    "Some of the challenge has changed since you last visited, so 2 old ticks were removed. Everything else is kept.",
  );
});

test("parts with the wrong shape are dropped and named, the rest is kept", () => {
  const raw = {
    version: 1,
    mode: "sideways",
    days: { 1: { tasks: { a: "yes", b: true }, note: 42, done: "no" }, 2: "all done" },
  };
  const result = model.clean(raw, known);
  assert.deepEqual(result.state, {
    version: 1,
    mode: "together",
    days: { 1: { tasks: { b: true }, note: "", done: false } },
  });
  assert.deepEqual(result.dropped, [
    "your together or on-my-own choice",
    "a tick on day 1",
    "your note for day 1",
    "the done mark for day 1",
    "your progress for day 2",
  ]);
});

test("a note longer than the limit is not kept", () => {
  const raw = { version: 1, days: { 1: { note: "x".repeat(model.MAX_NOTE + 1) } } };
  assert.deepEqual(model.clean(raw, known).dropped, ["your note for day 1"]);
});

test("canonical puts days and ticks in page order and leaves out empty days", () => {
  const state = {
    version: 1,
    mode: "alone",
    days: {
      2: { tasks: { e: true, c: true }, note: "", done: false },
      1: { tasks: {}, note: "", done: false },
    },
  };
  const out = model.canonical(state, known);
  assert.deepEqual(Object.keys(out.days), ["2"]);
  assert.deepEqual(Object.keys(out.days[2].tasks), ["c", "e"]);
});

test("each day's state and where to carry on", () => {
  const state = model.emptyState();
  assert.deepEqual(model.resume(state, known), { day: "1", text: "Start with day 1" });
  state.days[1] = { tasks: { a: true }, note: "", done: false };
  assert.deepEqual(model.dayState(state, "1", known), { text: "1 of 2 tasks", kind: "started" });
  assert.deepEqual(model.resume(state, known), { day: "1", text: "Continue at day 1" });
  state.days[1].done = true;
  assert.deepEqual(model.dayState(state, "1", known), { text: "Done", kind: "done" });
  assert.deepEqual(model.resume(state, known), { day: "2", text: "Continue at day 2" });
  state.days[2] = { tasks: {}, note: "", done: true };
  assert.deepEqual(model.resume(state, known), { day: "1", text: "All 2 days done. Look back at day 1" });
});
