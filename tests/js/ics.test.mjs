// Unit tests of the calendar file writer (docs/assets/javascripts/ics.js), by RFC 5545.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

const require = createRequire(import.meta.url);
const ics = require("../../docs/assets/javascripts/ics.js");

const days = [1, 2, 3].map((n) => ({
  name: `Day ${n}: Notice, then act; \\ go`,
  url: `https://x.test/d${n}/`,
}));

function make(extra) {
  return ics.calendar({
    days,
    start: "2030-01-30",
    time: "07:45",
    now: new Date(Date.UTC(2030, 0, 1, 12, 0, 0)),
    host: "x.test",
    nonce: "n0",
    ...extra,
  });
}

function unfold(text) {
  return text.replace(/\r\n /g, "");
}

test("text values escape backslashes, semicolons, commas and line breaks", () => {
  assert.equal(ics.icsText("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
});

test("long lines fold at 75 octets and never inside a character", () => {
  const line = `SUMMARY:${"é".repeat(60)}`;
  const folded = ics.fold(line).split("\r\n");
  for (const part of folded) assert.ok(Buffer.byteLength(part, "utf8") <= 75, part);
  assert.equal(folded.map((p, i) => (i ? p.slice(1) : p)).join(""), line);
});

test("one event a day at the chosen time, rolling over the month end", () => {
  const text = make({});
  assert.ok(text.endsWith("\r\n"));
  assert.ok(!/[^\r]\n/.test(text), "every line ends in CRLF");
  const starts = [...unfold(text).matchAll(/^DTSTART:(\S+)$/gm)].map((m) => m[1]);
  assert.deepEqual(starts, ["20300130T074500", "20300131T074500", "20300201T074500"]);
  assert.equal(new Set([...text.matchAll(/^UID:(\S+)$/gm)].map((m) => m[1])).size, 3);
  assert.match(unfold(text), /^SUMMARY:Closer challenge\\, Day 1: Notice\\, then act\\; \\\\ go$/m);
  assert.match(unfold(text), /^URL:https:\/\/x\.test\/d2\/$/m);
});

test("neutral reminders say nothing about Closer or the challenge", () => {
  const text = unfold(make({ neutral: true }));
  const shown = text.split("\r\n").filter((l) => /^(SUMMARY|DESCRIPTION|X-WR-CALNAME):/.test(l));
  assert.equal(shown.length, 1 + 3 * 2);
  for (const line of shown) assert.doesNotMatch(line, /closer|challenge|day/i, line);
  assert.equal([...text.matchAll(/^SUMMARY:Reminder$/gm)].length, 3);
});
