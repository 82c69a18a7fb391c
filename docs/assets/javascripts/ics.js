/*
 * The challenge's calendar file (RFC 5545): one reminder a day, as plain functions with no page in
 * sight (unit-tested with node's test runner in tests/js/).
 */
(() => {
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function utcStamp(d) {
    return (
      d.getUTCFullYear() +
      pad(d.getUTCMonth() + 1) +
      pad(d.getUTCDate()) +
      "T" +
      pad(d.getUTCHours()) +
      pad(d.getUTCMinutes()) +
      pad(d.getUTCSeconds()) +
      "Z"
    );
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
    const c = ch.codePointAt(0);
    if (c < 0x80) return 1;
    if (c < 0x800) return 2;
    return c < 0x10000 ? 3 : 4;
  }

  /* Fold a content line so no line is longer than 75 octets, never inside a character. */
  function fold(line) {
    const out = [];
    let current = "";
    let size = 0;
    Array.from(line).forEach((ch) => {
      const n = octets(ch);
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

  /*
   * The calendar file: a reminder at `time` ("HH:MM", local) on each day from `start`
   * ("YYYY-MM-DD"), one for each of `days` ([{name: "Day 1: Notice", url}]). With `neutral`, every
   * title is just "Reminder", so a lock screen or a shared calendar says nothing about Closer.
   * `now`, `host` and `nonce` make each file's event ids unique.
   */
  function calendar(options) {
    const parts = options.start.split("-").map(Number);
    const hm = options.time.split(":").map(Number);
    const stamp = utcStamp(options.now);
    const lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Closer//Five-day challenge//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      `X-WR-CALNAME:${icsText(options.neutral ? "Reminders" : "Closer: challenge")}`,
    ];
    options.days.forEach((day, i) => {
      const d = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + i));
      const when = `${d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate())}T${pad(hm[0])}${pad(hm[1])}00`;
      const title = options.neutral ? "Reminder" : `Closer challenge, ${day.name}`;
      lines.push(
        "BEGIN:VEVENT",
        `UID:${stamp}-${options.nonce}-${i + 1}@${options.host}`,
        `DTSTAMP:${stamp}`,
        `DTSTART:${when}`,
        "DURATION:PT20M",
        `SUMMARY:${icsText(title)}`,
      );
      if (!options.neutral) {
        lines.push(
          `DESCRIPTION:${icsText(`Time for ${day.name}, of your challenge.\nOpen today's page: ${day.url}`)}`,
        );
      }
      lines.push(
        `URL:${day.url}`,
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        `DESCRIPTION:${icsText(title)}`,
        "TRIGGER:PT0M",
        "END:VALARM",
        "END:VEVENT",
      );
    });
    lines.push("END:VCALENDAR");
    return `${lines.map(fold).join("\r\n")}\r\n`;
  }

  const api = { icsText, fold, calendar };
  if (typeof module === "object") module.exports = api;
  else {
    window.closer.ics = api;
    window.closer.scriptRan();
  }
})();
