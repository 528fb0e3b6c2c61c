import type { Page } from "@playwright/test";
import { E2E_SMS_KEY } from "./support/kannel-config";
import { expectFieldError, shot, urlHasNo } from "./support/forms";
import { expect, main, test } from "./support/staff";

/**
 * Every staff form answers a mistake the same way, with or without JavaScript (projects
 * staff-desktop, staff-phone, staff-nojs): each problem beside its field, the field marked,
 * what was typed still there, and nothing of it in the URL.
 */

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
  await shot(admin, form, test.info(), "calendar-add");
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
  await shot(admin, form, test.info(), "account-create");
  // Fixed email, still no OPD for an OPD role: now that field speaks, beside its hint.
  await form.getByLabel("Email").fill(`salah.${Date.now().toString(36)}@pintu.test`);
  await form.getByRole("button", { name: "Buat akun" }).click();
  const opd = form.getByLabel("OPD", { exact: true });
  await expect(opd).toHaveAttribute("aria-invalid", "true");
  await expect(opd).toHaveAccessibleDescription(/Pilih OPD untuk peran ini\./);
  await expect(form.getByLabel("Email")).not.toHaveAttribute("aria-invalid");
  await expect(form.getByLabel("Nama")).toHaveValue("Petugas Keliru");
});

/** A fresh OPD officer account (so no demo account's saved session ends), signed in on `page`; its password. */
async function freshAccount(admin: Page, page: Page): Promise<{ email: string; password: string }> {
  const email = `sandi.${test.info().project.name}.${Date.now().toString(36)}@pintu.test`;
  await admin.goto("/petugas/pengguna");
  const form = main(admin).getByRole("region", { name: "Akun baru" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Nama").fill("Petugas Uji Sandi");
  await form.getByLabel("Peran").selectOption({ label: "Petugas OPD" });
  await form.getByLabel("OPD", { exact: true }).selectOption({ label: "Dinas Kependudukan dan Pencatatan Sipil" });
  await form.getByRole("button", { name: "Buat akun" }).click();
  const password = (await form.getByTestId("one-time-password").innerText()).trim();
  await page.goto("/masuk");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Kata sandi", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Masuk", exact: true }).click();
  await expect(page).toHaveURL(/\/petugas\/kotak-masuk$/);
  return { email, password };
}

test("the password form says each problem beside its own field and never gives a password back @phone @nojs", async ({ pageAs }) => {
  // Several argon2id hashes and checks: slow on a small, busy machine.
  test.setTimeout(180_000);
  const page = await pageAs("citizen");
  const { password } = await freshAccount(await pageAs("admin"), page);
  const chosen = `Sandi-baru-${Date.now()}`;
  const fields = () => {
    const form = main(page).locator("form").filter({ has: page.getByRole("button", { name: "Ganti kata sandi" }) });
    return { current: form.getByLabel("Kata sandi sekarang"), next: form.getByLabel("Kata sandi baru (minimal 10 karakter)"), confirm: form.getByLabel("Ulangi kata sandi baru"), form };
  };
  const change = async (current: string, to: string, confirm = to) => {
    await page.goto("/petugas/akun");
    const f = fields();
    await f.current.fill(current);
    await f.next.fill(to);
    await f.confirm.fill(confirm);
    await f.form.getByRole("button", { name: "Ganti kata sandi" }).click();
    return f;
  };
  const onlyThisOneWrong = async (wrong: "current" | "next" | "confirm", message: string) => {
    const f = fields();
    await expectFieldError(f[wrong], "", message);
    for (const other of (["current", "next", "confirm"] as const).filter((n) => n !== wrong)) {
      await expect(f[other]).not.toHaveAttribute("aria-invalid");
      await expect(f[other]).toHaveValue("");
    }
    await expect(main(page).getByRole("alert")).toHaveCount(0);
    urlHasNo(page, password, chosen);
  };

  let f = await change("bukan-sandi-lama", chosen);
  await onlyThisOneWrong("current", "Kata sandi sekarang salah.");
  await shot(page, f.form, test.info(), "password-current");
  f = await change(password, "pendek");
  await onlyThisOneWrong("next", "Kata sandi baru minimal 10 karakter.");
  await shot(page, f.form, test.info(), "password-new");
  f = await change(password, chosen, `${chosen}x`);
  await onlyThisOneWrong("confirm", "Kedua kata sandi baru tidak sama.");
  await shot(page, f.form, test.info(), "password-confirm");
  // No password in the page either (only the form's fields could have held one).
  expect(await page.content()).not.toContain(chosen);
  await change(password, chosen);
  await expect(main(page).getByRole("status")).toHaveText("Kata sandi sudah diganti.");
});

