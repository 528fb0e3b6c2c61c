import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, type APIRequestContext, type APIResponse, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";

/**
 * Staff side of the end-to-end suite: the demo accounts (CONTRACTS.md), their saved sessions,
 * a fixture that opens a browser page as any of them (with the project's device and JavaScript
 * setting), the workflow forms driven by their Bahasa Indonesia labels, and the raw server-action
 * posts a browser without JavaScript sends — used to craft requests the UI would never offer.
 */

export const DEMO_PASSWORD = "pintu-demo";

/** The demo accounts, each with the page a sign-in lands on. */
export const STAFF = {
  coordinator: { email: "koordinator@pintu.test", name: "Tim Koordinasi", home: "/petugas/antrean" },
  disdukcapil: { email: "disdukcapil@pintu.test", name: "Petugas Disdukcapil", home: "/petugas/kotak-masuk" },
  "kepala-disdukcapil": { email: "kepala.disdukcapil@pintu.test", name: "Kepala Disdukcapil", home: "/petugas/kotak-masuk" },
  binamarga: { email: "binamarga@pintu.test", name: "Petugas Bina Marga", home: "/petugas/kotak-masuk" },
  admin: { email: "admin@pintu.test", name: "Admin SP4N", home: "/petugas/antrean" },
  auditor: { email: "auditor@pintu.test", name: "Auditor Inspektorat", home: "/petugas/audit" },
} as const;
export type Who = keyof typeof STAFF;
export const EVERYONE = Object.keys(STAFF) as Who[];

export const OPD = {
  DISDUKCAPIL: "Dinas Kependudukan dan Pencatatan Sipil",
  BINAMARGA: "Dinas Bina Marga dan Sumber Daya Air",
} as const;

// E2E_AUTH_DIR: keep the sessions of a run against another server apart from the default ones.
const authDir = process.env.E2E_AUTH_DIR ?? fileURLToPath(new URL("../.auth/", import.meta.url));
/** The saved session of a demo account (written by e2e/staff.setup.ts; git-ignored). */
export const authFile = (who: Who) => path.join(authDir, `${who}.json`);

/** Everything the server on `baseURL` printed (see e2e/support/serve.ts). */
export const serverLogFile = (baseURL: string) => path.join(os.tmpdir(), `pintu-e2e-${new URL(baseURL).port}.log`);

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

type StaffFixtures = {
  /** Opens a new page as a staff member, or as a citizen without a session (`"citizen"`). */
  pageAs: (who: Who | "citizen") => Promise<Page>;
  /** An HTTP client (no browser) with a staff member's session cookie, or none. */
  requestAs: (who: Who | "citizen") => Promise<APIRequestContext>;
};

export const test = base.extend<StaffFixtures>({
  pageAs: async ({ browser, viewport, isMobile, hasTouch, userAgent, deviceScaleFactor, javaScriptEnabled, locale, timezoneId, baseURL }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    const options: BrowserContextOptions = { viewport, isMobile, hasTouch, userAgent, deviceScaleFactor, javaScriptEnabled, locale, timezoneId, baseURL };
    await use(async (who) => {
      const context = await browser.newContext({ ...options, storageState: who === "citizen" ? undefined : authFile(who) });
      contexts.push(context);
      return context.newPage();
    });
    for (const c of contexts) await c.close();
  },
  requestAs: async ({ playwright, baseURL }, use) => {
    const clients: APIRequestContext[] = [];
    await use(async (who) => {
      const client = await playwright.request.newContext({ baseURL, storageState: who === "citizen" ? undefined : authFile(who) });
      clients.push(client);
      return client;
    });
    for (const c of clients) await c.dispose();
  },
});
export { expect };

export const main = (page: Page) => page.getByRole("main");

/** The status badge in a staff detail page's or tracking page's header. */
export const statusBadge = (page: Page) => main(page).locator("header [data-status]").first();

