import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, main, STAFF, test } from "./support/staff";

/**
 * Staff sign-in through /masuk: one message for every wrong combination, throttling after five
 * failures per account, signing out, and changing one's own password. Each test uses its own
 * demo account, so they can run side by side with the other staff specs (which use saved
 * sessions and never sign in again).
 */

const INVALID = "Email atau kata sandi salah.";
const THROTTLED = "Terlalu banyak percobaan masuk yang gagal dari alamat ini. Coba lagi dalam 1 menit.";

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/masuk");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Kata sandi", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Masuk", exact: true }).click();
}

const signInAlert = (page: Page) => main(page).getByRole("alert");

test("a wrong password and an unknown email get the same answer", async ({ pageAs }) => {
  const page = await pageAs("citizen");
  await signIn(page, STAFF.admin.email, "bukan-kata-sandinya");
  await expect(signInAlert(page)).toHaveText(INVALID);
  await expect(page).toHaveURL(/\/masuk$/);
  // The email stays filled in; the password does not.
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(STAFF.admin.email);
  await expect(page.getByLabel("Kata sandi", { exact: true })).toHaveValue("");
  await page.screenshot({ path: test.info().outputPath("signin-error.png"), fullPage: true });

  await signIn(page, "tidak.ada@pintu.test", DEMO_PASSWORD);
  await expect(signInAlert(page)).toHaveText(INVALID);
  await expect(page).toHaveURL(/\/masuk$/);
});

test("after five failed attempts from one address the account is refused there, even with the right password", async ({ pageAs }) => {
  test.setTimeout(120_000);
  const page = await pageAs("citizen");
  const { email } = STAFF.auditor;
  for (let i = 1; i <= 5; i++) {
    await signIn(page, email, `salah-${i}-kali`);
    await expect(signInAlert(page), `attempt ${i}`).toHaveText(INVALID);
  }
  await signIn(page, email, DEMO_PASSWORD);
  await expect(signInAlert(page)).toHaveText(THROTTLED);
  await expect(page).toHaveURL(/\/masuk$/);
  expect((await page.request.get("/petugas", { maxRedirects: 0 })).headers()["location"]).toMatch(/\/masuk$/);
  // Another account from the same address is not locked out by it.
  await signIn(page, STAFF.admin.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/petugas\/antrean$/);
});

