/**
 * Open311 GeoReport v2 on the synthetic database of `npm run bench:seed` (1M complaints):
 *
 *   open311_post  POST /open311/v2/requests.json, form-encoded as FixMyStreet sends it, with an
 *                 API key (its per-key rate limit in the path, set too high to refuse), 50
 *                 connections (target ≥ 300 complaints/s)
 *   open311_list  GET /open311/v2/requests.json: the default last 90 days, 1,000 newest public
 *                 complaints, BENCH_OPEN311_LIST_CONNECTIONS (default 2) clients polling at once
 *                 (target p95 ≤ 150 ms)
 *
 * The key is a client inserted for the run (only its hash, like any key) and revoked after it.
 */
import { createHash, randomBytes } from "node:crypto";
import type { AutocannonRequest } from "autocannon";
import postgres from "postgres";
import { conditions, cpuFields, latencyFields, measured, secs, type Ctx } from "./benches";
import { emit, round } from "./harness";

async function withBenchKey<T>(ctx: Ctx, fn: (key: string) => Promise<T>): Promise<T> {
  const key = `o311_bench_${randomBytes(16).toString("hex")}`;
  const sql = postgres(ctx.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ id: number }[]>`
      insert into open311_clients (name, key_hash, key_hint, rate_limit)
      values ('bench', ${createHash("sha256").update(key).digest("hex")}, ${key.slice(0, 9)}, 100000000) returning id`;
    try {
      return await fn(key);
    } finally {
      await sql`update open311_clients set revoked_at = now() where id = ${row!.id}`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function open311Post(ctx: Ctx) {
  return withBenchKey(ctx, async (key) => {
    const kel = await (await fetch(`${ctx.server.base}/open311/v2/services/JALAN.json`)).json() as { attributes: { code: string; values: { key: string }[] }[] };
    const kelurahan = kel.attributes.find((a) => a.code === "kelurahan")!.values[3]!.key;
    const body = new URLSearchParams({
      api_key: key,
      service_code: "JALAN",
      lat: "1.1301",
      long: "104.0529",
      address_string: "Jl. Raja Haji Fisabilillah",
      description: "Jalan berlubang dalam di depan ruko, sudah dua minggu membahayakan pengendara motor.",
      first_name: "Warga",
      last_name: "Batam",
      email: "warga@example.org",
      "attribute[kelurahan]": kelurahan,
    }).toString();
    const check = await fetch(`${ctx.server.base}/open311/v2/requests.json`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    if (check.status !== 201) throw new Error(`POST requests.json answered ${check.status}: ${await check.text()}`);
    const request: AutocannonRequest = { method: "POST", path: "/open311/v2/requests.json", headers: { "content-type": "application/x-www-form-urlencoded" }, body };
    const { r, cpu, otherBefore } = await measured(ctx, "open311_post", secs(ctx, 3), secs(ctx, 20), request);
    const rps = round(r.ok2xx / r.elapsedS, 1);
    const result = {
      bench: "open311_post",
      complaints_per_s: rps,
      ...latencyFields(r, [50, 95, 99]),
      connections: ctx.connections,
      duration_s: round(r.elapsedS, 1),
      requests: r.total,
      errors: r.errors,
      non2xx: r.non2xx,
      status_codes: r.statusCodes,
      cpu: cpuFields(cpu, r.total, r.elapsedS),
      ...conditions(ctx, otherBefore),
      target: { per_s: 300 },
      pass: (rps ?? 0) >= 300 && r.errors === 0 && r.non2xx === 0,
    };
    emit(result);
    return result;
  });
}

export async function open311List(ctx: Ctx) {
  const path = "/open311/v2/requests.json";
  const t0 = performance.now();
  const check = await fetch(`${ctx.server.base}${path}`);
  const items = (await check.json()) as unknown[];
  const firstMs = round(performance.now() - t0, 1);
  if (check.status !== 200 || !Array.isArray(items)) throw new Error(`GET ${path} answered ${check.status}`);
  const connections = Number(process.env.BENCH_OPEN311_LIST_CONNECTIONS || 2);
  const request: AutocannonRequest = { method: "GET", path };
  const { r, cpu, otherBefore } = await measured(ctx, "open311_list", secs(ctx, 3), secs(ctx, 15), request, connections);
  const lat = latencyFields(r, [50, 90, 95, 99]);
  const result = {
    bench: "open311_list",
    path,
    items: items.length,
    rps: round(r.ok2xx / r.elapsedS, 1),
    ...lat,
    connections,
    duration_s: round(r.elapsedS, 1),
    requests: r.total,
    avg_response_bytes: Math.round(r.bytes / Math.max(1, r.total)),
    errors: r.errors,
    non2xx: r.non2xx,
    cpu: cpuFields(cpu, r.total, r.elapsedS),
    first_request_ms: firstMs,
    ...conditions(ctx, otherBefore),
    target: { p95_ms: 150, items: 1000 },
    pass: (lat.p95_ms ?? Infinity) <= 150 && items.length === 1000 && r.errors === 0 && r.non2xx === 0,
  };
  emit(result);
  return result;
}
