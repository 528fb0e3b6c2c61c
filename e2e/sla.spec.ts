import { expect, main, test } from "./support/staff";

/**
 * Service levels on the staff side: the worker's SLA sweep notifies Disdukcapil's head of the
 * demo complaint whose first-response deadline passed (and nobody outside Disdukcapil); the
 * administrator keeps the working calendar.
 */

test("the OPD head sees the breach in the header and marks notifications read; another OPD does not see it", async ({ pageAs }) => {
  test.setTimeout(120_000);
  const page = await pageAs("kepala-disdukcapil");
  const bell = page.getByRole("link", { name: /^Notifikasi/ });
  // The worker sweeps right after start-up and then every minute.
  await expect(async () => {
    await page.goto("/petugas/kotak-masuk");
    await expect(bell.getByTestId("unread-count")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 90_000 });
  await expect(bell).toHaveAttribute("aria-label", /^Notifikasi, \d+ belum dibaca$/);
  await bell.click();
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Notifikasi");
  const breach = main(page).getByRole("listitem").filter({ hasText: /batas waktu tanggapan pertama terlampaui/ });
  await expect(breach).toHaveCount(1);
  const code = (await breach.getByRole("link").textContent())!.trim();
  const unreadBefore = Number(await bell.getByTestId("unread-count").textContent());
  await breach.getByRole("button", { name: "Tandai sudah dibaca" }).click();
  await expect(breach.getByRole("button", { name: "Tandai sudah dibaca" })).toHaveCount(0);
  if (unreadBefore > 1) await expect(bell.getByTestId("unread-count")).toHaveText(String(unreadBefore - 1));
  else await expect(bell.getByTestId("unread-count")).toHaveCount(0);
  const markAll = main(page).getByRole("button", { name: "Tandai semua sudah dibaca" });
  if (await markAll.count()) await markAll.click();
  await expect(bell.getByTestId("unread-count")).toHaveCount(0);
  await breach.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/petugas/aduan/${code}$`));
  await expect(main(page).getByText("Batas waktu terlampaui").first()).toBeVisible();

  // Bina Marga's officer is told nothing about Disdukcapil's complaint.
  const other = await pageAs("binamarga");
  await other.goto("/petugas/notifikasi");
  await expect(main(other).getByRole("heading", { level: 1 })).toHaveText("Notifikasi");
  await expect(main(other).getByText(code)).toHaveCount(0);
});

test("the administrator adds a cuti bersama day to the calendar and removes it again", async ({ pageAs }) => {
  const page = await pageAs("admin");
  await page.goto("/petugas/antrean");
  await page.getByRole("link", { name: "Kalender" }).click();
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Kalender hari kerja");
  await expect(main(page).getByText(/berlaku untuk batas waktu yang dihitung sesudahnya/)).toBeVisible();
  await main(page).getByLabel("Tanggal").fill("2098-12-31");
  await main(page).getByLabel("Keterangan").fill("Cuti bersama uji e2e");
  await main(page).getByLabel("Jenis").selectOption("cuti_bersama");
  await main(page).getByRole("button", { name: "Tambahkan" }).click();
  await expect(main(page).getByRole("status")).toHaveText("Tanggal 31 Desember 2098 ditambahkan ke kalender.");
  const row = main(page).getByRole("row").filter({ hasText: "Cuti bersama uji e2e" });
  await expect(row).toContainText("Cuti bersama");
  await expect(main(page).locator("p", { hasText: /^2098: 1 hari libur pada hari kerja, 260 hari kerja$/ })).toBeVisible();
  // Removing asks first (a second step that needs no JavaScript); opening it changes nothing.
  await row.locator("summary", { hasText: "Hapus" }).click();
  await expect(row.getByText("Hapus 31 Desember 2098 (Cuti bersama uji e2e) dari kalender?")).toBeVisible();
  await page.reload();
  await expect(main(page).getByRole("row").filter({ hasText: "Cuti bersama uji e2e" })).toHaveCount(1);
  await row.locator("summary", { hasText: "Hapus" }).click();
  await row.getByRole("button", { name: "Ya, hapus" }).click();
  await expect(main(page).getByRole("status")).toHaveText("Tanggal 31 Desember 2098 dihapus dari kalender.");
  await expect(main(page).getByRole("row").filter({ hasText: "Cuti bersama uji e2e" })).toHaveCount(0);
});
