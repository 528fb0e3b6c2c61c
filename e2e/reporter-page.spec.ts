import { expect, test, type Page, type TestInfo } from "@playwright/test";
import sharp from "sharp";
import { fileComplaint, unique } from "./support/data";
import { ComplaintFormPage, ReceiptView, snapshot } from "./support/pages";

/**
 * The reporter's page and the form on a phone, with JavaScript on and off (issue 15 items 4, 5,
 * 7): each deadline marked met or missed, the location point (by the browser's geolocation, by a
 * map whose tiles cannot load, or typed), and pages that carry no script they do not need.
 */

const hasJs = (testInfo: TestInfo) => testInfo.project.use.javaScriptEnabled !== false;
const main = (page: Page) => page.getByRole("main");
const deadline = (page: Page, clock: string) => main(page).locator(`[data-deadline="${clock}"]`);

/** Opens a demo complaint (seeded on the e2e server's empty database) by a phrase of its title. */
async function openDemo(page: Page, title: string) {
  await page.goto(`/aduan?q=${encodeURIComponent(title)}`);
  await main(page).getByRole("link", { name: title }).first().click();
  await expect(page).toHaveURL(/\/lacak\/BTM-/);
}

test("each deadline is marked met or missed once it has passed, with the day it was met", async ({ page, request }, testInfo) => {
  // Answered on the day it was filed: every deadline met.
  await openDemo(page, "Akta kelahiran anak belum selesai");
  for (const clock of ["verification", "firstResponse", "resolution"]) {
    await expect(deadline(page, clock)).toHaveAttribute("data-outcome", "met");
    await expect(deadline(page, clock)).toContainText(/Terpenuhi — .* WIB/);
  }
  await snapshot(page, testInfo, "deadlines-met");

  // Disposed three weeks ago and never answered: verified in time, the other two missed.
  await openDemo(page, "Kartu keluarga belum diperbarui setelah pindah alamat");
  await expect(deadline(page, "verification")).toHaveAttribute("data-outcome", "met");
  await expect(deadline(page, "firstResponse")).toHaveAttribute("data-outcome", "missed");
  await expect(deadline(page, "firstResponse")).toContainText("Terlewat — belum dipenuhi");
  await expect(deadline(page, "resolution")).toContainText("Terlewat — belum dipenuhi");
  await snapshot(page, testInfo, "deadlines-missed");

  // Just filed: verification not yet due, the others not started.
  const { trackingCode } = await fileComplaint(request);
  await page.goto(`/lacak/${trackingCode}`);
  await expect(deadline(page, "verification")).toContainText("Belum lewat");
  await expect(deadline(page, "firstResponse")).toHaveAttribute("data-outcome", "none");
  await expect(deadline(page, "firstResponse")).toContainText("belum berjalan");
});

test("the location point: from the phone's position (with JavaScript) or typed (without), shown back with the address", async ({ page, context }, testInfo) => {
  const form = new ComplaintFormPage(page);
  const lat = main(page).getByLabel("Garis lintang (latitude)");
  const lon = main(page).getByLabel("Garis bujur (longitude)");
  const address = `Jl. Engku Putri no. ${unique()}`;
  await form.goto();
  await form.fillRequired(`Trotoar rusak ${unique()}`);
  await form.address.fill(address);

  if (hasJs(testInfo)) {
    await context.grantPermissions(["geolocation"]);
    await context.setGeolocation({ latitude: 1.128765, longitude: 104.053012, accuracy: 12 });
    await expect(main(page).getByText(/peramban meminta izin membaca lokasi/)).toBeVisible();
    await main(page).getByRole("button", { name: "Gunakan lokasi saya" }).click();
    await expect(lat).toHaveValue("1.128765");
    await expect(lon).toHaveValue("104.053012");
    await expect(main(page).getByRole("status").filter({ hasText: "Lokasi terisi" })).toContainText("± 12 m");

    // The map pin, its tiles unreachable (the e2e server's MAP_TILE_URL points at a closed port):
    // the page says so, and a tap on the map still moves the point.
    await main(page).getByRole("button", { name: "Tandai di peta" }).click();
    const map = main(page).getByRole("region", { name: "Peta untuk menandai titik lokasi" });
    await expect(map).toBeVisible();
    await expect(main(page).getByText("Peta dasar tidak dapat dimuat")).toBeVisible();
    await snapshot(page, testInfo, "location-map-no-tiles");
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.2);
    await expect(lat).not.toHaveValue("1.128765");
    const tapped = { lat: Number(await lat.inputValue()), lon: Number(await lon.inputValue()) };
    expect(tapped.lat).toBeGreaterThan(1.128765);
    expect(tapped.lon).toBeGreaterThan(104.053012);
    // Back to the phone's position for the checks below.
    await main(page).getByRole("button", { name: "Gunakan lokasi saya" }).click();
    await expect(lat).toHaveValue("1.128765");
  } else {
    // Without JavaScript the tools are not offered; the two fields are.
    await expect(main(page).getByRole("button", { name: "Gunakan lokasi saya" })).toBeHidden();
    await lat.fill("1.128765");
    await lon.fill("104.053012");
  }
  await snapshot(page, testInfo, "location-filled");
  await form.submit.click();
  const receipt = new ReceiptView(page);
  const { link } = await receipt.read();

  await page.goto(link);
  await expect(main(page).getByText("Alamat yang Anda tulis")).toBeVisible();
  await expect(main(page).getByText(address)).toBeVisible();
  await expect(main(page).getByText("1.128765, 104.053012")).toBeVisible();
  await expect(main(page).getByRole("link", { name: "Buka di peta" })).toHaveAttribute("href", /openstreetmap\.org\/\?mlat=1\.128765&mlon=104\.053012/);
  await snapshot(page, testInfo, "location-private-page");
  // The public page (no key) shows neither.
  await page.goto(link.replace(/\?key=.*$/, ""));
  await expect(main(page).getByText("1.128765")).toHaveCount(0);
});