test("the Open311 key forms keep what was typed and say what is wrong beside the field, in the new form and in a client's row @phone @nojs", async ({ pageAs }) => {
  test.setTimeout(120_000);
  const admin = await pageAs("admin");
  const name = `Aplikasi formulir ${test.info().project.name} ${Date.now()}`;
  await admin.goto("/petugas/open311");
  const create = main(admin).getByRole("region", { name: "Kunci baru" });
  // Long enough for the browser, one character once trimmed: only the server can say so.
  await create.getByLabel("Nama aplikasi").fill(" x ");
  await create.getByLabel("Batas permintaan per menit").fill("7");
  await create.getByRole("button", { name: "Buat kunci" }).click();
  await expectFieldError(create.getByLabel("Nama aplikasi"), " x ", "Nama aplikasi 2–100 karakter.");
  await expect(create.getByLabel("Batas permintaan per menit")).toHaveValue("7");
  await expect(create.getByLabel("Batas permintaan per menit")).not.toHaveAttribute("aria-invalid");
  urlHasNo(admin, "rateLimit");
  await shot(admin, create, test.info(), "open311-create");
  await create.getByLabel("Nama aplikasi").fill(name);
  await create.getByRole("button", { name: "Buat kunci" }).click();
  await expect(create.getByTestId("open311-key")).toHaveText(/^o311_/);

  await admin.goto("/petugas/open311");
  const row = main(admin).getByRole("listitem", { name });
  await row.getByLabel("Nama aplikasi").fill(" y ");
  await row.getByLabel("Batas permintaan per menit").fill("8");
  await row.getByRole("button", { name: `Simpan nama dan batas untuk ${name}` }).click();
  await expectFieldError(row.getByLabel("Nama aplikasi"), " y ", "Nama aplikasi 2–100 karakter.");
  await expect(row.getByLabel("Batas permintaan per menit")).toHaveValue("8");
  await expect(row).toContainText("7 permintaan/menit");
  urlHasNo(admin, "name=");
  await shot(admin, row, test.info(), "open311-row");
  await row.getByLabel("Nama aplikasi").fill(`${name} baru`);
  await row.getByRole("button", { name: `Simpan nama dan batas untuk ${name}` }).click();
  await expect(main(admin).getByRole("status")).toHaveText("Perubahan disimpan.");
  await expect(main(admin).getByRole("listitem", { name: `${name} baru` })).toContainText("8 permintaan/menit");
});

test("a LAPOR export refused as a whole is answered beside the file field; a readable one is imported @phone @nojs", async ({ pageAs }) => {
  test.setTimeout(120_000);
  const page = await pageAs("coordinator");
  await page.goto("/petugas/integrasi/manual");
  const section = main(page).getByRole("region", { name: "Impor ekspor LAPOR!" });
  const file = section.getByLabel("Berkas ekspor (CSV atau JSON)");
  // Latin-1 bytes (a spreadsheet's "CSV" without UTF-8): refused before anything is read.
  await file.setInputFiles({ name: "ekspor-lapor.csv", mimeType: "text/csv", buffer: Buffer.from([0x4e, 0x6f, 0x2c, 0xe9, 0xff, 0x0a]) });
  await section.getByRole("button", { name: "Impor", exact: true }).click();
  await expect(file).toHaveAttribute("aria-invalid", "true");
  await expect(file).toHaveAccessibleDescription("Berkas bukan teks UTF-8. Simpan ulang sebagai CSV UTF-8 atau JSON.");
  urlHasNo(page);
  await shot(page, section, test.info(), "import-refused");
  // JSON, but not LAPOR's export.
  await file.setInputFiles({ name: "catatan.json", mimeType: "application/json", buffer: Buffer.from('{"hasil":[]}') });
  await section.getByRole("button", { name: "Impor", exact: true }).click();
  await expect(file).toHaveAccessibleDescription("Berkas tidak dapat dibaca sebagai CSV atau JSON ekspor LAPOR!.");
  // A readable export (one row LAPOR got wrong): imported, its report below the form.
  const tag = Date.now().toString(36);
  await file.setInputFiles({ name: "ekspor-lapor.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ results: { data: [{ id: `F${tag}`, title: "Pendek", content: "terlalu pendek", status_code: 2 }] } })) });
  await section.getByRole("button", { name: "Impor", exact: true }).click();
  await expect(section.getByRole("status")).toContainText("1 baris — 0 ditautkan, 0 dibuat, 0 sudah ada, 1 kesalahan.");
  await expect(file).not.toHaveAttribute("aria-invalid");
});

test("turning a kept SMS into a complaint: each problem beside its field in that SMS's form, what was typed kept @phone @nojs", async ({ pageAs, request }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const text = `Selamat siang, pohon tumbang menutup jalan di Sagulung ${tag} sejak pagi`;
  const from = `0815${String(Date.now()).slice(-8)}`;
  expect((await request.get(`/api/sms/inbound?key=${E2E_SMS_KEY}&from=${from}&text=${encodeURIComponent(text)}`)).status()).toBe(200);
  const page = await pageAs("coordinator");
  await page.goto("/petugas/sms-masuk");
  const item = main(page).getByRole("listitem").filter({ has: page.locator("blockquote", { hasText: text }) });
  await item.locator("summary").click();
  // Long enough for the browser, too short for a complaint: only the server can say so.
  await item.getByLabel("Judul aduan").fill("Pohon");
  await item.getByLabel("Isi aduan").fill("Pohon tumbang.");
  await item.getByRole("button", { name: "Jadikan aduan" }).click();
  await expectFieldError(item.getByLabel("Isi aduan"), "Pohon tumbang.", "Terlalu pendek: minimal 20 karakter.");
  await expect(item.getByLabel("Judul aduan")).toHaveValue("Pohon");
  await expect(item.getByLabel("Judul aduan")).not.toHaveAttribute("aria-invalid");
  urlHasNo(page, "Pohon tumbang");
  await shot(page, item, test.info(), "sms-convert");
  await item.getByLabel("Judul aduan").fill(`Pohon tumbang di Sagulung ${tag}`);
  await item.getByLabel("Isi aduan").fill(text);
  await item.getByRole("button", { name: "Jadikan aduan" }).click();
  await expect(page).toHaveURL(/\/petugas\/aduan\/BTM-[0-9A-Z]{8}\?done=sms$/);
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(`Pohon tumbang di Sagulung ${tag}`);
});
