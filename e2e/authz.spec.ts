import type { APIRequestContext } from "@playwright/test";
import { fileComplaint, unique } from "./support/data";
import { E2E_SMS_KEY } from "./support/kannel-config";
import { actionIdIn, authFile, expect, formFieldsIn, html, outcome, postAction, postForm, publicState, staffAction, staffState, test, type Who } from "./support/staff";

/**
 * The authorisation matrix, checked over plain HTTP with each role's session: every staff page
 * for every role and for no session, then server-action posts crafted by hand (as a browser
 * without JavaScript would send them) that the UI never offers. Refused requests must change
 * nothing: status and event log are compared before and after.
 */

type Fixture = {
  /** Disposed to Disdukcapil. */
  dukcapil: string;
  /** Disposed to Bina Marga. */
  binamarga: string;
  /** New, in the coordinator's queue. */
  received: string;
  /** Anonymous, disposed to Disdukcapil. */
  anonymous: string;
  /** Disposed to Disdukcapil and waiting for the reporter, with the reporter's key. */
  waiting: { code: string; key: string };
  otherKey: string;
};

let f: Fixture;
let origin: string;

// One worker runs this file in order, so the complaints below are filed once.
test.describe.configure({ mode: "default" });

test.beforeAll(async ({ playwright, baseURL }) => {
  origin = baseURL!;
  const request = await playwright.request.newContext({ baseURL });
  const coordinator = await playwright.request.newContext({ baseURL, storageState: authFile("coordinator") });
  const officer = await playwright.request.newContext({ baseURL, storageState: authFile("disdukcapil") });
  const file = (extra: Record<string, unknown> = {}) => fileComplaint(request, { title: `Uji wewenang ${unique()}`, ...extra });
  const [dukcapil, binamarga, received, anonymous, waiting] = await Promise.all([
    file(),
    file(),
    file(),
    file({ anonymous: true, reporterName: `Anonim Uji ${unique()}`, reporterPhone: "081299990000" }),
    file(),
  ]);
  await staffAction(coordinator, origin, dukcapil.trackingCode, "dispose", { opdCode: "DISDUKCAPIL" });
  await staffAction(coordinator, origin, binamarga.trackingCode, "dispose", { opdCode: "BINAMARGA" });
  await staffAction(coordinator, origin, anonymous.trackingCode, "dispose", { opdCode: "DISDUKCAPIL" });
  await staffAction(coordinator, origin, waiting.trackingCode, "dispose", { opdCode: "DISDUKCAPIL" });
  await staffAction(officer, origin, waiting.trackingCode, "request_info", { message: "Mohon kirim foto lokasi kejadian." });
  f = {
    dukcapil: dukcapil.trackingCode,
    binamarga: binamarga.trackingCode,
    received: received.trackingCode,
    anonymous: anonymous.trackingCode,
    waiting: { code: waiting.trackingCode, key: waiting.accessKey },
    otherKey: dukcapil.accessKey,
  };
  await Promise.all([request.dispose(), coordinator.dispose(), officer.dispose()]);
});

const INTEGRATION = ["/petugas/integrasi", "/petugas/integrasi/manual", "/petugas/integrasi/pemetaan", "/petugas/integrasi/manual/ekspor?format=csv", "/petugas/integrasi/manual/ekspor?format=json"] as const;
const SLA = ["/petugas/sla", "/petugas/sla/aduan?state=breached", "/petugas/sla/data.csv"] as const;
const DIRECTORY = ["/petugas/direktori", "/petugas/direktori/opd", "/petugas/direktori/kategori", "/petugas/direktori/wilayah", "/petugas/direktori/lembaga", "/petugas/direktori/rute"] as const;
const PAGES = ["/petugas", "/petugas/antrean", "/petugas/kotak-masuk", "/petugas/aduan/baru", "/petugas/sms-masuk", "/petugas/audit", "/petugas/pengguna", "/petugas/akun", "/petugas/notifikasi", "/petugas/kalender", "/petugas/open311", ...INTEGRATION, ...SLA, ...DIRECTORY] as const;
type Access = { pages: (typeof PAGES)[number][]; home: string | null; complaints: ("dukcapil" | "binamarga")[] };
/** The pages as plain strings, to look up any URL (widening, not a cast). */
const pagesOf = (a: Access): readonly string[] => a.pages;

