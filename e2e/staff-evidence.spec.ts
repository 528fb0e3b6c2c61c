import type { APIResponse, Page } from "@playwright/test";
import sharp from "sharp";
import { unique } from "./support/data";
import { ComplaintFormPage, ReceiptView } from "./support/pages";
import { act, expect, main, test } from "./support/staff";

/**
 * Evidence (issue 13 item 1) and LAPOR visibility (item 7), each person in their own browser:
 * the citizen attaches a phone photo (with its location in EXIF) on /lapor; the coordination
 * team and Disdukcapil see it as a thumbnail linking to the full picture, Bina Marga gets 404
 * for the same file, the public cannot fetch it; Disdukcapil answers with an "after" photo
 * (public) and a letter (PDF) that the reporter sees on the private page and the public sees
 * (the photo only, never the citizen's). The staff page shows the complaint's LAPOR id and the
 * delivery state; the citizen's page the LAPOR tracking number.
 */

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true, timeout: 60_000 });

/** A 1200×900 JPEG carrying EXIF with a GPS position, as a phone camera writes it. */
const phonePhoto = async () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: "#7a5c3a" } })
    .jpeg()
    .withExif({ IFD0: { Make: "PintuPhone", Copyright: "Budi" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "1/1 7/1 30/1", GPSLongitudeRef: "E", GPSLongitude: "104/1 2/1 0/1" } })
    .toBuffer();
const afterPhoto = () => sharp({ create: { width: 800, height: 600, channels: 3, background: "#3a7a5c" } }).png().toBuffer();
const letter = () => Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

function expectServed(res: APIResponse, mime: string, disposition: RegExp) {
  expect(res.status()).toBe(200);
  const h = res.headers();
  expect(h["content-type"]).toBe(mime);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["cache-control"]).toMatch(/^private\b/);
  expect(h["content-disposition"]).toMatch(disposition);
  // Nothing in a file may run, and its URL never leaves as a Referer (the route's own headers,
  // which proxy.ts keeps: Next lays the proxy's over them).
  expect(h["content-security-policy"]).toBe("default-src 'none'; sandbox");
  expect(h["referrer-policy"]).toBe("no-referrer");
}

