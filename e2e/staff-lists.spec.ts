import type { Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { fileComplaint, unique } from "./support/data";
import { expect, main, OPD, staffAction, test } from "./support/staff";

/**
 * Lists that work (issue 13 item 3): the coordinator filters the queue with GET parameters,
 * pages through search results by keyset, downloads the filtered list as CSV and acts on several
 * complaints at once (each its own workflow action; a failure reported by code). An OPD cannot
 * widen its list through the URL, and its CSV never carries an anonymous reporter's contact.
 * Desktop and phone (project staff-phone: the table becomes cards).
 */

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true, timeout: 60_000 });
const readCsv = (text: string) => parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
const row = (page: Page, code: string) => main(page).locator(`tr[data-code="${code}"]`);

async function applyFilters(page: Page, fields: { selects?: Record<string, string>; checks?: string[] }) {
  const details = main(page).locator("details").filter({ has: page.locator("summary", { hasText: "Filter dan urutan" }) });
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  for (const [label, value] of Object.entries(fields.selects ?? {})) await details.getByLabel(label, { exact: true }).selectOption({ label: value });
  for (const label of fields.checks ?? []) await details.getByLabel(label, { exact: true }).check();
  await details.getByRole("button", { name: "Terapkan" }).click();
}

test("the coordinator filters the queue and disposes or archives several at once, failures named by code @phone", async ({ pageAs, requestAs, request, baseURL }) => {
  test.setTimeout(180_000);
  const u = unique();
  // In a kecamatan other specs leave alone, so the three stay on the first page while others file more.
  const place = { kecamatan: "Nongsa", kelurahan: "Ngenang" };
  const a = await fileComplaint(request, { ...place, title: `Lampu jalan ${u} mati sejak seminggu` });
  const b = await fileComplaint(request, { ...place, title: `Trotoar ${u} rusak di depan pasar` });
  const c = await fileComplaint(request, { ...place, title: `Promo pinjaman ${u} bunga rendah`, anonymous: true, reporterPhone: "081377001122" });

  const page = await pageAs("coordinator");
  await page.goto("/petugas/antrean");
  await applyFilters(page, { selects: { Urutkan: "Terbaru dulu", Saluran: "Situs web", Kecamatan: "Nongsa" }, checks: ["Anonim"] });
  const kecamatan = new URL(page.url()).searchParams.get("kecamatan");
  expect(kecamatan).toMatch(/^\d+$/);
  await expect(page).toHaveURL(/[?&]channel=web/);
  await expect(page).toHaveURL(/[?&]flag=anonymous/);
  await expect(page).toHaveURL(/[?&]sort=newest/);
  await expect(row(page, c.trackingCode)).toBeVisible();
  await expect(row(page, c.trackingCode)).toContainText("Anonim");
  await expect(row(page, c.trackingCode)).toContainText(/sisa (\d+|kurang dari 1) hari kerja/);
  await expect(row(page, a.trackingCode)).toHaveCount(0);
  await expect(main(page).getByTestId("list-total")).toHaveText(/^\d+ aduan$/);
  await shot(page, "queue-filtered");

  // A colleague disposes A while this page is open: the bulk action then fails for A alone.
  await page.goto(`/petugas/antrean?kecamatan=${kecamatan}&sort=newest`);
  await expect(row(page, a.trackingCode)).toBeVisible();
  await staffAction(await requestAs("coordinator"), baseURL!, a.trackingCode, "dispose", { opdCode: "DISDUKCAPIL" });
  for (const code of [a.trackingCode, b.trackingCode]) await main(page).getByRole("checkbox", { name: `Pilih ${code}` }).check();
  const bulk = main(page).getByRole("form", { name: "Tindakan untuk aduan yang dipilih" });
  await bulk.getByLabel("OPD tujuan").selectOption("BINAMARGA");
  await shot(page, "queue-bulk-selected");
  await bulk.getByRole("button", { name: "Teruskan yang dipilih ke OPD" }).click();
  const result = main(page).getByTestId("bulk-result");
  await expect(result).toHaveText(`1 diteruskan ke ${OPD.BINAMARGA}, 1 gagal: ${a.trackingCode} sudah berstatus “Diteruskan ke instansi”`);
  await expect(page).toHaveURL(new RegExp(`[?&]kecamatan=${kecamatan}&sort=newest`));
  await expect(row(page, b.trackingCode)).toHaveCount(0);
  await shot(page, "queue-bulk-result");

  await main(page).getByRole("checkbox", { name: `Pilih ${c.trackingCode}` }).check();
  await bulk.getByRole("button", { name: "Arsipkan yang dipilih sebagai spam" }).click();
  await expect(result).toHaveText("1 diarsipkan sebagai spam.");

  // Each is an ordinary workflow action with its own event.
  await page.goto(`/petugas/aduan/${b.trackingCode}`);
  await expect(main(page).locator("header [data-status]").first()).toHaveText("Diteruskan ke instansi");
  const log = main(page).getByRole("region", { name: "Riwayat lengkap" });
  await expect(log.getByRole("listitem").filter({ hasText: "Verifikasi dan teruskan ke OPD" })).toContainText(OPD.BINAMARGA);
  await page.goto(`/petugas/aduan/${c.trackingCode}`);
  await expect(main(page).locator("header [data-status]").first()).toHaveText("Diarsipkan");

  // Nothing ticked: told so, nothing done.
  await page.goto("/petugas/antrean");
  await main(page).getByRole("button", { name: "Arsipkan yang dipilih sebagai spam" }).click();
  await expect(main(page).getByRole("alert")).toHaveText("Belum ada aduan yang dipilih.");
});

