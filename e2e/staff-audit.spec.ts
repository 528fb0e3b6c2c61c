import { fileComplaint, jakartaDate, unique } from "./support/data";
import { actionIdIn, expect, html, main, outcome, postAction, staffAction, test } from "./support/staff";

/**
 * The audit screen (issue 14): a staff write is found by who did it and when, with the
 * complaint linked; the same filter downloads as CSV; a calendar change is in the log.
 */

let code: string;
const day = `2098-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  code = (await fileComplaint(request, { title: `Trotoar rusak di depan sekolah ${unique()}`, categoryCode: "JALAN" })).trackingCode;
  await request.dispose();
});

test("finds the coordinator's disposition by actor and date, and a holiday added then removed @phone", async ({ requestAs, pageAs, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  await staffAction(await requestAs("coordinator"), origin, code, "dispose", { opdCode: "BINAMARGA", note: "Mohon ditangani." });
  const admin = await requestAs("admin");
  const calendar = await html(admin, "/petugas/kalender?year=2098");
  expect(outcome(await postAction(admin, origin, "/petugas/kalender", actionIdIn(calendar, 'name="kind"'), { day, name: "Libur uji audit", kind: "local", year: "2098" }))).toMatch(/^→\/petugas\/kalender\?.*added=/);
  const after = await html(admin, "/petugas/kalender?year=2098");
  expect(outcome(await postAction(admin, origin, "/petugas/kalender", actionIdIn(after, `value="${day}"`), { day }))).toMatch(/^→\/petugas\/kalender\?.*removed=/);

  const page = await pageAs("auditor");
  await page.goto("/petugas/audit");
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Log audit");
  const form = main(page).getByRole("form", { name: "Saring" });
  await form.getByLabel("Petugas").selectOption({ label: "Tim Koordinasi (koordinator@pintu.test)" });
  await form.getByLabel("Dari tanggal").fill(jakartaDate());
  await form.getByLabel("Sampai tanggal").fill(jakartaDate());
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
