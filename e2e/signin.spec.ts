import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, main, STAFF, test } from "./support/staff";

/**
 * Staff sign-in through /masuk: one message for every wrong combination, throttling after five
 * failures per account, signing out, and changing one's own password. Each test uses its own
 * demo account, so they can run side by side with the other staff specs (which use saved
 * sessions and never sign in again).
 */

const INVALID = "Email atau kata sandi salah.";
const THROTTLED = "Terlalu banyak percobaan masuk yang gagal. Tunggu 15 menit lalu coba lagi.";

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

test("after five failed attempts an account is refused even with the right password", async ({ pageAs }) => {
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

test("signing out ends the session: /petugas sends back to /masuk", async ({ pageAs }) => {
  const page = await pageAs("citizen");
  await signIn(page, STAFF.binamarga.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/petugas\/kotak-masuk$/);
  await page.screenshot({ path: test.info().outputPath("signed-in.png"), fullPage: true });
  // A signed-in staff member visiting /masuk goes to their workspace.
  await page.goto("/masuk");
  await expect(page).toHaveURL(/\/petugas\/kotak-masuk$/);

  await main(page).getByRole("button", { name: "Keluar" }).click();
  await expect(page).toHaveURL(/\/masuk$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Masuk petugas");
  await page.goto("/petugas");
  await expect(page).toHaveURL(/\/masuk$/);
  await page.goto("/petugas/kotak-masuk");
  await expect(page).toHaveURL(/\/masuk$/);
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("authjs.session-token");
});

test("a staff member changes their own password (and back)", async ({ pageAs }) => {
  // Eight password hashes and checks (argon2id): slow on a small, busy machine.
  test.setTimeout(180_000);
  const { email } = STAFF["kepala-disdukcapil"];
  const next = `Sandi-baru-${Date.now()}`;
  const page = await pageAs("citizen");
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/petugas\/kotak-masuk$/);

  const change = async (current: string, to: string, confirm = to) => {
    await page.goto("/petugas/akun");
    await expect(main(page).getByRole("heading", { level: 1 })).toHaveText("Akun saya");
    await main(page).getByLabel("Kata sandi sekarang").fill(current);
    await main(page).getByLabel("Kata sandi baru (minimal 10 karakter)").fill(to);
    await main(page).getByLabel("Ulangi kata sandi baru").fill(confirm);
    await main(page).getByRole("button", { name: "Ganti kata sandi" }).click();
  };
  let changed = false;
  try {
    await change("bukan-sandi-lama", next);
    await expect(main(page).getByRole("alert")).toHaveText("Kata sandi sekarang salah.");
    await change(DEMO_PASSWORD, "pendek");
    await expect(main(page).getByRole("alert")).toHaveText("Kata sandi baru minimal 10 karakter.");
    await change(DEMO_PASSWORD, next, `${next}x`);
    await expect(main(page).getByRole("alert")).toHaveText("Kedua kata sandi baru tidak sama.");
    await change(DEMO_PASSWORD, next);
    await expect(main(page).getByRole("status")).toHaveText("Kata sandi sudah diganti.");
    changed = true;
    await expect(main(page).getByRole("alert")).toHaveCount(0);

    // The new password signs in; the old one no longer does.
    await main(page).getByRole("button", { name: "Keluar" }).click();
    await expect(page).toHaveURL(/\/masuk$/);
    await signIn(page, email, DEMO_PASSWORD);
    await expect(signInAlert(page)).toHaveText(INVALID);
    await signIn(page, email, next);
    await expect(page).toHaveURL(/\/petugas\/kotak-masuk$/);
  } finally {
    // Other specs (and the next run against a reused server) expect the demo password.
    if (changed) {
      await page.goto("/petugas/akun");
      if (/\/masuk$/.test(page.url())) await signIn(page, email, next);
      await change(next, DEMO_PASSWORD);
      await expect(main(page).getByRole("status")).toHaveText("Kata sandi sudah diganti.");
    }
  }
  await main(page).getByRole("button", { name: "Keluar" }).click();
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/petugas\/kotak-masuk$/);
});
