/**
 * Lighthouse, mobile (its default: a mid-range phone, simulated slow 4G and 4× slower CPU), on
 * the public pages of issue 15 item 7: performance and accessibility scores and the JavaScript
 * each page makes the phone download (gzip/brotli bytes as transferred).
 * Targets: performance ≥ 95 and accessibility 100 on each; JavaScript ≤ 100 kB on /lapor and
 * ≤ 60 kB on the others.
 *
 *   npm run bench -- lighthouse_mobile            (throw-away database and portal, like the rest)
 *   tsx bench/lighthouse.ts http://127.0.0.1:3000 (any running portal, e.g. `npm start`)
 *
 * Chromium: /usr/bin/chromium (LIGHTHOUSE_CHROME_PATH), headless, no sandbox. Lighthouse
 * scores vary with the machine's load: each result carries the load average when it ran.
 */
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { emit, log } from "./harness";

const JS_BUDGET = (p: string) => (p === "/lapor" ? 100_000 : 60_000);

type Audit = { numericValue?: number; details?: { items?: { resourceType?: string; transferSize?: number }[] } };

/** Files a complaint through the API and returns the four pages to measure. */
async function pages(base: string): Promise<{ name: string; path: string }[]> {
  const res = await fetch(`${base}/api/v1/complaints`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Lampu jalan padam di depan masjid", body: "Lampu penerangan jalan padam sejak dua minggu, gelap dan rawan bagi pejalan kaki.", address: "Jl. Engku Putri" }),
  });
  if (res.status !== 201) throw new Error(`filing a complaint for /lacak failed: ${res.status}`);
  const { trackingCode, accessKey } = (await res.json()) as { trackingCode: string; accessKey: string };
  return [
    { name: "/", path: "/" },
    { name: "/lapor", path: "/lapor" },
    { name: "/lacak/<code>", path: `/lacak/${trackingCode}` },
    { name: "/lacak/<code>?key=", path: `/lacak/${trackingCode}?key=${accessKey}` },
    { name: "/aduan", path: "/aduan" },
  ];
}

export async function lighthouseBench(base: string): Promise<Record<string, unknown>[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.LIGHTHOUSE_CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const out: Record<string, unknown>[] = [];
  try {
    for (const page of await pages(base)) {
      // One warm-up load (the server's first render of a page, the browser's DNS), then the measured one.
      await fetch(`${base}${page.path}`).then((r) => r.arrayBuffer());
      const load = loadavg()[0]!;
      const run = await lighthouse(`${base}${page.path}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] });
      if (!run) throw new Error(`lighthouse gave no result for ${page.path}`);
      const lhr = run.lhr;
      const audit = (id: string) => lhr.audits[id] as Audit | undefined;
      const items = audit("resource-summary")?.details?.items ?? [];
      const jsBytes = items.find((i) => i.resourceType === "script")?.transferSize ?? 0;
      const total = items.find((i) => i.resourceType === "total")?.transferSize ?? 0;
      const performance = Math.round((lhr.categories.performance?.score ?? 0) * 100);
      const accessibility = Math.round((lhr.categories.accessibility?.score ?? 0) * 100);
      const failedA11y = Object.values(lhr.audits)
        .filter((a) => a.score === 0 && lhr.categories.accessibility?.auditRefs.some((r) => r.id === a.id))
        .map((a) => a.id);
      const result = {
        bench: "lighthouse_mobile",
        page: page.name,
        performance,
        accessibility,
        js_transfer_bytes: jsBytes,
        total_transfer_bytes: total,
        fcp_ms: Math.round(audit("first-contentful-paint")?.numericValue ?? 0),
        lcp_ms: Math.round(audit("largest-contentful-paint")?.numericValue ?? 0),
        tbt_ms: Math.round(audit("total-blocking-time")?.numericValue ?? 0),
        cls: Number((audit("cumulative-layout-shift")?.numericValue ?? 0).toFixed(3)),
        ...(failedA11y.length ? { accessibility_failures: failedA11y } : {}),
        load_average: Number(load.toFixed(2)),
        target: `performance ≥ 95, accessibility 100, JS ≤ ${JS_BUDGET(page.name) / 1000} kB`,
        pass: performance >= 95 && accessibility === 100 && jsBytes <= JS_BUDGET(page.name),
      };
      emit(result);
      out.push(result);
    }
  } finally {
    await chrome.kill();
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const base = process.argv[2];
  if (!base) {
    log("usage: tsx bench/lighthouse.ts <portal base URL>");
    process.exit(2);
  }
  await lighthouseBench(base.replace(/\/$/, ""));
}
