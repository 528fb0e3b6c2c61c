import type { Page } from "@playwright/test";
import { fileComplaint, unique } from "./support/data";
import { authFile, expect, formFieldsIn, html, main, outcome, postForm, staffAction, test } from "./support/staff";

/**
 * The directory editors (/petugas/direktori): the administrator edits OPDs, categories, areas,
 * institutions and routing rules; the coordinator reads; the public pages and the routing of new
 * complaints follow the edits at once. Every test works on rows it creates itself (other specs
 * rely on the seeded names), in an obscure corner of the map.
 */

const code = () => `E2E-${unique().toUpperCase()}`;

async function createOpd(page: Page, opdCode: string, name: string): Promise<string> {
  await page.goto("/petugas/direktori/opd");
  const form = main(page).locator("form", { has: page.getByRole("button", { name: "Tambah OPD" }) });
  await form.getByLabel("Kode").fill(opdCode);
  await form.getByLabel("Nama", { exact: true }).fill(name);
  await form.getByRole("button", { name: "Tambah OPD" }).click();
  await expect(main(page).getByRole("status")).toHaveText("Data baru disimpan.");
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(name);
  return new URL(page.url()).pathname;
}

test("the administrator renames an OPD: the public tracking page shows the new name, its history the old one", async ({ pageAs, playwright, baseURL }) => {
  const admin = await pageAs("admin");
  const opdCode = code();
  const oldName = `Dinas Uji Direktori ${unique()}`;
  const path = await createOpd(admin, opdCode, oldName);

  // A complaint disposed to it, as the public sees it.
  const request = await playwright.request.newContext({ baseURL });
  const coordinator = await playwright.request.newContext({ baseURL, storageState: authFile("coordinator") });
  const receipt = await fileComplaint(request, { title: `Uji nama OPD ${unique()}`, kecamatan: "Belakang Padang", kelurahan: "Pecong" });
  await staffAction(coordinator, baseURL!, receipt.trackingCode, "dispose", { opdCode });
  const citizen = await pageAs("citizen");
  await citizen.goto(`/lacak/${receipt.trackingCode}`);
  const handledBy = main(citizen).locator("dt", { hasText: "Ditangani oleh" }).locator("xpath=following-sibling::dd[1]");
  await expect(handledBy).toHaveText(oldName);

  // A name too short is refused with its reason (checked on the server), and what was typed stays in the form.
  const newName = `Badan Uji Direktori ${unique()}`;
  const edit = main(admin).locator("form", { has: admin.getByRole("button", { name: "Simpan" }) });
  await edit.getByLabel("Nama", { exact: true }).fill("X");
  await edit.getByLabel("E-mail notifikasi").fill("uji@batam.go.id");
  await edit.getByRole("button", { name: "Simpan" }).click();
  await expect(main(admin).getByRole("alert")).toHaveText("Belum disimpan: periksa isian yang ditandai.");
  await expect(main(admin).getByText("Nama harus 2–200 karakter.")).toBeVisible();
  await expect(edit.getByLabel("E-mail notifikasi")).toHaveValue("uji@batam.go.id");
  await edit.getByLabel("Nama", { exact: true }).fill(newName);
  await edit.getByRole("button", { name: "Simpan" }).click();
  await expect(main(admin).getByRole("status")).toHaveText("Perubahan disimpan.");
  await expect(main(admin).getByRole("heading", { level: 1 })).toHaveText(newName);
  await expect(main(admin).getByText(`Dahulu bernama: ${oldName}`)).toBeVisible();
  await expect(main(admin).getByRole("listitem").filter({ hasText: "Versi 2 · diubah" })).toContainText(`Nama: ${oldName} → ${newName}`);

  // The public page shows the new name at once (its cache follows the directory's versions); its
  // timeline still says what was written then.
  await citizen.reload();
  await expect(handledBy).toHaveText(newName);
  await expect(main(citizen).getByText(`Aduan diteruskan ke ${oldName}.`)).toBeVisible();
  expect(((await (await request.get(`/api/v1/complaints/${receipt.trackingCode}`)).json()) as { opd: { name: string } | null }).opd?.name).toBe(newName);

  // Deactivating asks first, then keeps the complaint's name; the OPD is no longer offered for disposition.
  await admin.goto(path);
  await main(admin).locator("summary", { hasText: "Nonaktifkan OPD" }).click();
  await main(admin).getByRole("button", { name: "Ya, nonaktifkan" }).click();
  await expect(main(admin).getByRole("status")).toHaveText("Dinonaktifkan. Aduan lama tetap memakainya.");
  await citizen.reload();
  await expect(handledBy).toHaveText(newName);
  const queued = await fileComplaint(request, { title: `Uji OPD nonaktif ${unique()}`, kecamatan: "Belakang Padang", kelurahan: "Pecong" });
  expect(await html(coordinator, `/petugas/aduan/${queued.trackingCode}`)).not.toContain(`value="${opdCode}"`);
  await Promise.all([request.dispose(), coordinator.dispose()]);
});

