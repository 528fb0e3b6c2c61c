import { readFileSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { fileComplaint, unique } from "./support/data";
import { E2E_SIM_ADMIN_TOKEN } from "./support/servers";
import { expect, main, test } from "./support/staff";

/**
 * The LAPOR integration page and manual mode, as the coordination team uses them when LAPOR
 * fails: LAPOR's token expires (the simulator answers 401, when `npm start` runs one in-process),
 * the page shows delivery halted, the coordinator downloads what LAPOR still has to receive,
 * marks one item as entered by hand, and imports LAPOR's own export twice (the second time
 * changes nothing). Then an administrator edits a mapping and meets the duplicate-id check.
 * Every screen is saved as a screenshot; the @phone screens also run on a phone.
 */

test.describe.configure({ mode: "default" });

/** Switches the in-process simulator's 401 fault, if a simulator is mounted; false when none is. */
async function laporUnauthorized(request: APIRequestContext, on: boolean): Promise<boolean> {
  const res = await request.post("/lapor-sim/_admin/faults", { data: { unauthorized: on }, headers: { "x-admin-token": E2E_SIM_ADMIN_TOKEN }, failOnStatusCode: false, maxRedirects: 0 });
  return res.ok() && (res.headers()["content-type"] ?? "").includes("json");
}

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true, timeout: 60_000 });

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test("LAPOR fails: halted on the integration page, export, mark entered, import twice", async ({ pageAs, request }) => {
  test.setTimeout(180_000);
  const simulated = await laporUnauthorized(request, true);
  try {
    const tag = unique();
    const entered = await fileComplaint(request, { title: `Trotoar rusak dekat halte ${tag}` });
    const linked = await fileComplaint(request, { title: `Drainase tersumbat di Belian ${tag}` });
    const page = await pageAs("coordinator");

    await page.goto("/petugas");
    await page.getByRole("navigation", { name: "Navigasi petugas" }).getByRole("link", { name: "Integrasi LAPOR!" }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Integrasi SP4N-LAPOR!");
    const health = main(page).locator("[data-health]");
    if (simulated) {
      // The worker meets the 401 on its first delivery and halts the channel, with the reason.
      await expect(async () => {
        await page.reload();
        await expect(health).toHaveAttribute("data-health", "halted", { timeout: 1_000 });
      }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 3_000] });
      await expect(main(page).getByText(/^Pengiriman ke LAPOR! dihentikan sejak .*401/)).toBeVisible();
    } else {
      await expect(health).toHaveAttribute("data-health", /^(disabled|degraded|ok)$/);
    }
    await shot(page, "integration-overview");

    await main(page).getByRole("navigation", { name: "Navigasi integrasi" }).getByRole("link", { name: "Mode manual" }).click();
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Mode manual LAPOR!");
    const item = (code: string) => main(page).getByRole("checkbox", { name: new RegExp(`^${code} · Catat aduan di LAPOR!`) });
    await expect(item(entered.trackingCode)).toBeVisible();
    await expect(item(linked.trackingCode)).toBeVisible();

    // Both downloads carry what to enter; the CSV opens in a spreadsheet with Indonesian headers.
    const csvDownload = page.waitForEvent("download");
    await main(page).getByRole("link", { name: "Unduh CSV" }).click();
    const csv = readFileSync((await (await csvDownload).path())!, "utf8");
    expect(csv.split("\r\n")[0]).toMatch(/^\uFEFFNo\. item,Kode Pintu,Jenis,Yang harus dilakukan,/);
    expect(csv).toContain(entered.trackingCode);
    const jsonDownload = page.waitForEvent("download");
    await main(page).getByRole("link", { name: "Unduh JSON" }).click();
    const exported = JSON.parse(readFileSync((await (await jsonDownload).path())!, "utf8")) as { items: { trackingCode: string; task: string; content: string; title: string }[] };
    const toEnter = exported.items.find((i) => i.trackingCode === linked.trackingCode && i.task === "create_complaint")!;
    expect(toEnter.content).toContain(`[Pintu ${linked.trackingCode}]`);

    // One was typed into LAPOR by hand: mark it with the tracking number LAPOR gave (a mistyped one
    // is refused and shown again beside its item, nothing marked), and it leaves the list for good.
    const tracking = main(page).getByLabel(`Nomor tracking LAPOR! untuk ${entered.trackingCode} (opsional)`);
    await tracking.fill("nomor salah!");
    await item(entered.trackingCode).check();
    await main(page).getByRole("button", { name: "Tandai sudah dimasukkan" }).click();
    await expect(main(page).getByRole("alert")).toHaveText(new RegExp(`^Nomor tracking LAPOR! untuk ${entered.trackingCode} tidak valid`));
    await expect(tracking).toHaveAttribute("aria-invalid", "true");
    await expect(tracking).toHaveValue("nomor salah!");
    await tracking.fill(`LPR-${tag}-0`);
    await item(entered.trackingCode).check();
    await main(page).getByRole("button", { name: "Tandai sudah dimasukkan" }).click();
    await expect(main(page).getByRole("status").filter({ hasText: /^1 item ditandai sudah dimasukkan/ })).toBeVisible();
    await expect(item(entered.trackingCode)).toHaveCount(0);
    await shot(page, "integration-manual");

    // LAPOR's export: the other one (entered by hand in LAPOR, with its Pintu code), one complaint
    // LAPOR disposed to the city, and a row LAPOR's export got wrong.
    const laporFile = JSON.stringify({
      results: {
        data: [
          { id: `E2E${tag}1`, tracking_id: `LPR-${tag}-1`, title: toEnter.title, content: toEnter.content, is_anonymous: 0, is_secret: 0, status_code: 2 },
          { id: `E2E${tag}2`, tracking_id: `LPR-${tag}-2`, title: `Parit meluap di Tiban ${tag}`, content: "Parit di depan rumah warga meluap setiap hujan deras sejak minggu lalu.", is_anonymous: 1, is_secret: 0, status_code: 2 },
          { id: `E2E${tag}3`, title: "Pendek", content: "terlalu pendek", status_code: 2 },
        ],
      },
    });
    const importFile = async () => {
      await main(page).getByLabel("Berkas ekspor (CSV atau JSON)").setInputFiles({ name: "ekspor-lapor.json", mimeType: "application/json", buffer: Buffer.from(laporFile) });
      await main(page).getByRole("button", { name: "Impor", exact: true }).click();
    };
    await importFile();
    const report = main(page).getByRole("status").filter({ hasText: /^Impor / });
    await expect(report).toContainText("3 baris — 1 ditautkan, 1 dibuat, 0 sudah ada, 1 kesalahan.");
    await expect(report).toContainText("Baris 3, kolom content: terlalu pendek (minimal 20 karakter)");
    await expect(item(linked.trackingCode)).toHaveCount(0);
    await shot(page, "integration-import");
    await importFile();
    await expect(report).toContainText("3 baris — 0 ditautkan, 0 dibuat, 2 sudah ada, 1 kesalahan.");
  } finally {
    if (simulated) await laporUnauthorized(request, false);
  }
});