/** A new OPD officer account made by the admin on /petugas/pengguna; its one-time password. */
async function createAccount(admin: Page, email: string): Promise<string> {
  await admin.goto("/petugas/pengguna");
  const form = main(admin).getByRole("region", { name: "Akun baru" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Nama").fill("Petugas Uji");
  await form.getByLabel("Peran").selectOption({ label: "Petugas OPD" });
  await form.getByLabel("OPD", { exact: true }).selectOption({ label: "Dinas Kependudukan dan Pencatatan Sipil" });
  await form.getByRole("button", { name: "Buat akun" }).click();
  await expect(form.getByRole("status")).toContainText(`Akun ${email} sudah dibuat.`);
  return (await form.getByTestId("one-time-password").innerText()).trim();
}

test("signing out ends this session on the server (a copy of its cookie is refused), not the account's other devices; 'sign out on every device' ends them all", async ({ pageAs, playwright, baseURL }) => {
  test.setTimeout(180_000);
  // Its own account, so the demo accounts' saved sessions serve the other specs.
  const email = `keluar.${Date.now().toString(36)}@pintu.test`;
  const password = await createAccount(await pageAs("admin"), email);
  // Two devices (two browser contexts) signed in to the same account.
  const page = await pageAs("citizen");
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/petugas\/kotak-masuk$/);
  await page.screenshot({ path: test.info().outputPath("signed-in.png"), fullPage: true });
  const other = await pageAs("citizen");
  await signIn(other, email, password);
  await expect(other).toHaveURL(/\/petugas\/kotak-masuk$/);
  // A signed-in staff member visiting /masuk goes to their workspace.
  await page.goto("/masuk");
  await expect(page).toHaveURL(/\/petugas\/kotak-masuk$/);

  // Someone copies the first device's session cookie (a shared computer, a leaked HAR file…).
  const copy = await playwright.request.newContext({ baseURL, storageState: await page.context().storageState() });
  const inbox = () => copy.get("/petugas/kotak-masuk", { maxRedirects: 0 });
  expect((await inbox()).status()).toBe(200);

  await main(page).getByRole("button", { name: "Keluar" }).click();
  await expect(page).toHaveURL(/\/masuk$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Masuk petugas");
  await page.goto("/petugas");
  await expect(page).toHaveURL(/\/masuk$/);
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("authjs.session-token");
  // The copy no longer works either, nor does asking next-auth to renew it.
  const after = await inbox();
  expect(after.status()).toBeGreaterThanOrEqual(300);
  expect(after.headers()["location"]).toMatch(/\/masuk$/);
  expect(await (await copy.get("/api/auth/session")).json()).toBeNull();
  await copy.dispose();

  // The other device is still signed in; from its account page it ends every session.
  await other.goto("/petugas/kotak-masuk");
  await expect(other).toHaveURL(/\/petugas\/kotak-masuk$/);
  const otherCopy = await playwright.request.newContext({ baseURL, storageState: await other.context().storageState() });
  await other.goto("/petugas/akun");
  await other.screenshot({ path: test.info().outputPath("account-devices.png"), fullPage: true });
  await main(other).getByRole("button", { name: "Keluar dari semua perangkat" }).click();
  await expect(other).toHaveURL(/\/masuk$/);
  const refused = await otherCopy.get("/petugas/kotak-masuk", { maxRedirects: 0 });
  expect(refused.headers()["location"]).toMatch(/\/masuk$/);
  await otherCopy.dispose();
});

test("an account's life: created by the admin, its password changed (other sessions end), reset and deactivated", async ({ pageAs }) => {
  // Several argon2id hashes and checks: slow on a small, busy machine.
  test.setTimeout(240_000);
  const email = `uji.${Date.now().toString(36)}@pintu.test`;
  const admin = await pageAs("admin");
  await admin.goto("/petugas/pengguna");
  await expect(main(admin).getByRole("heading", { level: 1 })).toHaveText("Pengguna");
  const form = main(admin).getByRole("region", { name: "Akun baru" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Nama").fill("Petugas Uji");
  await form.getByLabel("Peran").selectOption({ label: "Petugas OPD" });
  await form.getByRole("button", { name: "Buat akun" }).click();
  await expect(form.getByRole("alert").or(form.getByText("Pilih OPD untuk peran ini."))).toBeVisible();
  await form.getByLabel("OPD", { exact: true }).selectOption({ label: "Dinas Kependudukan dan Pencatatan Sipil" });
  await form.getByRole("button", { name: "Buat akun" }).click();
  await expect(form.getByRole("status")).toContainText(`Akun ${email} sudah dibuat.`);
  const firstPassword = (await form.getByTestId("one-time-password").innerText()).trim();

  // Signed in on two devices.
  const phone = await pageAs("citizen");
  const laptop = await pageAs("citizen");
  for (const p of [phone, laptop]) {
    await signIn(p, email, firstPassword);
    await expect(p).toHaveURL(/\/petugas\/kotak-masuk$/);
  }

  const change = async (current: string, to: string, confirm = to) => {
    await laptop.goto("/petugas/akun");
    await main(laptop).getByLabel("Kata sandi sekarang").fill(current);
    await main(laptop).getByLabel("Kata sandi baru (minimal 10 karakter)").fill(to);
    await main(laptop).getByLabel("Ulangi kata sandi baru").fill(confirm);
    await main(laptop).getByRole("button", { name: "Ganti kata sandi" }).click();
  };
  const chosen = `Sandi-baru-${Date.now()}`;
  // Each problem beside its field (e2e/staff-forms.spec.ts looks at them closely).
  await change("bukan-sandi-lama", chosen);
  await expect(main(laptop).getByLabel("Kata sandi sekarang")).toHaveAccessibleDescription("Kata sandi sekarang salah.");
  await change(firstPassword, "pendek");
  await expect(main(laptop).getByLabel("Kata sandi baru (minimal 10 karakter)")).toHaveAccessibleDescription("Kata sandi baru minimal 10 karakter.");
  await change(firstPassword, chosen, `${chosen}x`);
  await expect(main(laptop).getByLabel("Ulangi kata sandi baru")).toHaveAccessibleDescription("Kedua kata sandi baru tidak sama.");
  await change(firstPassword, chosen);
  await expect(main(laptop).getByRole("status")).toHaveText("Kata sandi sudah diganti.");
  // The device that changed it carries on; the other device's session has ended.
  await laptop.goto("/petugas/kotak-masuk");
  await expect(laptop).toHaveURL(/\/petugas\/kotak-masuk$/);
  await phone.goto("/petugas/kotak-masuk");
  await expect(phone).toHaveURL(/\/masuk$/);
  await signIn(phone, email, firstPassword);
  await expect(signInAlert(phone)).toHaveText(INVALID);

  // The administrator resets it: the laptop's session ends too; the new one-time password works.
  await admin.reload();
  const row = main(admin).getByRole("listitem", { name: email });
  await row.getByRole("button", { name: `Setel ulang kata sandi ${email}` }).click();
  await expect(row.getByRole("status")).toContainText("semua sesinya berakhir");
  const resetPassword = (await row.getByTestId("one-time-password").innerText()).trim();
  await laptop.goto("/petugas/kotak-masuk");
  await expect(laptop).toHaveURL(/\/masuk$/);
  await signIn(laptop, email, resetPassword);
  await expect(laptop).toHaveURL(/\/petugas\/kotak-masuk$/);

  // Deactivated: signed out at once, and the password no longer signs in.
  await row.getByRole("button", { name: `Nonaktifkan ${email}` }).click();
  await expect(main(admin).getByRole("status")).toHaveText("Akun sudah dinonaktifkan; semua sesinya berakhir.");
  await laptop.goto("/petugas/kotak-masuk");
  await expect(laptop).toHaveURL(/\/masuk$/);
  await signIn(laptop, email, resetPassword);
  await expect(signInAlert(laptop)).toHaveText(INVALID);
});

test("checking the current password on a password change is throttled like sign-in, and the admin sees the failures", async ({ pageAs }) => {
  test.setTimeout(180_000);
  const email = `ganti.${Date.now().toString(36)}@pintu.test`;
  const admin = await pageAs("admin");
  const password = await createAccount(admin, email);
  const page = await pageAs("citizen");
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/petugas\/kotak-masuk$/);
  const change = async (current: string) => {
    await page.goto("/petugas/akun");
    await main(page).getByLabel("Kata sandi sekarang").fill(current);
    await main(page).getByLabel("Kata sandi baru (minimal 10 karakter)").fill("Sandi-baru-sekali");
    await main(page).getByLabel("Ulangi kata sandi baru").fill("Sandi-baru-sekali");
    await main(page).getByRole("button", { name: "Ganti kata sandi" }).click();
  };
  for (let i = 1; i <= 5; i++) {
    await change(`tebakan-${i}`);
    await expect(main(page).getByLabel("Kata sandi sekarang"), `guess ${i}`).toHaveAccessibleDescription("Kata sandi sekarang salah.");
  }
  // The sixth is not checked at all, even the right password.
  await change(password);
  await expect(main(page).getByRole("alert")).toHaveText("Terlalu banyak percobaan yang salah. Coba lagi dalam 1 menit.");

  await admin.goto("/petugas/pengguna");
  const failures = main(admin).getByRole("region", { name: "Percobaan kata sandi yang gagal (24 jam)" });
  await expect(failures.getByRole("row", { name: new RegExp(email.replace(/\./g, "\\.")) })).toContainText("5");
  await admin.screenshot({ path: test.info().outputPath("users-failures.png"), fullPage: true });
});

test("next-auth's own routes redirect to the origin the visitor used, never the listening address", async ({ requestAs, baseURL }) => {
  const visitor = await requestAs("citizen");
  for (const path of ["/api/auth/signin?callbackUrl=%2Fpetugas", "/api/auth/signin/credentials", "/api/auth/error?error=Configuration"]) {
    const res = await visitor.get(path, { maxRedirects: 0 });
    const location = res.headers()["location"];
    if (!location) continue;
    expect(new URL(location, baseURL).origin, path).toBe(new URL(baseURL!).origin);
    expect(location, path).not.toContain("0.0.0.0");
  }
  const csrf = (await (await visitor.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await visitor.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email: "tidak.ada@pintu.test", password: "salah-sekali", callbackUrl: "/petugas" },
    maxRedirects: 0,
  });
  expect(res.status()).toBeGreaterThanOrEqual(300);
  expect(new URL(res.headers()["location"]!, baseURL).origin).toBe(new URL(baseURL!).origin);
});
