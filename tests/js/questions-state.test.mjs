// Unit tests of the question deck's rules (docs/assets/javascripts/questions-state.js).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

const require = createRequire(import.meta.url);
const model = require("../../docs/assets/javascripts/questions-state.js");

const questions = [
  { id: "a", depth: "light", theme: "play" },
  { id: "b", depth: "light", theme: "us" },
  { id: "c", depth: "light", theme: "play" },
  { id: "d", depth: "deeper", theme: "us" },
  { id: "e", depth: "deeper", theme: "values" },
  { id: "f", depth: "deeper", theme: "memories" },
  { id: "g", depth: "deep", theme: "values" },
];

/* A "random" that walks through the given numbers, so a test knows what it draws. */
function sequence(...values) {
  let i = 0;
  return () => values[i++ % values.length];
}

test("marks keep good ids once each, and only ids in the deck when it is known", () => {
  const raw = { version: 1, talked: ["a", "a", 7, "Bad Id", "z"], favourites: "all" };
  assert.deepEqual(model.cleanMarks(raw, null), { version: 1, talked: ["a", "z"], favourites: [] });
  assert.deepEqual(model.cleanMarks(raw, ["a", "b"]).talked, ["a"]);
  for (const bad of [null, undefined, [], "x", { version: 2, talked: ["a"] }]) {
    assert.deepEqual(model.cleanMarks(bad, null), model.emptyMarks());
  }
});

test("marking adds once and unmarking takes away, leaving the other list alone", () => {
  let marks = model.mark(model.emptyMarks(), "talked", "a", true);
  marks = model.mark(marks, "talked", "a", true);
  marks = model.mark(marks, "favourites", "b", true);
  assert.deepEqual(marks, { version: 1, talked: ["a"], favourites: ["b"] });
  assert.deepEqual(model.mark(marks, "talked", "a", false).talked, []);
});

test("a draw chooses by depth and theme, and can skip talked-about or keep to favourites", () => {
  const marks = { version: 1, talked: ["a"], favourites: ["c", "g"] };
  const ids = (filters) => model.choices(questions, filters, marks).map((q) => q.id);
  assert.deepEqual(ids({ depth: "light" }), ["a", "b", "c"]);
  assert.deepEqual(ids({ depth: "light", theme: "play" }), ["a", "c"]);
  assert.deepEqual(ids({ depth: "light", fresh: true }), ["b", "c"]);
  assert.deepEqual(ids({ favourites: true }), ["c", "g"]);
  assert.deepEqual(ids({ depth: "deep", theme: "play" }), []);
});

test("another draw repeats no question drawn before until all have been, nor the last one", () => {
  const light = questions.slice(0, 3);
  assert.equal(model.pick(light, sequence(0), ["a"]).id, "b");
  assert.equal(model.pick(light, sequence(0), ["a", "b"]).id, "c");
  // All three drawn: any but the last one.
  assert.equal(model.pick(light, sequence(0.99), ["a", "c", "b"]).id, "c");
  assert.equal(model.pick(light, sequence(0), ["a", "c", "b"]).id, "a");
  assert.equal(model.pick([questions[0]], sequence(0), ["a"]).id, "a");
  assert.equal(model.pick([], sequence(0), null), null);
});

test("a set for tonight goes light, light, deeper, deeper, deep, in different themes", () => {
  const set = model.tonight(questions, sequence(0), model.emptyMarks());
  assert.deepEqual(
    set.map((q) => q.depth),
    ["light", "light", "deeper", "deeper", "deep"],
  );
  assert.equal(new Set(set.map((q) => q.id)).size, 5);
  assert.notEqual(set[0].theme, set[1].theme);
  // Fresh questions first, where there are enough.
  const talked = { version: 1, talked: ["a", "b"], favourites: [] };
  assert.equal(model.tonight(questions, sequence(0), talked)[0].id, "c");
});
