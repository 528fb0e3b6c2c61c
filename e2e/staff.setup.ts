import { existsSync } from "node:fs";
import { expect, test as setup } from "@playwright/test";
import { authFile, DEMO_PASSWORD, EVERYONE, STAFF } from "./support/staff";

/**
 * Signs each demo account in once through the /masuk form and saves its session for the staff
 * specs. Against a reused server (not CI) a session saved by an earlier run that the server still
 * accepts is kept: signing in again could be throttled by signin.spec.ts's failed attempts.
 */
for (const who of EVERYONE) {
  setup(`sign in as ${who}`, async ({ page, playwright, baseURL }) => {
    const { email, name, home } = STAFF[who];
    if (existsSync(authFile(who))) {
      const saved = await playwright.request.newContext({ baseURL, storageState: authFile(who) });
      const stillValid = (await saved.get("/petugas/akun", { maxRedirects: 0 })).status() === 200;
      await saved.dispose();
      if (stillValid) {
        setup.info().annotations.push({ type: "reused", description: `saved session of ${email}` });
        return;
      }
    }
    await page.goto("/masuk");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Masuk petugas");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Kata sandi", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Masuk", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${home}$`));
    await expect(page.getByText(new RegExp(`^Masuk sebagai ${name} \\(`))).toBeVisible();
    await page.context().storageState({ path: authFile(who) });
  });
}
