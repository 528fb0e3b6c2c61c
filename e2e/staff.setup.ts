import { expect, test as setup } from "@playwright/test";
import { authFile, DEMO_PASSWORD, EVERYONE, STAFF } from "./support/staff";

/** Signs each demo account in once through the /masuk form and saves its session for the staff specs. */
for (const who of EVERYONE) {
  setup(`sign in as ${who}`, async ({ page }) => {
    const { email, name, home } = STAFF[who];
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
