import { expectFieldError, shot, urlHasNo } from "./support/forms";
import { expect, main, test } from "./support/staff";

/**
 * The directory editors and the answer templates on the one staff-form wrapper (projects
 * staff-desktop, staff-phone, staff-nojs): every problem beside its field, the field marked,
 * what was typed kept, nothing of it in the URL — and nothing saved.
 */

test("the new-OPD form says every problem beside its field and keeps what was typed @phone @nojs", async ({ pageAs }) => {
  const admin = await pageAs("admin");
  await admin.goto("/petugas/direktori/opd");
  const form = main(admin).getByRole("region", { name: "Tambah OPD" });
  await form.getByLabel("Kode", { exact: true }).fill("KODE SALAH!");
  await form.getByLabel("Nama", { exact: true }).fill("X");
  await form.getByLabel("Singkatan").fill("UJI");
  await form.getByLabel("E-mail notifikasi").fill("uji@batam.go.id");
  await form.getByRole("button", { name: "Tambah OPD" }).click();
  await expect(form.getByRole("alert")).toHaveText("Belum disimpan: periksa isian yang ditandai.");
  await expectFieldError(form.getByLabel("Kode", { exact: true }), "KODE SALAH!", /Kode: 2–40 huruf kapital, angka atau tanda hubung\./);
  await expectFieldError(form.getByLabel("Nama", { exact: true }), "X", "Nama harus 2–200 karakter.");
  await expect(form.getByLabel("Singkatan")).toHaveValue("UJI");
  await expect(form.getByLabel("Singkatan")).not.toHaveAttribute("aria-invalid");
  await expect(form.getByLabel("E-mail notifikasi")).toHaveValue("uji@batam.go.id");
  urlHasNo(admin, "KODE SALAH", "uji@batam");
  await shot(admin, form, test.info(), "directory-opd-new");
  await admin.goto("/petugas/direktori/opd");
  await expect(main(admin).getByText("KODE SALAH!")).toHaveCount(0);
});

test("a refused category edit keeps an unticked box unticked (a box not posted is not the stored state) @phone @nojs", async ({ pageAs }) => {
  const admin = await pageAs("admin");
  await admin.goto("/petugas/direktori/kategori");
  await main(admin).getByRole("link", { name: /^Listrik/ }).click();
  const form = main(admin).locator("form").filter({ has: admin.getByRole("button", { name: "Simpan", exact: true }) });
  const outside = form.getByLabel(/^Diteruskan ke luar pemerintah kota/);
  await expect(outside).toBeChecked();
  await outside.uncheck();
  await form.getByLabel("penyelesaian", { exact: true }).fill("99");
  await form.getByRole("button", { name: "Simpan", exact: true }).click();
  await expectFieldError(form.getByLabel("penyelesaian", { exact: true }), "99", /Hari kerja: bilangan bulat 1–60, atau kosong untuk bawaan\./);
  await expect(form.getByLabel(/^Diteruskan ke luar pemerintah kota/)).not.toBeChecked();
  await shot(admin, form.getByLabel(/^Diteruskan ke luar pemerintah kota/), test.info(), "directory-category-box");
  // Nothing saved: still forwarded outside (a fresh GET: reloading would post the form again).
  await admin.goto(admin.url());
  await expect(main(admin).getByLabel(/^Diteruskan ke luar pemerintah kota/)).toBeChecked();
});

test("merging an area without a target opens again with the reason beside the choice, nothing merged @phone @nojs", async ({ pageAs }) => {
  const admin = await pageAs("admin");
  await admin.goto("/petugas/direktori/wilayah");
  await main(admin).getByRole("link", { name: "Kecamatan Nongsa", exact: true }).click();
  await expect(main(admin).getByRole("heading", { level: 1 })).toHaveText("Kecamatan Nongsa");
  await main(admin).locator("summary", { hasText: "Gabungkan ke wilayah lain…" }).click();
  await main(admin).getByRole("button", { name: "Ya, gabungkan" }).click();
  const into = main(admin).getByLabel("Digabungkan ke");
  await expect(into).toBeVisible();
  await expectFieldError(into, "", "Pilih wilayah aktif sebagai tujuan penggabungan.");
  await expect(main(admin).getByRole("alert")).toHaveText("Belum disimpan: periksa isian yang ditandai.");
  await shot(admin, into, test.info(), "directory-merge");
  await admin.goto(admin.url());
  await expect(main(admin).getByText(/^Digabungkan ke .+\.$/)).toHaveCount(0);
  await expect(main(admin).getByText("Nonaktif", { exact: true })).toHaveCount(0);
});

test("a category's keywords refused in its own row, what was typed kept @phone @nojs", async ({ pageAs }) => {
  const admin = await pageAs("admin");
  await admin.goto("/petugas/direktori/rute");
  const keywords = main(admin).getByLabel("Kata kunci Sampah dan kebersihan", { exact: true });
  const before = await keywords.inputValue();
  await keywords.fill("x, sampah liar");
  await main(admin).getByRole("button", { name: "Simpan kata kunci Sampah dan kebersihan" }).click();
  await expectFieldError(main(admin).getByLabel("Kata kunci Sampah dan kebersihan", { exact: true }), "x, sampah liar", "Setiap kata kunci 2–60 karakter.");
  // Only that row speaks: the other categories' forms are untouched.
  await expect(main(admin).getByRole("alert")).toHaveCount(1);
  urlHasNo(admin, "sampah liar");
  await shot(admin, main(admin).getByLabel("Kata kunci Sampah dan kebersihan", { exact: true }), test.info(), "directory-keywords");
  await admin.goto("/petugas/direktori/rute");
  await expect(main(admin).getByLabel("Kata kunci Sampah dan kebersihan", { exact: true })).toHaveValue(before);
});

test("a template with an unknown placeholder is refused beside that text, the long texts kept @phone @nojs", async ({ pageAs }) => {
  const admin = await pageAs("admin");
  await admin.goto("/petugas/templat");
  const form = main(admin).getByRole("region", { name: "Templat baru" });
  const title = `Templat keliru ${Date.now().toString(36)}`;
  const body = "Yth. {nama}, aduan {kode} sudah kami periksa. Salam, {petugas_salah}.";
  await form.getByLabel("Untuk").selectOption("request_info");
  await form.getByLabel("Judul").fill(title);
  await form.getByLabel("Teks (bahasa Indonesia)").fill(body);
  await form.getByLabel("Teks (bahasa Inggris, boleh kosong)").fill("Dear {nama}, we checked complaint {kode}.");
  await form.getByRole("button", { name: "Buat templat" }).click();
  await expect(form.getByRole("alert")).toHaveText("Templat belum disimpan: periksa isian yang ditandai.");
  await expectFieldError(form.getByLabel("Teks (bahasa Indonesia)"), body, "Tempat isian tidak dikenal: petugas_salah.");
  await expect(form.getByLabel("Judul")).toHaveValue(title);
  await expect(form.getByLabel("Untuk")).toHaveValue("request_info");
  await expect(form.getByLabel("Teks (bahasa Inggris, boleh kosong)")).toHaveValue("Dear {nama}, we checked complaint {kode}.");
  await expect(form.getByLabel("Teks (bahasa Inggris, boleh kosong)")).not.toHaveAttribute("aria-invalid");
  urlHasNo(admin, title, "petugas_salah");
  await shot(admin, form, test.info(), "template-refused");
  await admin.goto("/petugas/templat");
  await expect(main(admin).getByText(title)).toHaveCount(0);
});
