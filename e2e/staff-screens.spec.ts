import { fileComplaint, unique } from "./support/data";
import { authFile, expect, main, staffAction, test, type Who } from "./support/staff";

/**
 * Each staff screen renders for its role on a desktop and a phone (project staff-phone) without
 * sideways scrolling, and is saved as a screenshot in test-results/ for a human to look at.
 */

let code: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const receipt = await fileComplaint(request, {
    title: `Layanan KK lambat di kecamatan ${unique()}`,
    body: "Pengurusan kartu keluarga di kantor kecamatan sudah tiga minggu belum selesai, padahal dijanjikan satu minggu.",
    categoryCode: "ADMINDUK",
    kecamatan: "Batam Kota",
    kelurahan: "Belian",
    reporterName: "Warga Belian",
  });
  code = receipt.trackingCode;
  const coordinator = await playwright.request.newContext({ baseURL, storageState: authFile("coordinator") });
  await staffAction(coordinator, baseURL!, code, "dispose", { opdCode: "DISDUKCAPIL", note: "Data lengkap." });
  await Promise.all([request.dispose(), coordinator.dispose()]);
});

const SCREENS: [Who | "citizen", string, string, string][] = [
  ["citizen", "signin", "/masuk", "Masuk petugas"],
  ["coordinator", "queue", "/petugas/antrean", "Antrean verifikasi"],
  ["coordinator", "enter", "/petugas/aduan/baru", "Catat aduan atas nama warga"],
  ["coordinator", "detail-coordinator", "DETAIL", ""],
  ["disdukcapil", "inbox", "/petugas/kotak-masuk", "Kotak masuk Dinas Kependudukan dan Pencatatan Sipil"],
  ["disdukcapil", "detail-officer", "DETAIL", ""],
  ["auditor", "audit", "/petugas/audit", "Log audit"],
  ["auditor", "detail-auditor", "DETAIL", ""],
  ["kepala-disdukcapil", "account", "/petugas/akun", "Akun saya"],
  ["coordinator", "notifications", "/petugas/notifikasi", "Notifikasi"],
  ["admin", "calendar", "/petugas/kalender", "Kalender hari kerja"],
];

for (const [who, name, path, heading] of SCREENS) {
  test(`${name} screen as ${who} @phone`, async ({ pageAs }) => {
    test.setTimeout(120_000);
    const page = await pageAs(who);
    const res = await page.goto(path === "DETAIL" ? `/petugas/aduan/${code}` : path);
    expect(res?.status()).toBe(200);
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(heading || /^Layanan KK lambat di kecamatan/);
    await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true, timeout: 60_000 });
    // Who did what is said in words, never as a raw role id.
    if (name === "audit") await expect(main(page).getByText(/^(citizen|reporter|system|opd_officer|opd_head)$/)).toHaveCount(0);
    // Nothing sticks out sideways (a phone must not scroll horizontally).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}