/** Who may use what (PRODUCT.md roles); everything else is a 404, and without a session a redirect to /masuk. */
const ACCESS: Record<Who | "citizen", Access> = {
  coordinator: { home: "/petugas/antrean", pages: ["/petugas/antrean", "/petugas/aduan/baru", "/petugas/sms-masuk", "/petugas/akun", "/petugas/notifikasi", ...INTEGRATION, ...SLA, ...DIRECTORY], complaints: ["dukcapil", "binamarga"] },
  admin: { home: "/petugas/antrean", pages: ["/petugas/antrean", "/petugas/audit", "/petugas/pengguna", "/petugas/akun", "/petugas/notifikasi", "/petugas/kalender", "/petugas/open311", ...INTEGRATION, ...SLA, ...DIRECTORY], complaints: ["dukcapil", "binamarga"] },
  disdukcapil: { home: "/petugas/kotak-masuk", pages: ["/petugas/kotak-masuk", "/petugas/akun", "/petugas/notifikasi"], complaints: ["dukcapil"] },
  "kepala-disdukcapil": { home: "/petugas/kotak-masuk", pages: ["/petugas/kotak-masuk", "/petugas/akun", "/petugas/notifikasi", ...SLA], complaints: ["dukcapil"] },
  binamarga: { home: "/petugas/kotak-masuk", pages: ["/petugas/kotak-masuk", "/petugas/akun", "/petugas/notifikasi"], complaints: ["binamarga"] },
  auditor: { home: "/petugas/audit", pages: ["/petugas/audit", "/petugas/akun", "/petugas/notifikasi", ...SLA], complaints: ["dukcapil", "binamarga"] },
  citizen: { home: null, pages: [], complaints: [] },
};

for (const [who, access] of Object.entries(ACCESS) as [Who | "citizen", Access][]) {
  test(`staff pages as ${who === "citizen" ? "no session" : who}`, async ({ requestAs }) => {
    const client = await requestAs(who);
    const urls: Record<string, string> = Object.fromEntries(PAGES.map((p) => [p, p]));
    for (const which of ["dukcapil", "binamarga"] as const) {
      urls[`complaint of ${which}`] = `/petugas/aduan/${f[which]}`;
      urls[`complaint of ${which}, lower-case code`] = `/petugas/aduan/${f[which].toLowerCase()}`;
    }
    const expected: Record<string, string> = {};
    const actual: Record<string, string> = {};
    for (const [name, url] of Object.entries(urls)) {
      const complaint = /^complaint of (\w+)/.exec(name)?.[1] as "dukcapil" | "binamarga" | undefined;
      const allowed = complaint ? access.complaints.includes(complaint) : url === "/petugas" || pagesOf(access).includes(url);
      expected[name] = access.home === null ? "→/masuk" : url === "/petugas" ? `→${access.home}` : allowed ? "200" : "404";
      actual[name] = outcome(await client.get(url, { maxRedirects: 0 }));
    }
    expect(actual).toEqual(expected);

    // The auditor reads everything and can change nothing: no action forms, no identity reveal.
    if (who === "auditor") {
      for (const code of [f.dukcapil, f.binamarga, f.received, f.anonymous]) {
        const page = await html(client, `/petugas/aduan/${code}`);
        expect(page).toContain("Tidak ada tindakan yang dapat Anda ambil pada status ini.");
        expect(page).not.toContain('name="action"');
        expect(page).not.toContain("Tampilkan identitas");
      }
    }
  });
}

