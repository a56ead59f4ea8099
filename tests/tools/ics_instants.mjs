// Reads an iCalendar file on stdin and prints, per VEVENT, its start and end as UTC instants
// (ISO 8601), as ical.js computes them from the file's own VTIMEZONE. ical.js is the parser
// behind Thunderbird and many web calendars; it does not know the tz database's zone names,
// so a time is only right if the embedded VTIMEZONE is.
//   node tests/tools/ics_instants.mjs < file.ics
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ICAL = require(process.env.ICALJS_PATH || "./node/node_modules/ical.js/dist/ical.es5.cjs");

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
const zones = calendar.getAllSubcomponents("vtimezone");
if (zones.length === 0) throw new Error("no VTIMEZONE in the file");
ICAL.TimezoneService.reset();
for (const zone of zones) ICAL.TimezoneService.register(zone);

const out = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  const start = event.startDate;
  if (!start.zone || start.zone.tzid !== "Africa/Casablanca") {
    throw new Error(`DTSTART not bound to the embedded zone: ${start.zone && start.zone.tzid}`);
  }
  return {
    uid: event.uid,
    start: start.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
  };
});
process.stdout.write(JSON.stringify(out));