test("search results page by keyset, sort by age and download as CSV @phone", async ({ pageAs, requestAs, request }) => {
  test.setTimeout(180_000);
  const word = `saluran${unique().replace(/[^a-z]/g, "q")}`;
  const codes: string[] = [];
  for (let i = 0; i < 27; i++) codes.push((await fileComplaint(request, { title: `Got ${word} nomor ${i} tersumbat` })).trackingCode);
  const page = await pageAs("coordinator");
  await page.goto(`/petugas/cari?q=${word}`);
  await expect(main(page).getByTestId("list-total")).toHaveText("27 aduan");
  const rows = main(page).locator("tbody tr");
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toHaveAttribute("data-code", codes[26]!);
  await shot(page, "search-page-1");
  await main(page).getByRole("link", { name: "Berikutnya" }).click();
  await expect(page).toHaveURL(/[?&]after=/);
  await expect(rows).toHaveCount(2);
  await expect(rows.last()).toHaveAttribute("data-code", codes[0]!);
  await expect(main(page).getByRole("link", { name: "Berikutnya" })).toHaveCount(0);
  await main(page).getByRole("link", { name: "Sebelumnya" }).click();
  await expect(page).toHaveURL(/[?&]before=/);
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toHaveAttribute("data-code", codes[26]!);
  await expect(main(page).getByRole("link", { name: "Sebelumnya" })).toHaveCount(0);

  await applyFilters(page, { selects: { Urutkan: "Terlama dulu" } });
  await expect(page).toHaveURL(new RegExp(`q=${word}.*sort=age`));
  await expect(rows.first()).toHaveAttribute("data-code", codes[0]!);

  // The CSV is the same filtered list: every row, in the same order.
  const coordinator = await requestAs("coordinator");
  const csv = await coordinator.get(`/petugas/cari/data.csv?q=${word}&sort=age`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="aduan-cari-\d{4}-\d{2}-\d{2}\.csv"$/);
  const records = readCsv(await csv.text());
  expect(Object.keys(records[0]!).slice(0, 4)).toEqual(["tracking_code", "received_at", "status", "channel"]);
  expect(records.map((r) => r.tracking_code)).toEqual(codes);
});

test("an OPD cannot widen its list through the URL, and its CSV never holds an anonymous reporter's contact @phone", async ({ pageAs, requestAs, request, baseURL }) => {
  test.setTimeout(180_000);
  const u = unique();
  const phone = `0813${String(Math.floor(1e7 + Math.random() * 9e7))}`;
  const named = await fileComplaint(request, { title: `Jalan ${u} berlubang dekat halte`, reporterPhone: "081255501234", reporterName: "Budi Terbuka" });
  const anon = await fileComplaint(request, { title: `Drainase ${u} meluap tiap hujan`, anonymous: true, reporterPhone: phone, reporterName: "Rahasia Sekali" });
  const other = await fileComplaint(request, { title: `KTP ${u} belum jadi`, categoryCode: "ADMINDUK" });
  const coordinator = await requestAs("coordinator");
  for (const [code, opd] of [[named.trackingCode, "BINAMARGA"], [anon.trackingCode, "BINAMARGA"], [other.trackingCode, "DISDUKCAPIL"]] as const) await staffAction(coordinator, baseURL!, code, "dispose", { opdCode: opd });

  const page = await pageAs("binamarga");
  await page.goto("/petugas/kotak-masuk?opd=DISDUKCAPIL&status=all&sort=newest");
  await expect(main(page).getByRole("alert")).toContainText("OPD tidak dikenal atau di luar wewenang Anda.");
  await expect(row(page, anon.trackingCode)).toBeVisible();
  await expect(row(page, anon.trackingCode)).toContainText("Anonim");
  await expect(row(page, other.trackingCode)).toHaveCount(0);
  await expect(main(page).locator("tbody tr").filter({ hasText: OPD.DISDUKCAPIL })).toHaveCount(0);
  await expect(main(page).getByLabel("OPD", { exact: true })).toHaveCount(0);
  await shot(page, "inbox-scoped");
  // Search cannot reach another OPD's complaint either, with or without filters.
  await page.goto(`/petugas/cari?q=${other.trackingCode}&opd=DISDUKCAPIL&status=all`);
  await expect(main(page).getByTestId("search-summary")).toContainText("Tidak ada aduan");
  // The queue and its CSV are the coordinator's.
  const officer = await requestAs("binamarga");
  expect((await officer.get("/petugas/antrean?opd=BINAMARGA")).status()).toBe(404);
  expect((await officer.get("/petugas/antrean/data.csv")).status()).toBe(404);

  const csv = await officer.get("/petugas/kotak-masuk/data.csv?opd=DISDUKCAPIL&status=all&sort=newest");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  const records = readCsv(text);
  const anonRow = records.find((r) => r.tracking_code === anon.trackingCode)!;
  const namedRow = records.find((r) => r.tracking_code === named.trackingCode)!;
  expect(anonRow.anonymous).toBe("yes");
  expect([anonRow.reporter_name, anonRow.reporter_phone, anonRow.reporter_email]).toEqual(["", "", ""]);
  expect(text).not.toContain(phone.slice(1));
  expect(text).not.toContain("Rahasia Sekali");
  expect(namedRow.reporter_phone).toBe("'+6281255501234"); // a leading + would be read as a formula
  expect(text).not.toContain(other.trackingCode);
  for (const r of records) expect(r.opd).toBe(OPD.BINAMARGA);
});