/** Snapshots of the complaints a crafted request might try to change. */
async function snapshot(coordinator: APIRequestContext, request: APIRequestContext, codes: string[]) {
  const out: Record<string, unknown> = {};
  for (const code of codes) out[code] = { staff: await staffState(coordinator, code), public: await publicState(request, code) };
  return out;
}

test("crafted workflow actions outside a role's rights change nothing", async ({ requestAs, request }) => {
  const coordinator = await requestAs("coordinator");
  const codes = [f.dukcapil, f.binamarga, f.received];
  const before = await snapshot(coordinator, request, codes);
  // runStaffAction backs every action form; its id is the same on every page (and in the page's JS),
  // so one form's hidden fields, as a browser without JavaScript posts them, serve every attempt.
  const staffForm = formFieldsIn(await html(coordinator, `/petugas/aduan/${f.received}`), 'name="action" value="dispose"');
  const binamarga = await requestAs("binamarga");
  const actionId = (form: Record<string, string>) => /"id":"([0-9a-f]+)"/.exec(Object.values(form).join(" "))?.[1];
  expect(actionId(formFieldsIn(await html(binamarga, `/petugas/aduan/${f.binamarga}`), 'name="action" value="accept"'))).toBe(actionId(staffForm));
  expect(actionId(staffForm)).toBeTruthy();

  const attempts: [Who | "citizen", string, Record<string, string>, RegExp][] = [
    // Another OPD's complaint does not exist for this officer, however it is addressed.
    ["binamarga", `/petugas/aduan/${f.dukcapil}`, { code: f.dukcapil, action: "accept" }, /^404$/],
    ["binamarga", `/petugas/aduan/${f.binamarga}`, { code: f.dukcapil, action: "accept" }, /^404$/],
    ["binamarga", `/petugas/aduan/${f.binamarga}`, { code: f.dukcapil.toLowerCase(), action: "accept" }, /^404$/],
    ["binamarga", `/petugas/aduan/${f.dukcapil}`, { code: f.dukcapil, action: "respond", message: "Sudah kami tangani, silakan cek kembali lokasi." }, /^404$/],
    ["binamarga", `/petugas/aduan/${f.dukcapil}`, { code: f.dukcapil, action: "note", text: "catatan dari OPD lain" }, /^404$/],
    ["binamarga", `/petugas/aduan/${f.dukcapil}`, { code: f.dukcapil, action: "return", reason: "Bukan wewenang kami sama sekali." }, /^404$/],
    ["binamarga", `/petugas/aduan/${f.binamarga}`, { code: f.received, action: "dispose", opdCode: "BINAMARGA" }, /^404$/],
    // Own OPD, but actions of other roles: refused by the workflow table, nothing written (the
    // refusal comes back in the form: the page again, not a redirect).
    ["disdukcapil", `/petugas/aduan/${f.dukcapil}`, { code: f.dukcapil, action: "dispose", opdCode: "BINAMARGA" }, /^200$/],
    ["disdukcapil", `/petugas/aduan/${f.dukcapil}`, { code: f.dukcapil, action: "redispose", opdCode: "BINAMARGA", reason: "Coba alihkan sendiri." }, /^200$/],
    ["disdukcapil", `/petugas/aduan/${f.dukcapil}`, { code: f.dukcapil, action: "assign", userId: "1" }, /^200$/],
    ["disdukcapil", `/petugas/aduan/${f.dukcapil}`, { code: f.received, action: "dispose", opdCode: "DISDUKCAPIL" }, /^404$/],
    // The auditor reads everything and may do nothing.
    ["auditor", `/petugas/aduan/${f.received}`, { code: f.received, action: "dispose", opdCode: "DISDUKCAPIL" }, /^200$/],
    ["auditor", `/petugas/aduan/${f.dukcapil}`, { code: f.dukcapil, action: "note", text: "Auditor mencoba mencatat." }, /^200$/],
    // No session: to the sign-in page.
    ["citizen", `/petugas/aduan/${f.received}`, { code: f.received, action: "dispose", opdCode: "DISDUKCAPIL" }, /^→\/masuk$/],
    ["citizen", `/petugas/aduan/${f.dukcapil}`, { code: f.dukcapil, action: "accept" }, /^→\/masuk$/],
  ];
  const results: string[] = [];
  for (const [who, url, fields, expected] of attempts) {
    const client = await requestAs(who);
    const got = outcome(await postForm(client, origin, url, staffForm, fields));
    results.push(`${who} ${fields.action} ${fields.code}: ${expected.test(got) ? "refused as expected" : `UNEXPECTED ${got}`}`);
  }
  expect(results.filter((r) => r.includes("UNEXPECTED"))).toEqual([]);
  expect(await snapshot(coordinator, request, codes)).toEqual(before);

  // The same crafted post by someone allowed does go through (so the refusals above are real).
  const officer = await requestAs("disdukcapil");
  expect(outcome(await postForm(officer, origin, `/petugas/aduan/${f.dukcapil}`, staffForm, { code: f.dukcapil, action: "note", text: "Catatan sah dari petugas." }))).toBe(
    `→/petugas/aduan/${f.dukcapil}?done=note`,
  );
  const after = await staffState(coordinator, f.dukcapil);
  expect(after.events).toBe((before[f.dukcapil] as { staff: { events: number } }).staff.events + 1);
});

