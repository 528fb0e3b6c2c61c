import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIResponse, Page } from "@playwright/test";
import { fileComplaint, unique } from "./support/data";
import { MAIN_PORT } from "./support/servers";
import { expect, test } from "./support/staff";

/**
 * Issue 12 item 3: every kind of response carries the security headers (server/security-headers.ts),
 * and the pages still work with JavaScript under the Content-Security-Policy.
 */

type Answer = Pick<APIResponse, "headers">;

function expectSecurityHeaders(res: Answer, what: string) {
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

  // The metrics, answered before anything else (here to loopback, as the tests are).
  const metrics = await citizen.get("/metrics");
  expect(metrics.status()).toBe(200);
  expectSecurityHeaders(metrics, "metrics");

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

test("under next start (no scripts/start.ts) every kind of response carries them too: proxy.ts", async () => {
  test.setTimeout(180_000);
  const port = MAIN_PORT + 7;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pintu-e2e-nextstart-"));
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), AUTH_SECRET: "e2e-next-start-secret-0123456789abcdef", DATABASE_URL: "" };
  const migrated = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts"], { env, encoding: "utf8" });
  expect(migrated.status, migrated.stderr).toBe(0);
  const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: "ignore" });
  const get = async (p: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${p}`, { redirect: "manual" });
    const body = await res.text();
    return { status: res.status, body, headers: () => Object.fromEntries(res.headers) };
  };
  try {
    await expect.poll(async () => (await get("/api/health/live").catch(() => null))?.status ?? 0, { timeout: 120_000, intervals: [500] }).toBe(200);
    const home = await get("/");
    const nonce = nonceOf(expectSecurityHeaders(home, "page (next start)"));
    expect(nonce).toBeTruthy();
    const inline = [...home.body.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(home.body)?.[1];
    expect(asset).toBeTruthy();
    expectSecurityHeaders(await get(asset!), "static file (next start)");
    expectSecurityHeaders(await get("/api/v1/categories"), "route handler (next start)");
    expectSecurityHeaders(await get("/api/health/live"), "probe (next start)");
    expectSecurityHeaders(await get("/masuk"), "sign-in page (next start)");
    expectSecurityHeaders(await get("/tidak-ada"), "not found (next start)");
  } finally {
    child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