test("an administrator maps a LAPOR id; the same id twice for one kind is refused", async ({ pageAs }) => {
  test.setTimeout(120_000);
  const page = await pageAs("admin");
  await page.goto("/petugas/integrasi/pemetaan");
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Pemetaan ID LAPOR!");
  const lainnya = main(page).getByLabel("ID LAPOR! untuk Lainnya", { exact: true });
  // The seed maps every category; Sampah's id given to Lainnya clashes.
  const taken = await main(page).getByLabel("ID LAPOR! untuk Sampah dan kebersihan", { exact: true }).inputValue();
  expect(taken).not.toBe("");
  await lainnya.fill(taken);
  await lainnya.locator("xpath=ancestor::form").getByRole("button", { name: "Simpan" }).click();
  await expect(main(page).getByRole("alert")).toHaveText(`Pemetaan tidak tersimpan: ID LAPOR! ini sudah dipakai untuk Sampah dan kebersihan.`);
  await expect(main(page).getByLabel("ID LAPOR! untuk Lainnya", { exact: true })).toHaveAttribute("aria-invalid", "true");
  const fresh = `X${unique()}`;
  await main(page).getByLabel("ID LAPOR! untuk Lainnya", { exact: true }).fill(fresh);
  await main(page).getByLabel("ID LAPOR! untuk Lainnya", { exact: true }).locator("xpath=ancestor::form").getByRole("button", { name: "Simpan" }).click();
  await expect(main(page).getByRole("status")).toHaveText("Pemetaan tersimpan.");
  await expect(main(page).getByLabel("ID LAPOR! untuk Lainnya", { exact: true })).toHaveValue(fresh);
});

