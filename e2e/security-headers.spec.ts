import type { APIResponse, Page } from "@playwright/test";
import { fileComplaint, unique } from "./support/data";
import { expect, test } from "./support/staff";

/**
 * Issue 12 item 3: every kind of response carries the security headers (server/security-headers.ts),
 * and the pages still work with JavaScript under the Content-Security-Policy.
 */

function expectSecurityHeaders(res: APIResponse, what: string) {
  const h = res.headers();
  const csp = h["content-security-policy"] ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc, what).toMatch(/^script-src 'self'/);
  expect(scriptSrc, what).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBeTruthy();
  // Plain http here, and nobody said https: no HSTS.
  expect(h["strict-transport-security"], what).toBeUndefined();
  return scriptSrc;
}

const nonceOf = (scriptSrc: string) => /'nonce-([^']+)'/.exec(scriptSrc)?.[1];

test("every kind of response carries the security headers", async ({ requestAs }) => {
  const citizen = await requestAs("citizen");
  const coordinator = await requestAs("coordinator");

  // A page with JavaScript (the sign-in form; the public pages that need none carry no script,
  // scripts/light-pages.ts): its inline scripts carry the response's own nonce, new on every request.
  const home = await citizen.get("/masuk");
  const homeScripts = expectSecurityHeaders(home, "page");
  const nonce = nonceOf(homeScripts);
  expect(nonce).toBeTruthy();
  const html = await home.text();
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((m) => m[1]!);
  expect(inline.length).toBeGreaterThan(0);
  for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
  expect(nonceOf(expectSecurityHeaders(await citizen.get("/masuk"), "page again"))).not.toBe(nonce);

  // A static file of the page.
  const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeTruthy();
  expectSecurityHeaders(await citizen.get(asset!), "static file");

  // Route handlers, the fast paths (intake, lookup), a CSV export, a staff export.
  expectSecurityHeaders(await citizen.get("/api/v1/categories"), "route handler");
  expectSecurityHeaders(await citizen.get("/api/health/live"), "probe");
  const filed = await fileComplaint(citizen, { title: `Pagar sekolah roboh ${unique()}` });
  const created = await citizen.post("/api/v1/complaints", { data: { title: "x" } });
  expect(created.status()).toBe(422);
  expectSecurityHeaders(created, "fast path (intake)");
  const lookup = await citizen.get(`/api/v1/complaints/${filed.trackingCode}`);
  expectSecurityHeaders(lookup, "fast path (lookup)");
  // The lookup asks for a stricter referrer policy than the default, and keeps it.
  expect(lookup.headers()["referrer-policy"]).toBe("no-referrer");
  const csv = await citizen.get("/statistik/data.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expectSecurityHeaders(csv, "public CSV export");
  const manual = await coordinator.get("/petugas/integrasi/manual/ekspor?format=csv");
  expect(manual.status()).toBe(200);
  expectSecurityHeaders(manual, "staff CSV export");
  expectSecurityHeaders(await coordinator.get("/petugas/antrean"), "staff page");

  // A tracking page served again from the page cache: the first visitor's nonce is not handed
  // out again; the page has no inline script, so nothing but the site's own files is allowed.
  const url = `/lacak/${filed.trackingCode}`;
  await citizen.get(url);
  const hit = await citizen.get(url);
  expect(hit.headers()["x-pintu-cache"]).toBe("hit");
  const hitScripts = expectSecurityHeaders(hit, "cached page");
  expect(hitScripts).not.toContain("'nonce-");
  expect(hitScripts).toBe("script-src 'self'");

  // A request refused before any handler, and a not-found page.
  expectSecurityHeaders(await citizen.fetch("/api/health", { method: "TRACE" }), "refused method");
  expectSecurityHeaders(await citizen.get("/tidak-ada"), "not found");

  // Behind a TLS proxy: HSTS and upgrade-insecure-requests.
  const https = await citizen.get("/", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
  expect(https.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

/** Collects the page's CSP violations (the browser's event and its console report). */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

test("pages work with JavaScript under the policy: no violation on /, /lapor, /masuk, a staff page, a cached tracking page", async ({ pageAs, requestAs }) => {
  const filed = await fileComplaint(await requestAs("citizen"), { title: `Drainase tersumbat ${unique()}` });
  const citizen = await pageAs("citizen");
  const violations = await watchCsp(citizen);

  await citizen.goto("/");
  await citizen.goto("/lapor");
  // The form validates as you type only when its script runs (hydrated under the nonce).
  const title = citizen.getByLabel(/Judul/);
  await title.fill("abc");
  await title.blur();
  await expect(citizen.getByText(/Terlalu pendek/).first()).toBeVisible();
  await citizen.goto("/masuk");
  await citizen.goto(`/lacak/${filed.trackingCode}`);
  await citizen.goto(`/lacak/${filed.trackingCode}`);
  expect(violations).toEqual([]);

  const coordinator = await pageAs("coordinator");
  const staffViolations = await watchCsp(coordinator);
  await coordinator.goto("/petugas/antrean");
  // Client-side navigation works: the app's router runs.
  await coordinator.getByRole("link", { name: /SLA/ }).first().click();
  await expect(coordinator).toHaveURL(/\/petugas\/sla/);
  expect(staffViolations).toEqual([]);
});
