import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";

/** A screenshot of the viewport with `target` in it, kept with the test's output. */
export async function shot(page: Page, target: Locator, info: TestInfo, name: string) {
  await target.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath(`${info.project.name}-${name}.png`) });
}

/** The field is marked invalid, described by `message`, and still holds `value`. */
export async function expectFieldError(field: Locator, value: string, message: string | RegExp) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
  await expect(field).toHaveValue(value);
}

/** Nothing typed (nor an error or a form state) rides in the page's URL. */
export function urlHasNo(page: Page, ...texts: string[]) {
  const url = decodeURIComponent(page.url());
  for (const t of texts) expect(url).not.toContain(t);
  expect(url).not.toContain("error=");
  expect(url).not.toContain("state=");
}
