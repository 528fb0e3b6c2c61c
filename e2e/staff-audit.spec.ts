import { fileComplaint, jakartaDate, unique } from "./support/data";
import { E2E_SMS_KEY } from "./support/kannel-config";
import { authFile, expect, formFieldsIn, html, main, outcome, postForm, staffAction, test } from "./support/staff";

/**
 * The audit screen (issue 14): a staff write is found by who did it and when, with the
 * complaint linked; the same filter downloads as CSV; a calendar change is in the log.
 */

let code: string;
const day = `2098-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  code = (await fileComplaint(request, { title: `Trotoar rusak di depan sekolah ${unique()}`, categoryCode: "JALAN" })).trackingCode;
  const coordinator = await playwright.request.newContext({ baseURL, storageState: authFile("coordinator") });
  await staffAction(coordinator, new URL(baseURL!).origin, code, "dispose", { opdCode: "BINAMARGA", note: "Mohon ditangani." });
  await Promise.all([request.dispose(), coordinator.dispose()]);
});

test("finds the coordinator's disposition by actor and date, and a holiday added then removed @phone", async ({ requestAs, pageAs, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  const admin = await requestAs("admin");
  const calendar = await html(admin, "/petugas/kalender?year=2098");
  // The add form is a useActionState form (lib/action.ts): posted as a browser without JavaScript would.
  expect(outcome(await postForm(admin, origin, "/petugas/kalender", formFieldsIn(calendar, 'name="kind"'), { day, name: "Libur uji audit", kind: "local" }))).toMatch(/^→\/petugas\/kalender\?.*added=/);
  const after = await html(admin, "/petugas/kalender?year=2098");
  expect(outcome(await postForm(admin, origin, "/petugas/kalender", formFieldsIn(after, `value="${day}"`), {}))).toMatch(/^→\/petugas\/kalender\?.*removed=/);

  const page = await pageAs("auditor");
  await page.goto("/petugas/audit");
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Log audit");
  const form = main(page).getByRole("form", { name: "Saring" });
  await form.getByLabel("Petugas", { exact: true }).selectOption({ label: "Tim Koordinasi (koordinator@pintu.test)" });
  await form.getByLabel("Dari tanggal", { exact: true }).fill(jakartaDate());
  await form.getByLabel("Sampai tanggal", { exact: true }).fill(jakartaDate());
  await form.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/aktor=\d+/);
  const row = main(page).getByTestId("audit-rows").getByRole("listitem").filter({ hasText: code });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Verifikasi dan teruskan ke OPD");
  await expect(row).toContainText("Tim Koordinasi");
  await expect(row.getByRole("link", { name: code })).toHaveAttribute("href", `/petugas/aduan/${code}`);
  await page.screenshot({ path: test.info().outputPath("audit-filtered.png"), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The calendar: both the addition and the removal, by the administrator, linked to the year.
  await page.goto(`/petugas/audit?jenis=calendar&q=${day}`);
  const cal = main(page).getByTestId("audit-rows").getByRole("listitem");
  await expect(cal.filter({ hasText: "Menambah hari libur" })).toHaveCount(1);
  await expect(cal.filter({ hasText: "Menghapus hari libur" })).toHaveCount(1);
  await expect(cal.first()).toContainText("Admin SP4N");
  await expect(cal.first().getByRole("link", { name: `holiday ${day}` })).toHaveAttribute("href", "/petugas/kalender?year=2098");
});

test("downloads the filtered log as CSV through the safe writer, and refuses it to other roles", async ({ requestAs }) => {
  const auditor = await requestAs("auditor");
  const res = await auditor.get(`/petugas/audit/data.csv?kode=${code}`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  expect(res.headers()["content-disposition"]).toMatch(/attachment; filename="audit-btm-\d{12}\.csv"/);
  const text = await res.text();
  const lines = text.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(lines[0]).toBe("id,at,action,actor_name,actor_email,actor_role,address,complaint,target,details");
  expect(lines.slice(1).every((l) => l.includes(code))).toBe(true);
  expect(lines.some((l) => l.includes("complaint.dispose"))).toBe(true);
  for (const who of ["coordinator", "disdukcapil"] as const) expect((await (await requestAs(who)).get("/petugas/audit/data.csv", { maxRedirects: 0 })).status()).toBe(404);
  // The download itself is in the log.
  const page = await html(auditor, "/petugas/audit?jenis=audit");
  expect(page).toContain("Mengunduh log audit");
});

test("paging: the next page continues where the first ended, the previous comes back", async ({ pageAs }) => {
  const page = await pageAs("admin");
  await page.goto("/petugas/audit");
  const older = main(page).getByRole("link", { name: /Lebih lama/ });
  if ((await older.count()) === 0) test.skip(true, "fewer than one page of entries on this server");
  const firstIds = await main(page).getByTestId("audit-rows").locator("time").allInnerTexts();
  await older.click();
  await expect(page).toHaveURL(/setelah=/);
  await main(page).getByRole("link", { name: /Lebih baru/ }).click();
  await expect(page).toHaveURL(/sebelum=/);
  expect(await main(page).getByTestId("audit-rows").locator("time").allInnerTexts()).toEqual(firstIds);
});

test("a template fills the answer form, without JavaScript too, and counts its use @phone", async ({ pageAs, requestAs, baseURL, browser }) => {
  test.setTimeout(120_000);
  const admin = await pageAs("admin");
  await admin.goto("/petugas/templat");
  await expect(main(admin).getByRole("heading", { level: 1 })).toHaveText("Templat jawaban");
  const title = `Minta foto lokasi ${unique()}`;
  const editor = main(admin).locator("form").filter({ has: admin.getByLabel("Judul") });
  await editor.getByLabel("Untuk").selectOption("request_info");
  await editor.getByLabel("Judul").fill(title);
  await editor.getByLabel("Teks (bahasa Indonesia)").fill("Yth. {nama}, untuk aduan {kode} yang masuk {tanggal_aduan}, mohon kirimkan foto lokasi yang lebih jelas.");
  await editor.getByLabel("Teks (bahasa Inggris, boleh kosong)").fill("Dear {nama}, for complaint {kode}, please send a clearer photo of the place.");
  await editor.getByRole("button", { name: "Buat templat" }).click();
  await expect(main(admin).getByRole("status")).toContainText("Templat dibuat.");
  await admin.screenshot({ path: test.info().outputPath("templates.png"), fullPage: true });

  // An anonymous complaint: the template never names the reporter.
  const request = await requestAs("citizen");
  const anon = (await fileComplaint(request, { title: `Lampu jalan mati ${unique()}`, categoryCode: "JALAN", anonymous: true, reporterName: "Nama Rahasia" })).trackingCode;
  const context = await browser.newContext({ storageState: authFile("coordinator"), javaScriptEnabled: false, viewport: admin.viewportSize() ?? undefined });
  const page = await context.newPage();
  try {
    await page.goto(`${baseURL}/petugas/aduan/${anon}`);
    const form = main(page).locator("#act-request_info");
    await form.locator("summary").click();
    await form.getByLabel("Templat").selectOption({ label: title });
    await form.getByRole("button", { name: "Pakai templat" }).click();
    await expect(page).toHaveURL(/templat=\d+&?/);
    const text = main(page).locator("#act-request_info textarea[name=message]");
    await expect(text).toHaveValue(new RegExp(`^Yth\\. Bapak/Ibu, untuk aduan ${anon} yang masuk \\d+ \\w+ \\d{4}, mohon kirimkan foto`));
    await expect(text).not.toHaveValue(/Nama Rahasia/);
    await page.screenshot({ path: test.info().outputPath("template-filled.png"), fullPage: true });
    await main(page).locator("#act-request_info").getByRole("button", { name: /Minta informasi|Minta/ }).last().click();
    await expect(page).toHaveURL(/done=request_info/);
  } finally {
    await context.close();
  }
  await admin.goto("/petugas/templat");
  await expect(main(admin).getByRole("listitem").filter({ hasText: title })).toContainText("dipakai 1 kali");
});

test("channel health: an outbound SMS gateway that does not answer shows as failing, with the error @phone", async ({ pageAs, requestAs, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  // A citizen's SMS complaint; disposing it sends the reporter an SMS, through a gateway that is not running.
  const request = await requestAs("citizen");
  const from = `0813${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
  const text = `BTM Saluran air tersumbat di depan rumah kami sejak seminggu ${unique()}`;
  const sent = await request.get(`/api/sms/inbound?key=${E2E_SMS_KEY}&from=${from}&text=${encodeURIComponent(text)}`);
  expect(sent.status()).toBe(200);
  // The reply SMS names the new complaint's code.
  const code = /BTM-[0-9A-HJKMNP-TV-Z]{8}/.exec(await sent.text())?.[0];
  const coordinator = await requestAs("coordinator");
  expect(code).toBeTruthy();
  await staffAction(coordinator, origin, code!, "dispose", { opdCode: "BINAMARGA" });

  const page = await pageAs("coordinator");
  await expect(async () => {
    await page.goto("/petugas/sms-masuk");
    await expect(main(page).locator('[data-channel="sms"]')).toHaveAttribute("data-state", /failing|halted/, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  const sms = main(page).locator('[data-channel="sms"]');
  await expect(sms).toContainText(/gagal terkirim|dihentikan sementara/);
  await expect(main(page).locator('[data-channel="sms-in"]')).toHaveAttribute("data-state", "ok");
  await expect(main(page).locator('[data-channel="sms-in"]')).toContainText("SMS terakhir diterima");
  await page.screenshot({ path: test.info().outputPath("sms-inbox-health.png"), fullPage: true });
  // The same state in /api/health.
  const health = (await (await request.get("/api/health")).json()) as { status: string; reasons: string[]; channels: { sms: { state: string } } };
  expect(health.status).toBe("degraded");
  expect(health.channels.sms.state).toMatch(/failing|halted/);
  expect(health.reasons.some((r) => /^sms_(failing|dead_letters|halted)$/.test(r))).toBe(true);
  await page.goto("/petugas/integrasi");
  await expect(main(page).locator('[data-channel="sms"]')).toHaveAttribute("data-state", /failing|halted/);
  await page.screenshot({ path: test.info().outputPath("integration-health.png"), fullPage: true });
});