/**
 * Walks a paged staff list (queue or inbox) until the complaint titled `title` shows up and
 * returns its row. Other specs file complaints too, so it may not be on the first page.
 */
export async function findInList(page: Page, listPath: string, title: string): Promise<Locator> {
  await page.goto(listPath);
  for (let n = 0; n < 40; n++) {
    const link = page.getByRole("link", { name: title, exact: true });
    if ((await main(page).locator(link).count()) > 0) return main(page).getByRole("row").filter({ has: link });
    const next = main(page).getByRole("link", { name: "Berikutnya" });
    if ((await next.count()) === 0) break;
    const before = page.url();
    await next.click();
    await expect(page).not.toHaveURL(before);
    await expect(page).toHaveURL(/[?&]after=/);
  }
  throw new Error(`"${title}" is not listed in ${listPath}`);
}

/** Opens the complaint titled `title` from a paged staff list; returns its row as it was listed. */
export async function openFromList(page: Page, listPath: string, title: string, code?: string): Promise<void> {
  const row = await findInList(page, listPath, title);
  if (code) await expect(row).toContainText(code);
  await row.getByRole("link", { name: title, exact: true }).click();
  await expect(main(page).getByRole("heading", { level: 1 })).toHaveText(title);
}

/**
 * Takes a workflow action through its form: opens the action's <details>, fills the fields by
 * their labels (a select takes an option value or label), submits, and waits for the page to
 * confirm it (`confirm: null` when the action leads elsewhere). Works with and without JavaScript.
 */
