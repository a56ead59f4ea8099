// Reads an iCalendar file on stdin and prints what a calendar app acts on (iTIP, RFC 5546) as
// ical.js reads it: the METHOD, and per VEVENT its UID, SEQUENCE, STATUS, ORGANIZER, ATTENDEEs
// and start (UTC, from the embedded VTIMEZONE).
//   node tests/tools/ics_itip.mjs < file.ics
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ICAL = require(process.env.ICALJS_PATH || "./node/node_modules/ical.js/dist/ical.es5.cjs");

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
ICAL.TimezoneService.reset();
for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);

const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue("status"),
    organizer: event.organizer,
    attendees: event.attendees.map((a) => ({
      address: a.getFirstValue(),
      cn: a.getParameter("cn") || null,
      partstat: a.getParameter("partstat") || null,
    })),
    start: event.startDate.toJSDate().toISOString(),
  };
});
process.stdout.write(JSON.stringify({ method: calendar.getFirstPropertyValue("method"), events }));