test("a point outside Indonesia is refused beside its field", async ({ page }, testInfo) => {
  const form = new ComplaintFormPage(page);
  const lat = main(page).getByLabel("Garis lintang (latitude)");
  await form.goto();
  await form.fillRequired(`Titik salah ${unique()}`);
  await lat.fill("48.85");
  await main(page).getByLabel("Garis bujur (longitude)").fill("2.35");
  if (hasJs(testInfo)) {
    await expect(page.locator("form[data-live]")).toHaveCount(1);
    await lat.blur();
    await expect(lat).toHaveAccessibleDescription(/di luar Indonesia/);
  }
  await form.submit.click();
  await expect(form.alert).toContainText("Periksa 1 isian");
  await expect(lat).toHaveAccessibleDescription(/di luar Indonesia/);
  await expect(lat).toHaveValue("48.85");
});

test("public pages carry no script they do not need; /lapor only its small island", async ({ page, request }, testInfo) => {
  const { trackingCode, accessKey } = await fileComplaint(request);
  for (const path of ["/", "/aduan", `/lacak/${trackingCode}`, `/lacak/${trackingCode}?key=${accessKey}`, "/lacak", "/statistik"]) {
    await page.goto(path);
    await expect(page.locator("script"), path).toHaveCount(0);
    await expect(page.locator('link[rel="modulepreload"], link[rel="preload"][as="script"]'), path).toHaveCount(0);
  }
  await page.goto("/lapor");
  await expect(page.locator("script:not([data-island])")).toHaveCount(0);
  await expect(page.locator('script[src="/islands/lapor-form.js"]')).toHaveCount(1);
  if (hasJs(testInfo)) {
    await expect(page.locator("form[data-live]")).toHaveCount(1);
    expect(await page.evaluate(() => "__next_f" in window)).toBe(false);
  }
  await snapshot(page, testInfo, "lapor-light");
});

test("a photo's recorded position becomes the point only when the reporter ticks it", async ({ page }, testInfo) => {
  // A JPEG whose EXIF says it was taken at 1.128833 N, 104.053 E (Batam Centre).
  const photo = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#7a7" } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "1/1 7/1 4380/100", GPSLongitudeRef: "E", GPSLongitude: "104/1 3/1 1080/100" } })
    .toBuffer();
  const file = async (tick: boolean) => {
    const form = new ComplaintFormPage(page);
    await form.goto();
    await form.fillRequired(`Pohon tumbang ${unique()}`);
    await form.attachments.setInputFiles({ name: "pohon.jpg", mimeType: "image/jpeg", buffer: photo });
    if (tick) await main(page).getByRole("checkbox", { name: "Ambil titik dari foto" }).check();
    await form.submit.click();
    const { link } = await new ReceiptView(page).read();
    await page.goto(link);
    await expect(main(page).getByText("Anda melihat aduan ini dengan tautan pribadi pelapor.")).toBeVisible();
  };
  await file(true);
  await expect(main(page).getByText("1.128833, 104.053000")).toBeVisible();
  await snapshot(page, testInfo, "photo-position");
  await file(false);
  await expect(main(page).getByText("Titik lokasi")).toHaveCount(0);
});
