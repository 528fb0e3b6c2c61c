import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";
import { png } from "./data";

/** Who fills the form in: a citizen on /lapor, or staff recording a complaint on a citizen's behalf (other wording). */
type Audience = "citizen" | "staff";

/** The /lapor form, driven by its Bahasa Indonesia labels as a citizen (or a screen reader) sees them. */
export class ComplaintFormPage {
  readonly heading: Locator;
  readonly title: Locator;
  readonly body: Locator;
  readonly category: Locator;
  readonly area: Locator;
  readonly address: Locator;
  readonly incidentDate: Locator;
  readonly name: Locator;
  readonly phone: Locator;
  readonly email: Locator;
  readonly nik: Locator;
  readonly anonymous: Locator;
  readonly confidential: Locator;
  readonly attachments: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(
    readonly page: Page,
    audience: Audience = "citizen",
  ) {
    const main = page.getByRole("main");
    this.heading = main.getByRole("heading", { level: 1 });
    this.title = main.getByLabel("Judul aduan");
    this.body = main.getByLabel("Uraian");
    this.category = main.getByLabel("Kategori");
    this.area = main.getByLabel("Kecamatan dan kelurahan");
    this.address = main.getByLabel("Alamat atau patokan");
    this.incidentDate = main.getByLabel("Tanggal kejadian");
    this.name = main.getByRole("textbox", { name: /^Nama/ });
    this.phone = main.getByLabel("Nomor HP");
    this.email = main.getByLabel("Email");
    this.nik = main.getByLabel("NIK");
    this.anonymous = main.getByRole("checkbox", { name: /anonim/ });
    this.confidential = main.getByRole("checkbox", { name: /rahasia/ });
    this.attachments = main.getByLabel(audience === "staff" ? "Dokumen atau foto dari warga" : "Foto atau dokumen", { exact: false });
    this.submit = main.getByRole("button", { name: audience === "staff" ? "Simpan aduan" : "Kirim aduan" });
    this.alert = main.getByRole("alert");
  }

  async goto(baseURL = ""): Promise<void> {
    await this.page.goto(`${baseURL}/lapor`);
    await expect(this.heading).toHaveText("Buat aduan");
  }

  /** Fills the two required fields with valid text. */
  async fillRequired(title: string, body = "Jalan di depan sekolah berlubang besar dan berbahaya bagi pengendara motor."): Promise<void> {
    await this.title.fill(title);
    await this.body.fill(body);
  }

  async attachPng(name = "jalan-berlubang.png"): Promise<void> {
    await this.attachments.setInputFiles({ name, mimeType: "image/png", buffer: png() });
  }
}

/** The receipt shown once after a successful submission. */
export class ReceiptView {
  readonly heading: Locator;
  readonly code: Locator;
  readonly privateLink: Locator;
  readonly openTracking: Locator;

  constructor(
    readonly page: Page,
    audience: Audience = "citizen",
  ) {
    const main = page.getByRole("main");
    this.heading = main.getByRole("heading", { name: audience === "staff" ? "Aduan sudah tercatat" : "Aduan Anda sudah kami terima" });
    this.code = main.getByTestId("tracking-code");
    this.privateLink = main.getByTestId("private-link");
    this.openTracking = main.getByRole("link", { name: "Buka halaman lacak" });
  }

  /** Waits for the receipt and returns the tracking code and private link it shows. */
  async read(): Promise<{ code: string; link: string }> {
    await expect(this.heading).toBeVisible({ timeout: 30_000 });
    const code = (await this.code.innerText()).trim();
    const link = (await this.privateLink.innerText()).replace(/\s+/g, "");
    return { code, link };
  }
}

/**
 * Saves a full-page screenshot into the test's output folder (test-results/, not committed) for
 * a person to look at. Only a record: on a busy machine a slow capture must not fail the test.
 */
export async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true, timeout: 30_000 }).catch((err: unknown) => {
    testInfo.annotations.push({ type: "screenshot skipped", description: `${name}: ${String(err).split("\n")[0]}` });
  });
}