export async function act(
  page: Page,
  label: string,
  fields: Record<string, string> = {},
  // Staff: the feedback names the complaint ("Aduan BTM-… diteruskan ke …"); the reporter: thanks.
  confirm: RegExp | null = /(\bBTM-\w{8}\b.*\.|^Terima kasih, tanggapan Anda tersimpan\.$)/,
): Promise<void> {
  const details = main(page).locator("details").filter({ has: page.locator("summary").filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  await expect(details).toHaveCount(1);
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  for (const [fieldLabel, value] of Object.entries(fields)) {
    const stars = details.getByRole("radiogroup", { name: fieldLabel, exact: true });
    if ((await stars.count()) > 0) {
      // The radio buttons are visually hidden behind their large star labels: tap the label.
      const id = await stars.getByRole("radio", { name: value, exact: true }).getAttribute("id");
      await stars.locator(`label[for="${id}"]`).click();
      continue;
    }
    const control = details.getByLabel(fieldLabel, { exact: true });
    if ((await control.evaluate((el) => el.tagName)) === "SELECT") await control.selectOption(value);
    else await control.fill(value);
  }
  await details.getByRole("button", { name: label, exact: true }).click();
  if (confirm) await expect(main(page).getByRole("status").filter({ hasText: confirm })).toBeVisible();
  await expect(main(page).getByRole("alert")).toHaveCount(0);
}

/** The names of the actions offered on the current page (the <summary> of each action form). */
export async function offeredActions(page: Page): Promise<string[]> {
  return (await main(page).locator("details > summary").allInnerTexts()).map((s) => s.trim());
}

/** The public timeline of /lacak/<code>, one sentence per entry, oldest first. */
export async function publicTimeline(page: Page, code: string): Promise<string[]> {
  await page.goto(`/lacak/${code}`);
  const list = main(page).getByRole("region", { name: "Riwayat" }).getByRole("listitem");
  return (await list.locator("p:not(:has(time))").allInnerTexts()).map((s) => s.trim());
}

// ---- Crafted requests (what a browser without JavaScript posts, or what an attacker could) ----

/**
 * The server-action id of the no-JS form in `html` that contains `marker` (e.g.
 * `name="action" value="accept"`): React renders it as a hidden input `$ACTION_ID_<id>`.
 */
export function actionIdIn(html: string, marker: string): string {
  for (const m of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    const inner = m[1] ?? "";
    if (!inner.includes(marker)) continue;
    const id = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(inner)?.[1];
    if (id) return id;
  }
  throw new Error(`no server-action form containing ${marker}`);
}

/**
 * The hidden fields of the server-action form containing `marker`, as a browser without
 * JavaScript sends them (`$ACTION_REF_…`, `$ACTION_KEY`, bound state for `useActionState` forms).
 */
export function formFieldsIn(html: string, marker: string): Record<string, string> {
  for (const m of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    const inner = m[1] ?? "";
    if (!inner.includes(marker)) continue;
    const out: Record<string, string> = {};
    for (const input of inner.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? "";
      if (name) out[name.replace(/&quot;/g, '"').replace(/&amp;/g, "&")] = value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    }
    if (Object.keys(out).some((k) => k.startsWith("$ACTION"))) return out;
  }
  throw new Error(`no server-action form containing ${marker}`);
}

/** Posts a form as a browser without JavaScript would: its hidden fields and `fields`. */
export function postForm(client: APIRequestContext, origin: string, url: string, hidden: Record<string, string>, fields: Record<string, string>): Promise<APIResponse> {
  return client.post(url, { multipart: { ...hidden, ...fields }, headers: { Origin: origin }, maxRedirects: 0 });
}

/** GETs a page and returns its HTML, failing unless it is a 200. */
export async function html(client: APIRequestContext, url: string): Promise<string> {
  const res = await client.get(url, { maxRedirects: 0 });
  expect(res.status(), `GET ${url}`).toBe(200);
  return res.text();
}

/** Posts a multipart form to a page as its no-JS server-action form would, without following redirects. */
export function postAction(client: APIRequestContext, origin: string, url: string, actionId: string, fields: Record<string, string>): Promise<APIResponse> {
  return client.post(url, {
    multipart: { [`$ACTION_ID_${actionId}`]: "", ...fields },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
}

/** A response summarised for a table: the status, or `→<path>` for a redirect. */
export function outcome(res: APIResponse): string {
  const s = res.status();
  if (s >= 300 && s < 400) {
    const loc = new URL(res.headers()["location"] ?? "", "http://x");
    return `→${loc.pathname}${loc.search}`;
  }
  return String(s);
}

/** The state of a complaint as the coordinator's detail page shows it: status and number of events. */
export async function staffState(coordinator: APIRequestContext, code: string): Promise<{ status: string; events: number }> {
  const page = await html(coordinator, `/petugas/aduan/${code}`);
  const status = /<header[\s\S]*?data-status="([a-z_]+)"/.exec(page)?.[1] ?? "?";
  const log = page.split('aria-labelledby="log-h"')[1]?.split("</section>")[0] ?? "";
  return { status, events: (log.match(/<li\b/g) ?? []).length };
}

/** The state of a complaint as the public API shows it: status and number of timeline entries. */
export async function publicState(client: APIRequestContext, code: string): Promise<{ status: string; timeline: number }> {
  const res = await client.get(`/api/v1/complaints/${code}`);
  expect(res.status()).toBe(200);
  const json = (await res.json()) as { status: string; timeline: unknown[] };
  return { status: json.status, timeline: json.timeline.length };
}

/**
 * Takes a staff action through the same no-JS form post the page offers, as `client`'s user:
 * the quick way to bring a complaint into a state a test needs.
 */
export async function staffAction(client: APIRequestContext, origin: string, code: string, action: string, fields: Record<string, string> = {}): Promise<void> {
  const page = await html(client, `/petugas/aduan/${code}`);
  const form = formFieldsIn(page, `name="action" value="${action}"`);
  const res = await postForm(client, origin, `/petugas/aduan/${code}`, form, fields);
  expect(outcome(res), `${action} on ${code}`).toMatch(new RegExp(`^→/petugas(/aduan/${code})?\\?done=${action}$`));
}