test("only an administrator can change the working calendar, however the request is crafted", async ({ requestAs }) => {
  const admin = await requestAs("admin");
  const page = await html(admin, "/petugas/kalender");
  const addForm = formFieldsIn(page, 'name="kind"');
  const day = "2099-06-15";
  const fields = { day, name: "Libur uji wewenang", kind: "local" };
  for (const who of ["coordinator", "disdukcapil", "kepala-disdukcapil", "auditor", "citizen"] as const) {
    const got = outcome(await postForm(await requestAs(who), origin, "/petugas/kalender", addForm, fields));
    expect(got, who).toBe(who === "citizen" ? "→/masuk" : "404");
  }
  expect(await html(admin, "/petugas/kalender?year=2099")).not.toContain("Libur uji wewenang");
  // The same post by the administrator goes through, and removing the day again too.
  // (No open complaint's deadline spans 2099: none moved.)
  // A mistake comes back to the form (no JavaScript needed) with what was typed, not in the URL.
  const wrong = await postForm(admin, origin, "/petugas/kalender", addForm, { ...fields, name: "L" });
  expect(wrong.status()).toBe(200);
  const wrongPage = await wrong.text();
  expect(wrongPage).toContain('value="2099-06-15"');
  expect(wrongPage).toContain("Isi keterangan (2–100 karakter).");
  expect(outcome(await postForm(admin, origin, "/petugas/kalender", addForm, fields))).toBe(`→/petugas/kalender?year=2099&added=${day}&moved=0`);
  const withDay = await html(admin, "/petugas/kalender?year=2099");
  expect(withDay).toContain("Libur uji wewenang");
  const removeForm = formFieldsIn(withDay, `value="${day}"`);
  expect(outcome(await postForm(await requestAs("coordinator"), origin, "/petugas/kalender", removeForm, {}))).toBe("404");
  expect(outcome(await postForm(admin, origin, "/petugas/kalender", removeForm, {}))).toBe(`→/petugas/kalender?year=2099&removed=${day}&moved=0`);
  // Removing it a second time answers in the form's state, not in the URL (the row is gone,
  // so without JavaScript the page simply shows the year without it).
  const again = await postForm(admin, origin, "/petugas/kalender?year=2099", removeForm, {});
  expect(again.status()).toBe(200);
  expect(await again.text()).not.toContain("Libur uji wewenang");
});