test("a new routing rule changes the suggestion for a new complaint, and the 'coba' box says why", async ({ pageAs, playwright, baseURL }) => {
  const admin = await pageAs("admin");
  const opdCode = code();
  const name = `UPT Jalan Pulau ${unique()}`;
  await createOpd(admin, opdCode, name);
  const request = await playwright.request.newContext({ baseURL });
  const coordinator = await pageAs("coordinator");
  const complaint = { categoryCode: "JALAN", kecamatan: "Belakang Padang", kelurahan: "Pulau Terong" };
  const suggested = async () => {
    const { trackingCode } = await fileComplaint(request, { ...complaint, title: `Jalan rusak di pulau ${unique()}` });
    await coordinator.goto(`/petugas/aduan/${trackingCode}`);
    return (await main(coordinator).locator("dt", { hasText: "Saran tujuan" }).locator("xpath=following-sibling::dd[1]").innerText()).trim();
  };
  expect(await suggested()).toBe("Dinas Bina Marga dan Sumber Daya Air");

  await admin.goto("/petugas/direktori/rute");
  const form = main(admin).locator("#rule-new");
  await form.getByLabel("Wilayah").selectOption({ label: "Pulau Terong" });
  await form.getByLabel("Kategori").selectOption("JALAN");
  await form.getByLabel("Tujuan").selectOption(`opd:${opdCode}`);
  await form.getByLabel("Catatan").fill("Jalan pulau ditangani UPT");
  await form.getByRole("button", { name: "Tambah aturan" }).click();
  await expect(main(admin).getByRole("status")).toHaveText("Data baru disimpan.");
  await expect(main(admin).getByRole("row").filter({ hasText: "Pulau Terong, Belakang Padang" })).toContainText(name);

  // The try-it box routes a sample through the same code as intake, and names the rule.
  const box = main(admin).locator("section", { has: admin.getByRole("heading", { name: /^Coba/ }) });
  await box.getByLabel("Judul dan isi contoh").fill("Jalan berlubang di dermaga");
  await box.getByLabel("Kategori").selectOption("JALAN");
  await box.getByLabel("Wilayah").selectOption({ label: "Pulau Terong" });
  await box.getByRole("button", { name: "Coba" }).click();
  await expect(main(admin).getByTestId("route-trial")).toContainText(`Disarankan ke: ${name}`);
  await expect(main(admin).getByTestId("route-trial")).toContainText("Jalan, jembatan dan drainase di Pulau Terong, Belakang Padang");

  expect(await suggested()).toBe(name);

  // Switching the rule off asks first; afterwards new complaints go back to the category's default.
  await main(admin).getByTestId("route-trial").getByRole("link", { name: /^Buka aturan/ }).click();
  await main(admin).locator("summary", { hasText: "Matikan aturan" }).click();
  await main(admin).getByRole("button", { name: "Ya, matikan" }).click();
  await expect(main(admin).getByRole("status")).toHaveText("Aturan dimatikan: aduan baru tidak lagi memakainya.");
  await expect(main(admin).getByRole("listitem").filter({ hasText: "dinonaktifkan" })).toBeVisible();
  expect(await suggested()).toBe("Dinas Bina Marga dan Sumber Daya Air");
  await request.dispose();
});

test("the coordinator reads the directory but cannot change it; OPD staff and the auditor do not see it", async ({ requestAs, baseURL }) => {
  const admin = await requestAs("admin");
  const coordinator = await requestAs("coordinator");
  const list = await html(admin, "/petugas/direktori/opd");
  const createForm = formFieldsIn(list, 'name="code"');
  const readOnly = await html(coordinator, "/petugas/direktori/opd");
  expect(readOnly).toContain("hanya administrator yang dapat mengubah");
  expect(readOnly).not.toContain("Tambah OPD</button>");
  expect(await html(coordinator, "/petugas/direktori/rute?coba=ktp+hilang")).toContain("Disarankan ke: Dinas Kependudukan dan Pencatatan Sipil");

  const opdCode = code();
  const fields = { code: opdCode, name: "Dinas Tak Sah", kind: "opd" };
  for (const who of ["coordinator", "disdukcapil", "kepala-disdukcapil", "auditor", "citizen"] as const) {
    const got = outcome(await postForm(await requestAs(who), baseURL!, "/petugas/direktori/opd", createForm, fields));
    expect(got, who).toBe(who === "citizen" ? "→/masuk" : "404");
  }
  expect(await html(admin, "/petugas/direktori/opd")).not.toContain(opdCode);
  // A refusal comes back in the page (no JavaScript needed) with what was typed, not in the URL;
  // a malformed id in the hidden field is a page that does not exist.
  const wrong = await postForm(admin, baseURL!, "/petugas/direktori/opd", createForm, { ...fields, name: "X" });
  expect(wrong.status()).toBe(200);
  const wrongPage = await wrong.text();
  expect(wrongPage).toContain(`value="${opdCode}"`);
  expect(wrongPage).toContain("Nama harus 2–200 karakter.");
  expect(outcome(await postForm(admin, baseURL!, "/petugas/direktori/opd", createForm, { ...fields, id: "1x" }))).toBe("404");
  expect(outcome(await postForm(admin, baseURL!, "/petugas/direktori/opd", createForm, fields))).toMatch(/^→\/petugas\/direktori\/opd\/\d+\?done=created$/);

  for (const who of ["disdukcapil", "kepala-disdukcapil", "binamarga", "auditor"] as const) {
    const client = await requestAs(who);
    for (const url of ["/petugas/direktori", "/petugas/direktori/opd/1", "/petugas/direktori/rute", "/petugas/direktori/wilayah/kecamatan/1"]) {
      expect(outcome(await client.get(url, { maxRedirects: 0 })), `${who} ${url}`).toBe("404");
    }
  }
});

