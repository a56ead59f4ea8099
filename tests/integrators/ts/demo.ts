// An integrator's first program against the Made in Morocco API, written with the TypeScript
// client that @hey-api/openapi-ts generates from the gateway's /openapi.json (into ./client).
// Compiled with `tsc --strict`; no `!` and no `as`: the generated types carry it all.
//
//   MIM_API=http://127.0.0.1:8000 node demo.js one              search, profile, label, 404, 422, RSVP
//   MIM_API=... MIM_TOKEN=<from the e-mail> node demo.js two    confirm, read, cancel the RSVP
//
// Each step prints one JSON line; any surprise throws (exit code 1).
import { client } from "./client/client.gen";
import {
  eventsList,
  exportersGet,
  exportersSearch,
  labelsVerify,
  rsvpsCancel,
  rsvpsConfirm,
  rsvpsCreate,
  rsvpsGet,
} from "./client";
import type { ProblemDetail } from "./client";

const PROBLEM_TYPES = "https://made-in-morocco.ma/problems/";

function report(step: string, facts: Record<string, unknown>): void {
  console.log(JSON.stringify({ step, ...facts }));
}

function fail(message: string): never {
  throw new Error(message);
}

/** The machine code of a problem (`not-found`, `validation-error`...), from its `type` URI. */
function problemCode(problem: ProblemDetail): string {
  const type = problem.type ?? "about:blank";
  return type.startsWith(PROBLEM_TYPES) ? type.slice(PROBLEM_TYPES.length) : type;
}

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    return fail(`${name} is not set`);
  }
  return value;
}

async function phaseOne(email: string): Promise<void> {
  // 1. Search the catalogue.
  const search = await exportersSearch({ query: { q: "zellige", per_page: 5 } });
  if (search.error !== undefined) {
    return fail(`search: ${problemCode(search.error)}`);
  }
  const first = search.data.items[0] ?? fail("search: no exporter found for 'zellige'");
  report("search", { total: search.data.total, count: search.data.items.length, first: first.trade_name });

  // 2. An exporter's profile.
  const profile = await exportersGet({ path: { slug: first.slug } });
  if (profile.error !== undefined) {
    return fail(`profile: ${problemCode(profile.error)}`);
  }
  report("profile", { slug: profile.data.slug, trade_name: profile.data.trade_name, city: profile.data.city });

  // 3. Verify a label: take one from a labelled exporter's profile.
  const labelled = await exportersSearch({ query: { labelled: true, per_page: 1 } });
  if (labelled.error !== undefined) {
    return fail(`labelled: ${problemCode(labelled.error)}`);
  }
  const holder = labelled.data.items[0] ?? fail("no labelled exporter");
  const holderProfile = await exportersGet({ path: { slug: holder.slug } });
  if (holderProfile.error !== undefined) {
    return fail(`label holder: ${problemCode(holderProfile.error)}`);
  }
  const label = holderProfile.data.labels[0] ?? fail(`${holder.slug} has no label`);
  const verified = await labelsVerify({ path: { certificate_number: label.certificate_number } });
  if (verified.error !== undefined) {
    return fail(`verify: ${problemCode(verified.error)}`);
  }
  report("label", {
    certificate_number: verified.data.certificate_number,
    status: verified.data.status,
    valid: verified.data.valid,
    exporter: verified.data.exporter.slug,
  });

  // 4. A 404, handled through the typed error: narrowed on its problem type.
  const missing = await exportersGet({ path: { slug: "no-such-exporter-anywhere" } });
  if (missing.error === undefined) {
    return fail("an unknown exporter was found");
  }
  const notFound: ProblemDetail = missing.error;
  if (problemCode(notFound) !== "not-found") {
    return fail(`404: unexpected problem ${notFound.type ?? ""}`);
  }
  report("not-found", { status: missing.response?.status, code: problemCode(notFound), title: notFound.title });

  // 5. A 422 (per_page is at most 100): the problem names the field.
  const invalid = await exportersSearch({ query: { per_page: 1000 } });
  if (invalid.error === undefined) {
    return fail("per_page=1000 was accepted");
  }
  if (problemCode(invalid.error) !== "validation-error") {
    return fail(`422: unexpected problem ${invalid.error.type ?? ""}`);
  }
  const fields = (invalid.error.errors ?? []).map((error) => error.field);
  report("invalid", { status: invalid.response?.status, code: problemCode(invalid.error), fields });

  // 6. RSVP to an upcoming event that takes RSVPs: double opt-in, the answer says nothing more.
  const events = await eventsList({ query: { when: "upcoming", per_page: 50 } });
  if (events.error !== undefined) {
    return fail(`events: ${problemCode(events.error)}`);
  }
  const event =
    events.data.items.find((item) => item.status === "published" && item.rsvp.is_open) ??
    fail("no upcoming event takes RSVPs");
  const rsvp = await rsvpsCreate({
    path: { event_id: event.id },
    body: { name: "Nadia Tazi", email, consent: true, language: "fr" },
  });
  if (rsvp.error !== undefined) {
    return fail(`rsvp: ${problemCode(rsvp.error)}`);
  }
  report("rsvp", { status: rsvp.response?.status, answer: rsvp.data.status, event_id: rsvp.data.event_id });
}

async function phaseTwo(token: string): Promise<void> {
  const confirmed = await rsvpsConfirm({ path: { token } });
  if (confirmed.error !== undefined) {
    return fail(`confirm: ${problemCode(confirmed.error)}`);
  }
  report("confirm", { status: confirmed.data.status, event_id: confirmed.data.event.id });

  const cancelled = await rsvpsCancel({ path: { token } });
  if (cancelled.error !== undefined) {
    return fail(`cancel: ${problemCode(cancelled.error)}`);
  }
  const after = await rsvpsGet({ path: { token } });
  if (after.error !== undefined) {
    return fail(`read back: ${problemCode(after.error)}`);
  }
  report("cancel", { status: cancelled.data.status, read_back: after.data.status });
}

async function main(): Promise<void> {
  client.setConfig({ baseUrl: env("MIM_API") });
  const phase = process.argv[2] ?? "one";
  if (phase === "one") {
    await phaseOne(env("MIM_EMAIL"));
  } else if (phase === "two") {
    await phaseTwo(env("MIM_TOKEN"));
  } else {
    fail(`unknown phase ${phase}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
