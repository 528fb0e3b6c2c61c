import { GeoReportClient, items } from "./support/georeport-client";
import { expect, main, test } from "./support/staff";

/**
 * The administrator's Open311 keys screen (/petugas/open311): a key is created with a name and a
 * per-minute limit and shown once, the limit holds (429 with Retry-After), and a revoked key is
 * refused. Desktop and phone, with screenshots for a human to look at.
 */
test("an admin creates a rate-limited Open311 key, sees it once, and revokes it @phone", async ({ pageAs, baseURL }) => {
  test.setTimeout(120_000);
  const page = await pageAs("admin");
  const name = `Aplikasi uji ${test.info().project.name} ${Date.now()}`;
  const res = await page.goto("/petugas/open311");
  expect(res?.status()).toBe(200);
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Kunci API Open311");
  await main(page).getByLabel("Nama aplikasi").first().fill(name);
  await main(page).getByLabel("Batas permintaan per menit").first().fill("2");
  await main(page).getByRole("button", { name: "Buat kunci" }).click();
  const shown = main(page).getByTestId("open311-key");
  await expect(shown).toBeVisible();
  const key = (await shown.textContent())!.trim();
  expect(key).toMatch(/^o311_/);
  await page.screenshot({ path: test.info().outputPath("open311-keys-created.png"), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The key works, up to its limit; then 429 with Retry-After in the spec's error shape.
  const client = new GeoReportClient(`${baseURL}/open311/v2`, "xml", key);
  expect((await client.services()).status).toBe(200);
  // Five calls: however they fall across the one-minute windows, one window gets more than two.
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await client.services());
  const limited = answers.find((a) => a.status === 429)!;
  expect(limited, answers.map((a) => a.status).join(",")).toBeDefined();
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(items(limited)[0]).toMatchObject({ code: "429" });

  // Shown once: reloading the page shows its first characters only.
  await page.goto("/petugas/open311");
  await expect(main(page).getByTestId("open311-key")).toHaveCount(0);
  const row = main(page).getByRole("listitem", { name });
  await expect(row).toContainText(key.slice(0, 9));
  await expect(row).not.toContainText(key);
  await row.getByRole("button", { name: `Cabut kunci ${name}` }).click();
  await expect(main(page).getByRole("status")).toContainText("Kunci dicabut");
  await expect(main(page).getByRole("listitem", { name })).toContainText("Dicabut");
  await page.screenshot({ path: test.info().outputPath("open311-keys-revoked.png"), fullPage: true });
  const revoked = await new GeoReportClient(`${baseURL}/open311/v2`, "json", key).createRequest({ service_code: "JALAN", description: "Lampu jalan mati sejak seminggu di depan sekolah." });
  expect(revoked.status).toBe(403);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an admin creates a key, changes its limit and revokes it with plain form posts", async ({ pageAs }) => {
    test.setTimeout(120_000);
    const page = await pageAs("admin");
    const name = `Aplikasi tanpa JS ${Date.now()}`;
    await page.goto("/petugas/open311");
    await main(page).getByLabel("Nama aplikasi").first().fill(name);
    await main(page).getByLabel("Batas permintaan per menit").first().fill("30");
    await main(page).getByRole("button", { name: "Buat kunci" }).click();
    await expect(main(page).getByTestId("open311-key")).toHaveText(/^o311_/);
    await page.goto("/petugas/open311");
    const row = main(page).getByRole("listitem", { name });
    await expect(row).toContainText("30 permintaan/menit");
    await row.getByLabel("Batas permintaan per menit").fill("45");
    await row.getByRole("button", { name: `Simpan nama dan batas untuk ${name}` }).click();
    await expect(main(page).getByRole("status")).toContainText("Perubahan disimpan");
    await expect(main(page).getByRole("listitem", { name })).toContainText("45 permintaan/menit");
    await main(page).getByRole("listitem", { name }).getByRole("button", { name: `Cabut kunci ${name}` }).click();
    await expect(main(page).getByRole("listitem", { name })).toContainText("Dicabut");
  });
});