test("evidence reaches everyone who may see it and nobody else; LAPOR numbers are shown @phone", async ({ pageAs, requestAs }) => {
  test.setTimeout(240_000);
  const u = unique();
  const title = `Akta kelahiran salah cetak ${u}`;

  // The citizen attaches the photo on the complaint form.
  const citizen = await pageAs("citizen");
  const form = new ComplaintFormPage(citizen);
  await form.goto();
  await form.fillRequired(title, "Nama ayah pada akta kelahiran anak saya salah cetak, mohon diperbaiki segera.");
  await form.category.selectOption("ADMINDUK");
  await form.attachments.setInputFiles({ name: "Akta ayah – salah.jpg", mimeType: "image/jpeg", buffer: await phonePhoto() });
  await form.submit.click();
  const { code, link } = await new ReceiptView(citizen).read();
  const privatePath = new URL(link).pathname + new URL(link).search;

  // The coordinator sees the thumbnail, a plain link to the full picture, and disposes.
  const coordinator = await pageAs("coordinator");
  await coordinator.goto(`/petugas/aduan/${code}`);
  const gallery = main(coordinator).getByRole("region", { name: "Lampiran" });
  const photoLink = gallery.getByRole("link", { name: /^Buka Akta ayah – salah\.jpg \(JPEG, / });
  await expect(photoLink).toBeVisible();
  await expect(photoLink.getByRole("img")).toHaveJSProperty("complete", true);
  expect(await photoLink.getByRole("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  const href = (await photoLink.getAttribute("href"))!;
  const id = /^\/petugas\/lampiran\/(\d+)$/.exec(href)![1]!;
  const asCoordinator = await requestAs("coordinator");
  const full = await asCoordinator.get(href);
  // A non-ASCII name: an ASCII fallback and the exact name as filename*.
  expectServed(full, "image/jpeg", /^inline; filename="Akta ayah \? salah\.jpg"; filename\*=UTF-8''Akta%20ayah%20%E2%80%93%20salah\.jpg$/);
  // Stored without the location the phone wrote into it.
  const meta = await sharp(await full.body()).metadata();
  expect([meta.width, meta.exif]).toEqual([1200, undefined]);
  await shot(coordinator, "coordinator-evidence");
  await act(coordinator, "Verifikasi dan teruskan ke OPD", { "OPD tujuan": "DISDUKCAPIL" });

  // Another OPD, the public and a visitor without a session get nothing.
  expect((await (await requestAs("binamarga")).get(href)).status()).toBe(404);
  expect((await (await requestAs("binamarga")).get(`${href}?ukuran=kecil`)).status()).toBe(404);
  const anyone = await requestAs("citizen");
  expect((await anyone.get(`/lacak/${code}/lampiran/${id}`)).status()).toBe(404);
  expect((await anyone.get(`/lacak/${code}/lampiran/${id}?key=salah`)).status()).toBe(404);
  expect((await anyone.get(href, { maxRedirects: 0 })).status()).toBe(303);
  expect((await anyone.get(`${privatePath.replace(`/lacak/${code}`, `/lacak/${code}/lampiran/${id}`)}`)).status()).toBe(200);

  // Disdukcapil sees it, accepts, and answers with an "after" photo (public) and a letter.
  const officer = await pageAs("disdukcapil");
  await officer.goto(`/petugas/aduan/${code}`);
  await expect(main(officer).getByRole("region", { name: "Lampiran" }).getByRole("img", { name: "Akta ayah – salah.jpg" })).toBeVisible();
  expect((await (await requestAs("disdukcapil")).get(href)).status()).toBe(200);
  await act(officer, "Terima dan tindak lanjuti");
  const answer = main(officer).locator("details").filter({ has: officer.locator("summary", { hasText: /^Kirim jawaban akhir$/ }) });
  await answer.locator("summary").click();
  await answer.getByLabel("Pesan", { exact: true }).fill("Akta kelahiran sudah dicetak ulang dengan nama yang benar; silakan diambil di kantor Disdukcapil.");
  await answer.getByLabel(/^Lampiran untuk pelapor/).setInputFiles([
    { name: "akta-baru.png", mimeType: "image/png", buffer: await afterPhoto() },
    { name: "surat-keterangan.pdf", mimeType: "application/pdf", buffer: letter() },
  ]);
  await answer.getByLabel(/^Tampilkan lampiran ini di halaman publik/).check();
  await answer.getByRole("button", { name: "Kirim jawaban akhir" }).click();
  await expect(main(officer).getByRole("status").filter({ hasText: /^Jawaban akhir aduan BTM-\w{8} dikirim ke pelapor\.$/ })).toBeVisible();
  const staffGallery = main(officer).getByRole("region", { name: "Lampiran" });
  await expect(staffGallery.getByRole("listitem")).toHaveCount(3);
  await expect(staffGallery).toContainText("dari petugas, publik");
  await shot(officer, "officer-evidence");

  // The reporter's private page: every file, through the private link.
  await citizen.goto(privatePath);
  const own = main(citizen).getByRole("region", { name: "Lampiran" });
  await expect(own.getByRole("listitem")).toHaveCount(3);
  const pdfHref = (await own.getByRole("link", { name: /^Buka surat-keterangan\.pdf \(PDF, / }).getAttribute("href"))!;
  expect(pdfHref).toMatch(new RegExp(`^/lacak/${code}/lampiran/\\d+\\?key=`));
  expectServed(await anyone.get(pdfHref), "application/pdf", /^attachment; filename="surat-keterangan\.pdf"$/);
  await own.getByRole("link", { name: /^Buka akta-baru\.png/ }).click();
  await expect(citizen).toHaveURL(/\/lampiran\/\d+\?key=/);
  await citizen.goBack();
  await shot(citizen, "reporter-evidence");

  // The public page: the staff files marked public (both were ticked), never the citizen's photo.
  await citizen.goto(`/lacak/${code}`);
  const pub = main(citizen).getByRole("region", { name: "Lampiran dari petugas" });
  await expect(pub.getByRole("link", { name: /^Buka akta-baru\.png/ })).toBeVisible();
  await expect(pub.getByRole("link", { name: /Akta ayah/ })).toHaveCount(0);
  const publicPhoto = (await pub.getByRole("link", { name: /^Buka akta-baru\.png/ }).getAttribute("href"))!;
  expectServed(await anyone.get(publicPhoto), "image/png", /^inline; filename="akta-baru\.png"$/);
  expect((await anyone.get(`/lacak/${code}/lampiran/${id}?ukuran=kecil`)).status()).toBe(404);
  await shot(citizen, "public-evidence");

  // LAPOR (the in-process simulator of the demo): the staff page shows the LAPOR id and each
  // delivery's state; the citizen's page the LAPOR tracking number once known.
  await expect(async () => {
    await officer.goto(`/petugas/aduan/${code}`);
    await expect(main(officer).getByTestId("lapor-id")).not.toHaveText("belum ada", { timeout: 1_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000, 3_000, 5_000] });
  const sync = main(officer).getByRole("region", { name: "Sinkronisasi SP4N-LAPOR!" });
  await expect(sync.getByRole("listitem").filter({ hasText: "Pencatatan aduan di LAPOR!" })).toContainText("Terkirim");
  await expect(sync.getByRole("listitem").filter({ hasText: "Tindak lanjut (jawaban OPD)" })).toBeVisible();
  await shot(officer, "officer-lapor-sync");
  await citizen.goto(privatePath);
  await expect(main(citizen).getByTestId("lapor-tracking-id")).toHaveText(/^LAPOR-\d+$/);
  await shot(citizen, "reporter-lapor");
});
