import { randomInt } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { fileComplaint, unique } from "./support/data";
import { escapeRegExp, expect, main, serverLogFile, staffAction, test } from "./support/staff";

/**
 * An anonymous reporter's identity must never reach an OPD, the auditor, the public or the
 * server log; the coordination team sees it only after asking, and that is audited. Every
 * response those people can get for the complaint is collected as raw text (HTML and the RSC
 * payload a client-side navigation fetches) and searched for each piece of the identity.
 */

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join("");

test("an anonymous reporter's identity reaches nobody but the coordinator who asks, and never the log", async ({ requestAs, pageAs, baseURL }) => {
  test.setTimeout(120_000);
  const u = unique();
  const name = `Sutan Penyamar ${u}`;
  const subscriber = `812${digits(8)}`;
  const phone = `0${subscriber}`;
  const email = `penyamar.${u}@example.test`;
  const nik = `2171${digits(12)}`;
  const title = `Pungutan liar di loket ${u}, hubungi Sutan`;
  // The citizen also typed their identity into the body, in formats meant to slip past a filter.
  const grouped = `(${phone.slice(0, 4)}) ${phone.slice(4, 8)} ${phone.slice(8)}`;
  const body = `Petugas loket meminta uang tambahan agar dokumen cepat dicetak. Saya ${name}, HP ${grouped}, email ${email.replace("@", " @ ")}, NIK ${nik.match(/.{4}/g)!.join("/")}.`;
  // The phone number in any format: +62 812…, 62812…, 0812…, with or without separators.
  const phonePattern = new RegExp(subscriber.split("").map(escapeRegExp).join("[\\s.\\-]?"));
  const leaks = (text: string) =>
    [
      text.includes(name) && "name",
      text.includes(`Penyamar ${u}`) && "surname",
      phonePattern.test(text) && "phone",
      text.toLowerCase().includes(email) && "email",
      text.includes(nik) && "NIK",
    ].filter(Boolean);

  const citizen = await requestAs("citizen");
  const { trackingCode: code } = await fileComplaint(citizen, {
    title,
    body,
    categoryCode: "ADMINDUK",
    reporterName: name,
    reporterPhone: phone,
    reporterEmail: email,
    nik,
    anonymous: true,
  });

  const coordinator = await requestAs("coordinator");
  const responses: Record<string, string> = {};
  // The coordinator reads what the citizen wrote as written (identity fields stay behind the reveal).
  const coordinatorSaw: Record<string, string> = {};
  async function collect(label: string, client: APIRequestContext, url: string, rsc = false) {
    const res = await client.get(url, { headers: rsc ? { RSC: "1" } : {} });
    expect(res.status(), `${label} ${url}`).toBe(200);
    if (rsc) expect(res.headers()["content-type"], `${label} ${url} (RSC)`).toContain("text/x-component");
    (label === "coordinator" ? coordinatorSaw : responses)[`${label} ${url}${rsc ? " (RSC)" : ""}`] = await res.text();
  }
  /** A staff list page by page until the complaint shows up (other specs fill the lists too). */
  async function collectList(label: string, client: APIRequestContext, path: string) {
    let url = path;
    for (let page = 0; page < 40; page++) {
      await collect(label, client, url);
      await collect(label, client, url, true);
      const text = (label === "coordinator" ? coordinatorSaw : responses)[`${label} ${url}`]!;
      // The next page's link carries the keyset cursor ("after=").
      const next = new RegExp(`href="(${path.replace(/[/.-]/g, "\\$&")}\\?[^"]*after=[^"]*)"`).exec(text)?.[1];
      if (text.includes(code) || !next) return;
      url = next.replaceAll("&amp;", "&");
    }
  }

  // Before the disposition: the queue and the complaint, as the coordination team first sees them.
  await collectList("coordinator", coordinator, "/petugas/antrean");
  await collect("coordinator", coordinator, `/petugas/aduan/${code}`);
  await collect("coordinator", coordinator, `/petugas/aduan/${code}`, true);
  await staffAction(coordinator, baseURL!, code, "dispose", { opdCode: "DISDUKCAPIL" });
  // An officer's message to the reporter goes through the identity-holding notification path.
  const officer = await requestAs("disdukcapil");
  await staffAction(officer, baseURL!, code, "request_info", { message: "Mohon sebutkan tanggal dan jam kejadian di loket." });
  await collect("coordinator", coordinator, `/petugas/aduan/${code}`);

  // The coordinator asks to see the identity: shown, and audited.
  const page = await pageAs("coordinator");
  await page.goto(`/petugas/aduan/${code}`);
  const reporter = main(page).getByRole("region", { name: "Pelapor" });
  await expect(reporter).toContainText("Identitas disembunyikan: pelapor memilih anonim.");
  await expect(reporter).not.toContainText(name);
  await reporter.getByRole("button", { name: "Tampilkan identitas" }).click();
  await expect(page).toHaveURL(/[?&]reveal=\d+/);
  for (const shown of [name, `+62${subscriber}`, email, nik]) await expect(reporter).toContainText(shown);
  const revealUrl = new URL(page.url());

  const auditor = await requestAs("auditor");
  const audit = await auditor.get("/petugas/audit?jenis=reveal_identity");
  const reveals = await audit.text();
  expect(reveals).toMatch(new RegExp(`Tim Koordinasi[\\s\\S]{0,80}koordinator@pintu\\.test[\\s\\S]{0,200}${code}`));

  // What the OPD (officer and head), the auditor and the public can get, also after the reveal.
  for (const who of ["disdukcapil", "kepala-disdukcapil"] as const) {
    const client = await requestAs(who);
    await collectList(who, client, "/petugas/kotak-masuk");
    for (const url of [`/petugas/aduan/${code}`, `/petugas/aduan/${code.toLowerCase()}`, `/petugas/aduan/${code}${revealUrl.search}`, "/petugas/akun"]) {
      await collect(who, client, url);
      await collect(who, client, url, true);
    }
  }
  // The SLA board and its drill-down list the complaint's title for the head and the auditor.
  for (const who of ["kepala-disdukcapil", "auditor"] as const) {
    const client = await requestAs(who);
    await collect(who, client, "/petugas/sla");
    for (let p = 0; p < 40; p++) {
      const url = `/petugas/sla/aduan?opd=DISDUKCAPIL&page=${p}`;
      await collect(who, client, url);
      const text = responses[`${who} ${url}`]!;
      if (text.includes(code) || !text.includes(`page=${p + 1}`)) {
        expect(text, `${who} drill-down lists ${code}`).toContain(code);
        break;
      }
    }
  }
  for (const url of ["/petugas/audit", `/petugas/aduan/${code}`, `/petugas/aduan/${code}${revealUrl.search}`]) {
    await collect("auditor", auditor, url);
    await collect("auditor", auditor, url, true);
  }
  // The reveal link is the coordinator's own and short-lived: another coordinator-role reader
  // (an admin) does not get the identity from it.
  // (The admin, like the coordinator, reads the body as written: only the identity fields count.)
  const admin = await requestAs("admin");
  const adminView = await (await admin.get(`/petugas/aduan/${code}${revealUrl.search}`)).text();
  for (const field of [`+62${subscriber}`, email, nik]) expect(adminView).not.toContain(field);
  expect(adminView).toContain("Identitas disembunyikan: pelapor memilih anonim.");
  for (const url of ["/", `/lacak/${code}`, `/lacak?code=${code}`, `/api/v1/complaints/${code}`, `/aduan?q=${u}`]) {
    await collect("public", citizen, url);
    if (!url.startsWith("/api")) await collect("public", citizen, url, true);
  }

  const found = Object.entries(responses)
    .map(([where, text]) => [where, leaks(text)] as const)
    .filter(([, what]) => what.length > 0)
    .map(([where, what]) => `${where}: ${what.join(", ")}`);
  expect(found).toEqual([]);
  // The officer's page said so instead, and still shows the complaint itself.
  const officerPage = responses[`disdukcapil /petugas/aduan/${code}`]!;
  expect(officerPage).toContain("Identitas disembunyikan: pelapor memilih anonim.");
  expect(officerPage).toContain("Petugas loket meminta uang tambahan agar dokumen cepat dicetak. Saya [disembunyikan]");
  expect(responses[`public /aduan?q=${u}`]).toContain(code);
  // The coordinator read the body as the citizen wrote it.
  expect(coordinatorSaw[`coordinator /petugas/aduan/${code}`]).toContain(grouped);

  // Nothing of it reached the server's log either (written by e2e/support/serve.ts).
  const logFile = serverLogFile(baseURL!);
  expect(existsSync(logFile), `${logFile} (is the server a reused one not started by serve.ts?)`).toBe(true);
  const log = readFileSync(logFile, "utf8");
  expect(log).toContain(`pintu: ready on http://localhost:${new URL(baseURL!).port}`);
  expect(leaks(log)).toEqual([]);
});
