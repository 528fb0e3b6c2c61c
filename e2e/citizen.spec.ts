import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { fileComplaint, jakartaDate, TRACKING_CODE, unique } from "./support/data";
import { ComplaintFormPage, ReceiptView, snapshot } from "./support/pages";

/** Whether this project runs the browser with JavaScript (the form must work either way). */
const hasJs = (testInfo: TestInfo) => testInfo.project.use.javaScriptEnabled !== false;

const main = (page: Page) => page.getByRole("main");
const statusLine = (page: Page) => main(page).locator("p", { hasText: "Status:" });

test.describe("filing a complaint", () => {
  test("a citizen files a complaint with a photo, gets a tracking code and follows the private link", async ({ page }, testInfo) => {
    await page.goto("/");
    await main(page).getByRole("link", { name: "Buat aduan" }).click();
    await expect(page).toHaveURL(/\/lapor$/);

    const form = new ComplaintFormPage(page);
    await expect(form.heading).toHaveText("Buat aduan");
    const title = `Jalan berlubang di depan SD 001 ${unique()}`;
    const body = "Jalan di depan SD 001 berlubang besar sejak bulan lalu. Sudah dua pengendara motor jatuh di sana.";
    await form.fillRequired(title, body);
    await form.category.selectOption({ label: "Saya tidak tahu" });
    // Kelurahan are grouped by kecamatan.
    await expect(form.area.locator('optgroup[label="Kecamatan Batam Kota"] > option', { hasText: "Sukajadi" })).toHaveCount(1);
    await form.area.selectOption({ label: "Sukajadi" });
    await form.address.fill("Jl. Raja Ali Haji, dekat masjid");
    await form.incidentDate.fill(jakartaDate(-2));
    await form.name.fill("Siti Rahayu");
    await form.phone.fill("0812 3456 7890");
    await form.anonymous.check();
    await form.attachPng();
    await form.submit.click();

    const receipt = new ReceiptView(page);
    const { code, link } = await receipt.read();
    expect(code).toMatch(TRACKING_CODE);
    expect(link).toContain(`/lacak/${code}?key=`);
    await snapshot(page, testInfo, "receipt");

    await receipt.openTracking.click();
    await expect(page).toHaveURL(new RegExp(`/lacak/${code}\\?key=.+`));
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(main(page).getByText(code, { exact: true })).toBeVisible();
    await expect(statusLine(page)).toContainText("Diterima");
    await expect(main(page).getByText(body)).toBeVisible();
    await expect(main(page).getByText("Sukajadi, Kec. Batam Kota")).toBeVisible();
    await expect(main(page).getByText("Saya tidak tahu")).toBeVisible();
    // The reporter sees their photo through the private link: a thumbnail linking to the picture.
    const photo = main(page).locator('a[href*="/lampiran/"] img');
    await expect(photo).toHaveCount(1);
    const thumb = await page.request.get((await photo.getAttribute("src"))!);
    expect(thumb.status()).toBe(200);
    expect(thumb.headers()["content-type"]).toMatch(/^image\//);
    await expect(main(page).getByRole("heading", { name: "Riwayat" })).toBeVisible();
    await expect(main(page).getByRole("listitem").filter({ hasText: "Aduan diterima melalui Situs web." })).toHaveCount(1);
    // The reporter asked to stay anonymous; no identity on the public page in any case.
    await expect(main(page)).not.toContainText("Siti Rahayu");
    await expect(main(page)).not.toContainText("3456");
    await snapshot(page, testInfo, "tracking");
  });

  test("an invalid submission shows every error beside its field and keeps what was typed", async ({ page }, testInfo) => {
    const form = new ComplaintFormPage(page);
    await form.goto();
    const future = jakartaDate(2);
    await form.body.fill("Terlalu pendek");
    await form.phone.fill("0812");
    await form.nik.fill("123");
    await form.incidentDate.fill(future);
    await form.address.fill("Jl. Sudirman no. 5");
    await form.submit.click();

    await expect(form.alert).toContainText("Aduan belum terkirim. Periksa 5 isian");
    await expect(form.title).toHaveAccessibleDescription(/Wajib diisi\./);
    await expect(form.body).toHaveAccessibleDescription(/Terlalu pendek: minimal 20 karakter\./);
    await expect(form.phone).toHaveAccessibleDescription(/Nomor HP tidak valid/);
    await expect(form.nik).toHaveAccessibleDescription(/NIK harus 16 angka\./);
    await expect(form.incidentDate).toHaveAccessibleDescription(/Tanggal kejadian tidak boleh di masa depan\./);
    for (const field of [form.title, form.body, form.phone, form.nik, form.incidentDate]) {
      await expect(field).toHaveAttribute("aria-invalid", "true");
    }
    await expect(form.address).not.toHaveAttribute("aria-invalid", "true");
    // The summary links to each field in error.
    await expect(form.alert.getByRole("link", { name: "Judul aduan" })).toHaveAttribute("href", "#f-title");

    await expect(form.title).toHaveValue("");
    await expect(form.body).toHaveValue("Terlalu pendek");
    await expect(form.phone).toHaveValue("0812");
    await expect(form.nik).toHaveValue("123");
    await expect(form.incidentDate).toHaveValue(future);
    await expect(form.address).toHaveValue("Jl. Sudirman no. 5");
    await snapshot(page, testInfo, "errors");

    // Correcting the form and sending again succeeds.
    await form.fillRequired(`Trotoar rusak ${unique()}`);
    await form.phone.fill("0812 3456 7890");
    await form.nik.fill("");
    await form.incidentDate.fill(jakartaDate(-1));
    await form.submit.click();
    expect((await new ReceiptView(page).read()).code).toMatch(TRACKING_CODE);
  });

  test("with JavaScript, errors appear as the citizen leaves a field, before submitting", async ({ page }, testInfo) => {
    test.skip(!hasJs(testInfo), "live validation needs JavaScript");
    const form = new ComplaintFormPage(page);
    await form.goto();
    // Wait for the form's island (islands/lapor-form.ts) to attach the live checks.
    await page.locator("form[data-live]").waitFor({ state: "attached" });

    await form.title.fill("abc");
    await form.title.blur();
    await expect(form.title).toHaveAccessibleDescription(/Terlalu pendek: minimal 5 karakter\./);
    await form.phone.fill("0812");
    await form.phone.blur();
    await expect(form.phone).toHaveAccessibleDescription(/Nomor HP tidak valid/);

    // The error goes away as soon as the text is long enough.
    await form.title.pressSequentially("de");
    await expect(form.title).not.toHaveAccessibleDescription(/Terlalu pendek/);
    await form.phone.fill("0812 3456 7890");
    await expect(form.phone).not.toHaveAccessibleDescription(/tidak valid/);
    // Nothing was sent: no summary, still on the form.
    await expect(form.alert).toHaveCount(0);
    await expect(form.heading).toHaveText("Buat aduan");
  });

  test("HTML typed into the title is shown as text, never run", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const title = `<script>alert(1)</script> <b>x</b> ${unique()}`;
    const form = new ComplaintFormPage(page);
    await form.goto();
    await form.fillRequired(title, "Uraian dengan <img src=x onerror=alert(2)> di dalamnya, cukup panjang.");
    await form.submit.click();
    const receipt = new ReceiptView(page);
    await receipt.read();
    await receipt.openTracking.click();

    const heading = main(page).getByRole("heading", { level: 1 });
    await expect(heading).toHaveText(title);
    await expect(heading.locator("b, script")).toHaveCount(0);
    await expect(main(page).getByText("<img src=x onerror=alert(2)>", { exact: false })).toBeVisible();
    await expect(main(page).locator("img")).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test("a double submit creates exactly one complaint", async ({ page }, testInfo) => {
    // Every answer the server gives to a form post is captured: all must name the same complaint.
    const codes = new Set<string>();
    let posts = 0;
    let firstPostSent!: () => void;
    const firstPost = new Promise<void>((resolve) => (firstPostSent = resolve));
    await page.route(
      (url) => url.pathname === "/lapor",
      async (route) => {
        if (route.request().method() !== "POST") return route.continue();
        posts++;
        firstPostSent();
        const response = await route.fetch();
        const text = await response.text();
        for (const c of text.match(/BTM-[0-9A-HJKMNP-TV-Z]{8}/g) ?? []) codes.add(c);
        // The browser may have abandoned the first post for the second one.
        await route.fulfill({ response, body: text }).catch(() => {});
      },
    );
    const form = new ComplaintFormPage(page);
    await form.goto();
    await form.fillRequired(`Sampah menumpuk ${unique()}`);
    if (hasJs(testInfo)) {
      await form.submit.dblclick();
    } else {
      // A second click while the first post is still on its way (a slow connection): the
      // browser abandons the first request and sends the form again.
      await form.submit.scrollIntoViewIfNeeded();
      const box = (await form.submit.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await firstPost;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    }
    const { code } = await new ReceiptView(page).read();
    testInfo.annotations.push({ type: "form posts", description: String(posts) });
    // Without JavaScript both clicks reach the server; with it, the form sends once.
    expect(posts).toBeGreaterThanOrEqual(hasJs(testInfo) ? 1 : 2);
    expect([...codes]).toEqual([code]);
  });
});

test.describe("tracking a complaint", () => {
  test("a confidential complaint shows only its status without the reporter's key", async ({ page, request }) => {
    const secretBody = `Pungutan liar di kantor kelurahan, rahasia ${unique()}, mohon ditindak.`;
    const filed = await fileComplaint(request, { confidential: true, body: secretBody });
    const title = String(filed.body.title);

    await page.goto(`/lacak/${filed.trackingCode}`);
    await expect(statusLine(page)).toContainText("Diterima");
    await expect(main(page).getByText("Aduan ini dirahasiakan. Hanya statusnya yang ditampilkan.")).toBeVisible();
    await expect(main(page)).not.toContainText(title);
    await expect(main(page)).not.toContainText(secretBody);

    await page.goto(`/lacak/${filed.trackingCode}?key=bukan-kunci-yang-benar`);
    await expect(main(page).getByRole("alert")).toContainText("Kunci akses pada tautan tidak cocok.");
    await expect(statusLine(page)).toContainText("Diterima");
    await expect(main(page)).not.toContainText(title);
    await expect(main(page)).not.toContainText(secretBody);

    await page.goto(`/lacak/${filed.trackingCode}?key=${encodeURIComponent(filed.accessKey)}`);
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(main(page).getByText(secretBody)).toBeVisible();
    await expect(main(page).getByText("Anda melihat aduan ini dengan tautan pribadi pelapor.")).toBeVisible();
  });

  test("the look-up explains unknown and malformed codes and accepts any case", async ({ page, request }) => {
    const filed = await fileComplaint(request);
    const lookUp = async (typed: string) => {
      await page.goto("/lacak");
      await main(page).getByLabel("Nomor lacak").fill(typed);
      await main(page).getByRole("button", { name: "Lacak", exact: true }).click();
    };

    await lookUp("BTM-00000000");
    await expect(main(page).getByRole("alert")).toHaveText("Aduan dengan nomor BTM-00000000 tidak ditemukan. Periksa kembali nomornya.");
    await expect(main(page).getByLabel("Nomor lacak")).toHaveValue("BTM-00000000");

    await lookUp("halo apa kabar");
    await expect(main(page).getByRole("alert")).toContainText("Format nomor lacak tidak dikenali.");
    await expect(main(page).getByLabel("Nomor lacak")).toHaveAccessibleDescription(/Format nomor lacak tidak dikenali/);

    await lookUp(` ${filed.trackingCode.toLowerCase()} `);
    await expect(page).toHaveURL(new RegExp(`/lacak/${filed.trackingCode}$`));
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(String(filed.body.title));

    // A hand-typed lowercase address lands on the canonical one, keeping the private key.
    await page.goto(`/lacak/${filed.trackingCode.toLowerCase()}?key=${encodeURIComponent(filed.accessKey)}`);
    await expect(page).toHaveURL(new RegExp(`/lacak/${filed.trackingCode}\\?key=`));
    await expect(main(page).getByText("Anda melihat aduan ini dengan tautan pribadi pelapor.")).toBeVisible();

    // A tracking address with an unknown or malformed code explains itself on the look-up page.
    await page.goto("/lacak/BTM-00000000");
    await expect(page).toHaveURL(/\/lacak\?code=BTM-00000000$/);
    await expect(main(page).getByRole("alert")).toContainText("Aduan dengan nomor BTM-00000000 tidak ditemukan.");
    await page.goto("/lacak/bukan-kode");
    await expect(main(page).getByRole("alert")).toContainText("Format nomor lacak tidak dikenali.");
  });
});

test("the interface switches to English and back, with or without JavaScript", async ({ page }) => {
  const form = new ComplaintFormPage(page);
  await form.goto();
  await page.getByRole("banner").getByRole("button", { name: /^en$/i }).click();
  await expect(form.heading).toHaveText("File a complaint");
  await expect(page).toHaveURL(/\/lapor$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(main(page).getByLabel("Title", { exact: true })).toBeVisible();
  await expect(main(page).getByRole("button", { name: "Send complaint" })).toBeVisible();

  await page.getByRole("banner").getByRole("button", { name: /^id$/i }).click();
  await expect(form.heading).toHaveText("Buat aduan");
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
});
