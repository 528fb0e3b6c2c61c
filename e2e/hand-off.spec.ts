import { fileComplaint, unique } from "./support/data";
import { act, expect, findInList, main, OPD, openFromList, statusBadge, test } from "./support/staff";

/**
 * Issue 19, as people see it: a complaint disposed to the wrong OPD, returned and disposed to the
 * right one keeps the citizen's deadline — on the staff complaint page, in the receiving OPD's
 * inbox and on the citizen's tracking page — while the staff pages also show the new OPD's own
 * deadline and how long the citizen has waited. Desktop and phone (project staff-phone).
 */

const shot = async (page: import("@playwright/test").Page, name: string) =>
  page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true, timeout: 30_000 }).catch(() => {});

test("a bounce keeps the citizen's deadline everywhere; the staff pages add the OPD's own @phone", async ({ pageAs, request }) => {
  test.setTimeout(180_000);
  const title = `Akta kelahiran salah nama ${unique()}`;
  const { trackingCode: code } = await fileComplaint(request, {
    title,
    body: "Nama anak saya di akta kelahiran salah ketik dan loket meminta saya datang lagi bulan depan.",
    categoryCode: "TIDAK-TAHU",
  });
  const citizenDue = (page: import("@playwright/test").Page) =>
    main(page).locator("dl > div").filter({ has: page.locator("dt", { hasText: /^Penyelesaian \(tenggat warga\)$/ }) }).locator("dd");

  const coordinator = await pageAs("coordinator");
  await openFromList(coordinator, "/petugas/antrean", title, code);
  await act(coordinator, "Verifikasi dan teruskan ke OPD", { "OPD tujuan": "BINAMARGA" });
  await expect(statusBadge(coordinator)).toHaveText("Diteruskan ke instansi");
  const first = (await citizenDue(coordinator).textContent())!.trim();
  expect(first).toMatch(/WIB$/);

  const binamarga = await pageAs("binamarga");
  await openFromList(binamarga, "/petugas/kotak-masuk", title, code);
  await expect(main(binamarga).getByTestId("opd-due")).toContainText(`Tenggat OPD (${OPD.BINAMARGA})`);
  await act(binamarga, "Kembalikan: bukan wewenang", { Alasan: "Ini urusan akta, bukan jalan atau drainase.", "Saran OPD yang berwenang": "DISDUKCAPIL" }, null);
  // The officer lands back in the inbox, told which complaint went back.
  await expect(binamarga).toHaveURL(new RegExp(`/petugas/kotak-masuk\\?dikembalikan=${code}$`));

  // Back in the queue the citizen's deadline runs on.
  const queued = await findInList(coordinator, "/petugas/antrean", title);
  await expect(queued).toContainText(`Tenggat warga: ${first}`);
  await expect(queued).toContainText(/sudah \d+ hari kerja sejak diterima/);
  await queued.getByRole("link", { name: title }).click();
  await expect(citizenDue(coordinator)).toHaveText(first);
  await act(coordinator, "Verifikasi dan teruskan ke OPD");
  await expect(statusBadge(coordinator)).toHaveText("Diteruskan ke instansi");
  await expect(citizenDue(coordinator)).toHaveText(first);

  // Disdukcapil sees the citizen's deadline, its own, the wait and Bina Marga's share.
  const officer = await pageAs("disdukcapil");
  const row = await findInList(officer, "/petugas/kotak-masuk", title);
  await expect(row).toContainText(`Tenggat warga: ${first}`);
  await expect(row).toContainText(/Tenggat OPD: .+ WIB/);
  await expect(row).toContainText(/sudah \d+ hari kerja sejak diterima/);
  await shot(officer, "inbox");
  await row.getByRole("link", { name: title }).click();
  await expect(citizenDue(officer)).toHaveText(first);
  const shares = main(officer).getByRole("region", { name: "Tenggat OPD dan perpindahan" });
  await expect(shares.getByTestId("waited")).toHaveText(/^Sudah \d+ hari kerja sejak diterima$/);
  await expect(shares.getByTestId("opd-due")).toContainText(`Tenggat OPD (${OPD.DISDUKCAPIL})`);
  await expect(shares.getByRole("listitem").first()).toContainText(`${OPD.BINAMARGA}`);
  await expect(shares.getByRole("listitem").first()).toContainText(/dikembalikan setelah [\d,]+ hari kerja/);
  await expect(shares.getByRole("listitem").nth(1)).toContainText("sedang ditangani");
  await shot(officer, "complaint");

  // The citizen's page shows the same resolution deadline.
  const visitor = await pageAs("citizen");
  await visitor.goto(`/lacak/${code}`);
  const deadlines = main(visitor).getByRole("region", { name: "Batas waktu" });
  await expect(deadlines).toContainText(first);
  await shot(visitor, "tracking");

  // The SLA board counts the bounce against Bina Marga, beside both deadlines per OPD.
  await coordinator.goto("/petugas/sla");
  await expect(main(coordinator).getByRole("columnheader", { name: "Tenggat warga" })).toBeVisible();
  await expect(main(coordinator).getByRole("columnheader", { name: "Tenggat OPD" })).toBeVisible();
  const sharesTable = main(coordinator).getByRole("region", { name: /^Bagian tiap OPD/ });
  await expect(sharesTable.getByRole("row").filter({ hasText: OPD.BINAMARGA })).toBeVisible();
  await shot(coordinator, "sla-board");
});