test("the user list is searched and filtered by OPD, role and status with GET parameters", async ({ pageAs }) => {
  const admin = await pageAs("admin");
  await admin.goto("/petugas/pengguna");
  const filter = main(admin).getByRole("search", { name: "Cari dan saring akun" });
  await filter.getByLabel("OPD").selectOption("DISDUKCAPIL");
  await filter.getByLabel("Peran").selectOption("opd_head");
  await filter.getByRole("button", { name: "Terapkan" }).click();
  await expect(admin).toHaveURL(/opd=DISDUKCAPIL&peran=opd_head/);
  const email = (address: string) => main(admin).locator("p.break-all", { hasText: new RegExp(`^${address.replace(/\./g, "\\.")}$`) });
  await expect(email("kepala.disdukcapil@pintu.test")).toHaveCount(1);
  await expect(email("disdukcapil@pintu.test")).toHaveCount(0);
  await expect(email("binamarga@pintu.test")).toHaveCount(0);
  await expect(main(admin).getByText(/^Menampilkan \d+ dari \d+ akun\.$/)).toBeVisible();

  await admin.goto("/petugas/pengguna?q=BINAMARGA");
  await expect(email("binamarga@pintu.test")).toHaveCount(1);
  await expect(email("admin@pintu.test")).toHaveCount(0);
  await admin.goto("/petugas/pengguna?q=tidak-ada-akun-seperti-ini");
  await expect(main(admin).getByText("Tidak ada akun yang cocok dengan pencarian ini.")).toBeVisible();
  // Unknown values are ignored, not an error.
  expect((await admin.goto("/petugas/pengguna?peran=raja&opd=%27&status=x"))?.status()).toBe(200);
});

const SCREENS: [string, string][] = [
  ["directory", "/petugas/direktori"],
  ["directory-opd", "/petugas/direktori/opd"],
  ["directory-opd-detail", "OPD"],
  ["directory-categories", "/petugas/direktori/kategori"],
  ["directory-category-detail", "CATEGORY"],
  ["directory-areas", "/petugas/direktori/wilayah"],
  ["directory-area-detail", "AREA"],
  ["directory-institutions", "/petugas/direktori/lembaga"],
  ["directory-rules", "/petugas/direktori/rute?coba=KTP+saya+hilang&wilayah="],
  ["users-filtered", "/petugas/pengguna?opd=DISDUKCAPIL"],
];

for (const who of ["admin", "coordinator"] as const) {
  test(`directory screens as ${who} @phone`, async ({ pageAs }) => {
    test.setTimeout(180_000);
    const page = await pageAs(who);
    for (const [name, path] of SCREENS) {
      if (name === "users-filtered" && who !== "admin") continue;
      if (path === "OPD" || path === "CATEGORY" || path === "AREA") {
        const list = { OPD: ["/petugas/direktori/opd", "Dinas Kependudukan dan Pencatatan Sipil"], CATEGORY: ["/petugas/direktori/kategori", "Sampah dan kebersihan"], AREA: ["/petugas/direktori/wilayah", "Kecamatan Nongsa"] }[path];
        await page.goto(list[0]!);
        await main(page).getByRole("link", { name: list[1]!, exact: true }).click();
        await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(list[1]!);
        if (who === "admin") await main(page).locator("summary").last().click();
      } else {
        expect((await page.goto(path))?.status(), path).toBe(200);
      }
      await page.screenshot({ path: test.info().outputPath(`${name}-${who}.png`), fullPage: true, timeout: 60_000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, name).toBeLessThanOrEqual(0);
    }
  });
}