test("an answer LAPOR stored but could not confirm is held, not sent twice, and shown on the integration page", async ({ pageAs, request }) => {
  test.setTimeout(180_000);
  const admin = { "x-admin-token": E2E_SIM_ADMIN_TOKEN };
  // The create's answer is lost, and LAPOR's listing cannot be read when the worker looks for it.
  const set = (faults: Record<string, unknown>) => request.post("/lapor-sim/_admin/faults", { data: faults, headers: admin, failOnStatusCode: false });
  if (!(await set({ loseAnswerOf: { create: 1, followup: 0, forward: 0 }, unreadableReads: true })).ok()) test.skip(true, "no LAPOR simulator mounted");
  try {
    const { trackingCode } = await fileComplaint(request, { title: `Lampu taman padam di Sekupang ${unique()}` });
    const page = await pageAs("coordinator");
    const held = main(page).getByRole("region", { name: /^Ditahan/ });
    await expect(async () => {
      await page.goto("/petugas/integrasi");
      await expect(held.getByRole("link", { name: trackingCode })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 90_000, intervals: [1_000, 2_000, 3_000] });
    await expect(held).toContainText("held: cannot tell whether LAPOR already has it");
    // Degraded by the held item (or still halted, when the 401 of the first test has not been cleared by a successful read).
    await expect(main(page).locator("[data-health]")).toHaveAttribute("data-health", /^(degraded|halted)$/);
    await main(page).getByRole("button", { name: "Jalankan rekonsiliasi" }).click();
    await expect(main(page).getByTestId("duplicates")).toContainText("Tanggapan ganda di LAPOR!");
    await shot(page, "integration-held");
    // LAPOR could write only one: the simulator received the create once.
    const received = (await (await request.get("/lapor-sim/_admin/received", { headers: admin })).json()) as { data: { call: string; fields: { content?: string } }[] };
    expect(received.data.filter((r) => r.call === "create" && r.fields.content?.includes(trackingCode))).toHaveLength(1);
  } finally {
    await set({ loseAnswerOf: { create: 0, followup: 0, forward: 0 }, unreadableReads: false });
  }
});

const SCREENS = [
  ["coordinator", "/petugas/integrasi", "Integrasi SP4N-LAPOR!", "screen-integration"],
  ["coordinator", "/petugas/integrasi/manual", "Mode manual LAPOR!", "screen-manual"],
  ["coordinator", "/petugas/integrasi/pemetaan", "Pemetaan ID LAPOR!", "screen-mappings-readonly"],
  ["admin", "/petugas/integrasi/pemetaan", "Pemetaan ID LAPOR!", "screen-mappings-admin"],
] as const;

for (const [who, path, heading, name] of SCREENS) {
  test(`${name} as ${who} @phone`, async ({ pageAs }) => {
    test.setTimeout(120_000);
    const page = await pageAs(who);
    expect((await page.goto(path))?.status()).toBe(200);
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(heading);
    if (name === "screen-mappings-readonly") await expect(main(page).getByRole("button", { name: "Simpan" })).toHaveCount(0);
    await shot(page, name);
    await noSidewaysScroll(page);
  });
}
