import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { fileComplaint, jakartaDate, unique } from "./support/data";
import { ComplaintFormPage } from "./support/pages";

/** WCAG 2.1 AA, as PRODUCT.md promises; serious and critical findings fail the test. */
async function expectAccessible(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  await testInfo.attach(`axe-${name}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: "application/json" });
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")} — ${n.failureSummary ?? ""}`).join("\n")}`);
  expect(blocking, `accessibility problems on ${name}`).toEqual([]);
}

test.describe("accessibility (WCAG 2.1 AA)", () => {
  // axe runs inside the page; the markup is the same server-rendered HTML with or without JS.
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe needs JavaScript in the page");

  test("home page", async ({ page }, testInfo) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page, testInfo, "home");
  });

  test("complaint form: empty, with validation errors, and its receipt", async ({ page }, testInfo) => {
    const form = new ComplaintFormPage(page);
    await form.goto();
    await expectAccessible(page, testInfo, "lapor");

    await form.body.fill("pendek");
    await form.phone.fill("0812");
    await form.nik.fill("123");
    await form.incidentDate.fill(jakartaDate(2));
    await form.submit.click();
    await expect(form.alert).toContainText("Aduan belum terkirim");
    await expectAccessible(page, testInfo, "lapor-errors");

    await form.fillRequired(`Saluran air tersumbat ${unique()}`);
    await form.phone.fill("");
    await form.nik.fill("");
    await form.incidentDate.fill("");
    await form.submit.click();
    await expect(page.getByRole("heading", { name: "Aduan Anda sudah kami terima" })).toBeVisible();
    await expectAccessible(page, testInfo, "receipt");
  });

  test("tracking look-up, with and without an error", async ({ page }, testInfo) => {
    await page.goto("/lacak");
    await expectAccessible(page, testInfo, "lacak");
    await page.goto("/lacak?code=BTM-00000000");
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await expectAccessible(page, testInfo, "lacak-not-found");
  });

  test("tracking page, public, private and confidential", async ({ page, request }, testInfo) => {
    const open = await fileComplaint(request);
    await page.goto(`/lacak/${open.trackingCode}`);
    await expect(page.getByRole("heading", { name: "Riwayat" })).toBeVisible();
    await expectAccessible(page, testInfo, "lacak-code");

    const hidden = await fileComplaint(request, { confidential: true });
    await page.goto(`/lacak/${hidden.trackingCode}?key=salah`);
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await expectAccessible(page, testInfo, "lacak-confidential");
  });

  test("public complaints: listed, searchable, confidential ones never shown", async ({ page, request }, testInfo) => {
    const word = `Trotoar${unique()}`;
    const open = await fileComplaint(request, { title: `${word} ambles, hubungi 081234567890` });
    const hidden = await fileComplaint(request, { title: `${word} rahasia sekali`, confidential: true });
    await page.goto("/");
    await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Aduan publik" }).click();
    await page.getByLabel("Cari di judul").fill(word);
    await page.getByRole("button", { name: "Terapkan" }).click();
    const results = page.getByRole("list", { name: "Daftar aduan" });
    await expect(results.getByRole("listitem")).toHaveCount(1);
    await expect(results).toContainText(open.trackingCode);
    await expect(results).toContainText(`${word} ambles, hubungi [disembunyikan]`);
    await expect(page.getByRole("main")).not.toContainText(hidden.trackingCode);
    await expectAccessible(page, testInfo, "aduan");
  });
});
