import type { Locator, Page } from "@playwright/test";
import { expect, main, test } from "./support/staff";

/**
 * Every staff form answers a mistake the same way, with or without JavaScript (projects
 * staff-desktop, staff-phone, staff-nojs): each problem beside its field, the field marked,
 * what was typed still there, and nothing of it in the URL.
 */

const shot = async (page: Page, target: Locator, name: string) => {
  await target.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
};

/** The field is marked invalid, described by `message`, and still holds `value`. */
async function expectFieldError(field: Locator, value: string, message: string | RegExp) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
  await expect(field).toHaveValue(value);
}

const urlHasNo = (page: Page, ...texts: string[]) => {
  const url = decodeURIComponent(page.url());
  for (const t of texts) expect(url).not.toContain(t);
  expect(url).not.toContain("error=");
};

test("the calendar's add form keeps what was typed and says what is wrong beside the field @phone @nojs", async ({ pageAs }) => {
  const admin = await pageAs("admin");
  await admin.goto("/petugas/kalender?year=2097");
  const form = main(admin).getByRole("region", { name: "Tambah hari libur" });
  await form.getByLabel("Tanggal").fill("2097-03-04");
  // Long enough for the browser, too short once trimmed: only the server can say so.
  await form.getByLabel("Keterangan").fill(" L ");
  await form.getByLabel("Jenis").selectOption("local");
  await form.getByRole("button", { name: "Tambahkan" }).click();
  await expectFieldError(form.getByLabel("Keterangan"), " L ", "Isi keterangan (2–100 karakter).");
  await expect(form.getByLabel("Tanggal")).toHaveValue("2097-03-04");
  await expect(form.getByLabel("Jenis")).toHaveValue("local");
  await expect(form.getByLabel("Tanggal")).not.toHaveAttribute("aria-invalid");
  urlHasNo(admin, "2097-03-04");
  await shot(admin, form, `${test.info().project.name}-calendar-add`);
});

test("the new-account form shows every problem beside its field, values kept @phone @nojs", async ({ pageAs }) => {
  const admin = await pageAs("admin");
  await admin.goto("/petugas/pengguna");
  const form = main(admin).getByRole("region", { name: "Akun baru" });
  // "a@b" passes the browser's check but not the server's (no dot in the domain).
  await form.getByLabel("Email").fill("petugas.salah@pintu");
  await form.getByLabel("Nama").fill("Petugas Keliru");
  await form.getByLabel("Peran").selectOption({ label: "Petugas OPD" });
  await form.getByRole("button", { name: "Buat akun" }).click();
  await expectFieldError(form.getByLabel("Email"), "petugas.salah@pintu", "Masukkan alamat email yang benar.");
  await expect(form.getByLabel("Nama")).toHaveValue("Petugas Keliru");
  await expect(form.getByLabel("Peran")).toHaveValue("opd_officer");
  urlHasNo(admin, "petugas.salah");
  await shot(admin, form, `${test.info().project.name}-account-create`);
  // Fixed email, still no OPD for an OPD role: now that field speaks, beside its hint.
  await form.getByLabel("Email").fill(`salah.${Date.now().toString(36)}@pintu.test`);
  await form.getByRole("button", { name: "Buat akun" }).click();
  const opd = form.getByLabel("OPD", { exact: true });
  await expect(opd).toHaveAttribute("aria-invalid", "true");
  await expect(opd).toHaveAccessibleDescription(/Pilih OPD untuk peran ini\./);
  await expect(form.getByLabel("Email")).not.toHaveAttribute("aria-invalid");
  await expect(form.getByLabel("Nama")).toHaveValue("Petugas Keliru");
});