test("revealing an anonymous reporter is refused to everyone but the coordination team and admins", async ({ requestAs }) => {
  const coordinator = await requestAs("coordinator");
  const page = await html(coordinator, `/petugas/aduan/${f.anonymous}`);
  const revealId = actionIdIn(page, "Tampilkan identitas");
  const auditor = await requestAs("auditor");
  const revealsBefore = await html(auditor, "/petugas/audit?jenis=reveal_identity");
  expect(revealsBefore).not.toContain(`/petugas/aduan/${f.anonymous}`);

  for (const [who, expected] of [
    ["disdukcapil", "404"],
    ["kepala-disdukcapil", "404"],
    ["binamarga", "404"],
    ["auditor", "404"],
    ["citizen", "→/masuk"],
  ] as const) {
    const client = await requestAs(who);
    expect(outcome(await postAction(client, origin, `/petugas/aduan/${f.anonymous}`, revealId, { code: f.anonymous })), who).toBe(expected);
  }
  // No reveal was recorded, and the officer still sees no identity.
  const revealsAfter = await html(auditor, "/petugas/audit?jenis=reveal_identity");
  expect(revealsAfter).not.toContain(`/petugas/aduan/${f.anonymous}`);
  const officerView = await html(await requestAs("disdukcapil"), `/petugas/aduan/${f.anonymous}`);
  expect(officerView).toContain("Identitas disembunyikan: pelapor memilih anonim.");
  expect(officerView).not.toContain("Anonim Uji");
  expect(officerView).not.toContain("81299990000");
});

test("reporter actions need the complaint's own access key", async ({ request, requestAs }) => {
  const { code, key } = f.waiting;
  const coordinator = await requestAs("coordinator");
  const reporterPage = await html(request, `/lacak/${code}?key=${encodeURIComponent(key)}`);
  // The form's hidden fields without its key: each attempt brings its own (or none).
  const { key: _ownKey, ...reporterForm } = formFieldsIn(reporterPage, 'name="action" value="reporter_reply"');
  const before = await snapshot(coordinator, request, [code]);

  const reply = { code, action: "reporter_reply", message: "Ini balasan palsu tanpa kunci yang benar." };
  const attempts: Record<string, string>[] = [
    { ...reply, key: "salah-sekali" },
    { ...reply, key: f.otherKey },
    { ...reply, key: "" },
    reply,
    { ...reply, key: key.slice(0, -2) },
  ];
  for (const fields of attempts) {
    expect(outcome(await postForm(request, origin, `/lacak/${code}`, reporterForm, fields)), `key ${JSON.stringify(fields.key)}`).toBe("404");
  }
  // A staff session is no substitute for the reporter's key.
  expect(outcome(await postForm(coordinator, origin, `/lacak/${code}`, reporterForm, reply))).toBe("404");
  expect(await snapshot(coordinator, request, [code])).toEqual(before);

  // With the right key the same post is the reporter's reply.
  expect(outcome(await postForm(request, origin, `/lacak/${code}`, reporterForm, { ...reply, key }))).toBe(`→/lacak/${code}?key=${encodeURIComponent(key)}&done=1`);
  expect(await staffState(coordinator, code)).toMatchObject({ status: "disposed" });
});

test("only the coordination team may turn a kept SMS into a complaint", async ({ requestAs, request }) => {
  const text = `Halo petugas, ini pesan uji wewenang ${unique()}`;
  const from = `0819${String(Date.now()).slice(-8)}`;
  const sent = await request.get(`/api/sms/inbound?key=${E2E_SMS_KEY}&from=${from}&text=${encodeURIComponent(text)}`);
  expect(sent.status()).toBe(200);
  const coordinator = await requestAs("coordinator");
  const inbox = await html(coordinator, "/petugas/sms-masuk");
  // A useActionState form: posted with its hidden fields, as without JavaScript.
  const convertForm = formFieldsIn(inbox, text);
  const form = [...inbox.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].map((m) => m[1] ?? "").find((f) => f.includes(text))!;
  const id = /name="id" value="(\d+)"/.exec(form)![1]!;
  const fields = { id, title: "Aduan dari SMS uji wewenang", body: `${text} — diteruskan oleh petugas.` };
  for (const [who, expected] of [
    ["disdukcapil", "404"],
    ["kepala-disdukcapil", "404"],
    ["binamarga", "404"],
    ["auditor", "404"],
    ["admin", "404"],
    ["citizen", "→/masuk"],
  ] as const) {
    expect(outcome(await postForm(await requestAs(who), origin, "/petugas/sms-masuk", convertForm, fields)), who).toBe(expected);
  }
  expect(await html(coordinator, "/petugas/sms-masuk")).toContain(text);
  expect(outcome(await postForm(coordinator, origin, "/petugas/sms-masuk", convertForm, fields))).toMatch(/^→\/petugas\/aduan\/BTM-[0-9A-Z]{8}\?done=sms$/);
  expect(await html(coordinator, "/petugas/sms-masuk")).not.toContain(text);
});

