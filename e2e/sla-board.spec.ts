import { fileComplaint, unique } from "./support/data";
import { snapshot } from "./support/pages";
import { authFile, expect, main, OPD, staffAction, test } from "./support/staff";

/**
 * The SLA board and the public statistics, end to end: a complaint filed and disposed shows up
 * on the coordinator's board (open clocks live, period figures once the worker has refreshed
 * them), the numbers drill down to the complaint, the CSV export carries the same figures, an
 * OPD head sees only their OPD however the URL is crafted, and /statistik publishes counts
 * without any complaint's text.
 */

let code: string;
let title: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  title = `Jalan amblas dekat pasar ${unique()}`;
  const receipt = await fileComplaint(request, { title, categoryCode: "JALAN", kecamatan: "Sekupang", kelurahan: "Tiban Baru", reporterName: "Pelapor Rahasia Uji", reporterPhone: "081277776666" });
  code = receipt.trackingCode;
  const coordinator = await playwright.request.newContext({ baseURL, storageState: authFile("coordinator") });
  await staffAction(coordinator, baseURL!, code, "dispose", { opdCode: "BINAMARGA" });
  await Promise.all([request.dispose(), coordinator.dispose()]);
});

test("coordinator: board, drill-down to the complaint, filters in the URL, CSV export @phone", async ({ pageAs, requestAs }, testInfo) => {
  const page = await pageAs("coordinator");
  await page.goto("/petugas/sla?opd=BINAMARGA");
  await expect(main(page).getByRole("heading", { level: 1, name: "Papan SLA" })).toBeVisible();
  const openTable = main(page).getByRole("table", { name: /Aduan terbuka per OPD/ });
  const row = openTable.getByRole("row", { name: new RegExp(OPD.BINAMARGA) });
  // Just disposed: the first-response and resolution clocks are running and on track.
  await expect(row.getByRole("cell").first().getByRole("link")).toBeVisible();

  // The period figures follow within seconds (the worker's refresh); reload until they do.
  const period = main(page).getByRole("table", { name: /Aduan yang diterima dalam periode/ });
  await expect(async () => {
    await page.reload();
    await expect(period.getByRole("row", { name: new RegExp(OPD.BINAMARGA) })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(main(page).getByRole("img", { name: /Tren bulanan/ })).toBeVisible();
  await snapshot(page, testInfo, "sla-board");

  // Drill down from the on-track count to the complaint itself.
  await row.getByRole("cell").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/petugas\/sla\/aduan\?.*opd=BINAMARGA.*state=on_track/);
  await expect(main(page).getByRole("heading", { level: 1 })).toContainText("Sesuai jadwal");
  await snapshot(page, testInfo, "sla-drilldown");
  await main(page).getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/petugas/aduan/${code}$`));

  // Filters are a plain GET form; the resulting URL is shareable.
  await page.goto("/petugas/sla");
  await main(page).getByLabel("Kanal").selectOption("sms");
  await main(page).locator("select[name=opd]").selectOption("BINAMARGA");
  await main(page).getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/channel=sms/);
  await expect(page).toHaveURL(/opd=BINAMARGA/);
  await expect(main(page).getByLabel("Kanal")).toHaveValue("sms");

  // The export carries the same figures for the same filters.
  const coordinator = await requestAs("coordinator");
  const res = await coordinator.get("/petugas/sla/data.csv?opd=BINAMARGA");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toMatch(/^period_from,period_to,opd_code,opd_name,complaints,verification_on_time_pct,/);
  const binamarga = lines.find((l) => l.includes(",BINAMARGA,"));
  expect(binamarga, lines.join("\n")).toBeTruthy();
  const cols = lines[0]!.split(",");
  const cells = binamarga!.split(",");
  expect(Number(cells[cols.indexOf("complaints")])).toBeGreaterThanOrEqual(1);
  expect(Number(cells[cols.indexOf("open_on_track")])).toBeGreaterThanOrEqual(1);
  expect(lines.some((l) => l.includes("DISDUKCAPIL"))).toBe(false);

  // Bad input is named, not a 500.
  await page.goto("/petugas/sla?from=2026-02-30&channel=fax");
  await expect(main(page).getByRole("alert")).toContainText("tanggal awal tidak valid");
  await expect(main(page).getByRole("alert")).toContainText("kanal tidak dikenal");
});

test("OPD head: only their own OPD, whatever the URL asks", async ({ pageAs, requestAs }) => {
  const page = await pageAs("kepala-disdukcapil");
  await page.goto("/petugas/sla?opd=BINAMARGA");
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(`Papan SLA ${OPD.DISDUKCAPIL}`);
  await expect(main(page).locator("select[name=opd]")).toHaveCount(0);
  await expect(main(page)).not.toContainText(OPD.BINAMARGA);
  await page.goto(`/petugas/sla/aduan?opd=BINAMARGA&state=on_track`);
  await expect(main(page)).not.toContainText(title);
  const head = await requestAs("kepala-disdukcapil");
  const csv = await (await head.get("/petugas/sla/data.csv?opd=BINAMARGA")).text();
  expect(csv).not.toContain("BINAMARGA");
  expect(csv).toContain("DISDUKCAPIL");
});

test("public statistics: annual summary, breakdowns, open data without complaint text @phone", async ({ pageAs, request }, testInfo) => {
  const year = new Intl.DateTimeFormat("en", { year: "numeric", timeZone: "Asia/Jakarta" }).format(new Date());
  const page = await pageAs("citizen");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Statistik" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Statistik pengaduan ${year}`);
  await expect(page.getByTestId("annual-summary")).toContainText(new RegExp(`^${year}: \\d+ aduan`));
  for (const name of ["Per OPD", "Per kategori", "Per kecamatan", "Per saluran", "Per bulan"]) {
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }
  await expect(page.getByRole("img", { name: /per bulan/ })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(title);
  await snapshot(page, testInfo, "statistik");

  const json = await request.get(`/statistik/data.json?year=${year}`);
  expect(json.status()).toBe(200);
  expect(json.headers()["cache-control"]).toContain("max-age=");
  const body = (await json.json()) as { year: number; total: { complaints: number }; byOpd: { code: string }[] };
  expect(body.year).toBe(Number(year));
  expect(body.total.complaints).toBeGreaterThanOrEqual(1);
  expect(body.byOpd.some((o) => o.code === "BINAMARGA")).toBe(true);
  const text = JSON.stringify(body);
  for (const secret of [title, code, "Pelapor Rahasia", "6281277776666"]) expect(text).not.toContain(secret);

  const csv = await request.get(`/statistik/data.csv?year=${year}`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\r\n")[0]).toMatch(/^year,dimension,key,name,complaints,/);
  expect((await request.get("/statistik/data.json?year=19x")).status()).toBe(400);
});