test("LAPOR integration actions are refused to every role but the coordination team and admins; mappings to all but admins", async ({ requestAs }) => {
  const coordinator = await requestAs("coordinator");
  const admin = await requestAs("admin");
  const overview = await html(coordinator, "/petugas/integrasi");
  const manual = await html(coordinator, "/petugas/integrasi/manual");
  // useActionState forms: posted with their hidden fields, as without JavaScript.
  const ids = {
    reconcile: formFieldsIn(overview, "Jalankan rekonsiliasi"),
    importFile: formFieldsIn(manual, 'name="file"'),
  };
  const mappingForm = formFieldsIn(await html(admin, "/petugas/integrasi/pemetaan"), 'name="localCode" value="LAINNYA"');
  const mappingOf = async () => {
    const input = /<input[^>]*id="m-category-LAINNYA-in"[^>]*>/.exec(await html(admin, "/petugas/integrasi/pemetaan"))?.[0] ?? "";
    return /value="([^"]*)"/.exec(input)?.[1] ?? "";
  };
  const before = await mappingOf();
  expect(before).not.toBe("");
  // The mark/retry/resolve forms are rendered only when there is something to act on; their
  // actions share the module of the ones above and check the same capability.
  const attempts: [Who | "citizen", string, string | Record<string, string>, Record<string, string>, string][] = [];
  for (const who of ["disdukcapil", "kepala-disdukcapil", "binamarga", "auditor"] as const) {
    attempts.push([who, "/petugas/integrasi", ids.reconcile, {}, "404"]);
    attempts.push([who, "/petugas/integrasi/manual", ids.importFile, {}, "404"]);
    attempts.push([who, "/petugas/integrasi/pemetaan", mappingForm, { kind: "category", localCode: "LAINNYA", laporId: "HACK1" }, "404"]);
  }
  attempts.push(["coordinator", "/petugas/integrasi/pemetaan", mappingForm, { kind: "category", localCode: "LAINNYA", laporId: "HACK2" }, "404"]);
  attempts.push(["citizen", "/petugas/integrasi/manual", ids.importFile, {}, "→/masuk"]);
  attempts.push(["citizen", "/petugas/integrasi/pemetaan", mappingForm, { kind: "category", localCode: "LAINNYA", laporId: "HACK3" }, "→/masuk"]);
  const results: string[] = [];
  for (const [who, url, id, fields, expected] of attempts) {
    const client = await requestAs(who);
    const got = outcome(await (typeof id === "string" ? postAction(client, origin, url, id, fields) : postForm(client, origin, url, id, fields)));
    results.push(`${who} ${url}: ${got === expected ? "refused as expected" : `UNEXPECTED ${got}`}`);
  }
  expect(results.filter((r) => r.includes("UNEXPECTED"))).toEqual([]);
  expect(await mappingOf()).toBe(before);
  // The same crafted import by a coordinator is accepted (and refused for its empty file, beside the field).
  const crafted = await postForm(coordinator, origin, "/petugas/integrasi/manual", ids.importFile, {});
  expect(crafted.status()).toBe(200);
  expect(await crafted.text()).toContain("Berkas kosong atau tidak dipilih.");
});
