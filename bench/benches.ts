/**
 * The benchmarks. Each returns the JSON result line(s) it printed, so the runner can relate
 * them (e.g. the HTTP/SQL ratio).
 */
import { createHash, randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants, gunzipSync, gzipSync, inflateSync } from "node:zlib";
import type { AutocannonRequest } from "autocannon";
import postgres from "postgres";
import { makeTrackingCode } from "@/domain/tracking-code";
import { cpuDelta, cpuSnapshot, emit, waitQuiet, load, log, percentile, round, sleep, type LoadResult, type PortalServer } from "./harness";
import { complaintGenerator, type ReferenceData } from "./payloads";

export type Ctx = {
  server: PortalServer;
  databaseUrl: string;
  dbName: string;
  ref: ReferenceData;
  connections: number;
  /** Multiplies every duration (BENCH_DURATION_SCALE), for quick trial runs. */
  scale: number;
  /** Results already printed in this run, by bench name. */
  results: Map<string, Record<string, unknown>>;
  /** Tracking codes known to exist (for the read benchmarks). */
  codes: string[];
  /** Longest wait for other processes to calm down before a measurement (BENCH_WAIT_QUIET_S). */
  waitQuietS: number;
  /** True when .next was rebuilt (by another process) since the portal started. */
  buildChanged: () => boolean;
};

/** Fields every measured result carries about its conditions. */
export function conditions(ctx: Ctx, otherBefore: number) {
  return {
    other_cores_before: round(otherBefore, 2),
    ...(ctx.buildChanged() ? { build_changed: true } : {}),
    ...(ctx.server.alive() ? {} : { portal_exited: true }),
  };
}

export const secs = (ctx: Ctx, s: number) => Math.max(1, Math.round(s * ctx.scale));

export function latencyFields(r: LoadResult, ps: number[]) {
  const out: Record<string, number | null> = {};
  for (const p of ps) out[`p${p}_ms`] = round(percentile(r.latencies, p), 2);
  out.mean_ms = round(r.latencies.reduce((a, b) => a + b, 0) / Math.max(1, r.latencies.length), 2);
  out.max_ms = round(r.latencies.at(-1) ?? NaN, 2);
  return out;
}

export function cpuFields(d: ReturnType<typeof cpuDelta>, requests: number, elapsedS: number) {
  const per = (ms: number) => round(ms / Math.max(1, requests), 3);
  return {
    portal_ms: d.portal_ms,
    postgres_ms: d.postgres_ms,
    bench_ms: d.bench_ms,
    portal_ms_per_req: per(d.portal_ms),
    postgres_ms_per_req: per(d.postgres_ms),
    // Share of the machine's two cores each party used during the run.
    portal_cores: round(d.portal_ms / 1000 / elapsedS, 2),
    postgres_cores: round(d.postgres_ms / 1000 / elapsedS, 2),
    bench_cores: round(d.bench_ms / 1000 / elapsedS, 2),
    // Everything else on the machine during the run (other tests, builds…): high values mean a noisy run.
    other_cores: round(d.other_ms / 1000 / elapsedS, 2),
    host_busy_cores: round(d.host_ms / 1000 / elapsedS, 2),
  };
}

/** Runs a warm-up, then the measured load with CPU accounting. */
export async function measured(ctx: Ctx, name: string, warmupS: number, durationS: number, request: Parameters<typeof load>[0]["request"], connections = ctx.connections) {
  log(`${name}: warm-up ${warmupS} s`);
  await load({ base: ctx.server.base, connections, durationS: warmupS, request });
  await sleep(500);
  const pids = ctx.server.pids();
  const otherBefore = await waitQuiet(pids, ctx.dbName, ctx.waitQuietS);
  log(`${name}: measuring ${durationS} s at ${connections} connections`);
  const before = cpuSnapshot(pids, ctx.dbName);
  const r = await load({ base: ctx.server.base, connections, durationS, request });
  const cpu = cpuDelta(before, cpuSnapshot(pids, ctx.dbName));
  return { r, cpu, otherBefore };
}

// ---- intake_http ----

export async function intakeHttp(ctx: Ctx): Promise<Record<string, unknown>> {
  const next = complaintGenerator(ctx.ref, 1);
  const request: AutocannonRequest = {
    method: "POST",
    path: "/api/v1/complaints",
    headers: { "content-type": "application/json", accept: "application/json" },
    setupRequest: (req: AutocannonRequest) => ({ ...req, body: JSON.stringify(next()) }),
  };
  const db = postgres(ctx.databaseUrl, { max: 1, onnotice: () => {} });
  const countRows = async () => Number((await db`select count(*)::int as n from complaints`)[0]!.n);
  try {
    const durationS = secs(ctx, 20);
    const { r, cpu, otherBefore } = await measured(ctx, "intake_http", secs(ctx, 3), durationS, request);
    const rowsAfter = await countRows();
    const rps = r.ok2xx / r.elapsedS;
    const lat = latencyFields(r, [50, 90, 99]);
    const sql = ctx.results.get("intake_sql");
    const sqlTps = typeof sql?.tps === "number" ? sql.tps : null;
    const result = {
      bench: "intake_http",
      rps: round(rps, 1),
      ...lat,
      connections: ctx.connections,
      duration_s: round(r.elapsedS, 1),
      requests: r.total,
      created: r.ok2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      status_codes: r.statusCodes,
      complaints_in_db: rowsAfter,
      cpu: cpuFields(cpu, r.total, r.elapsedS),
      ...conditions(ctx, otherBefore),
      ...(sqlTps ? { sql_tps: sqlTps, http_over_sql: round(rps / sqlTps, 3) } : {}),
      target: { rps: 500, p99_ms: 100 },
      pass: rps >= 500 && (lat.p99_ms ?? Infinity) <= 100 && r.errors === 0 && r.non2xx === 0,
    };
    emit(result);
    return result;
  } finally {
    await db.end({ timeout: 5 });
  }
}

// ---- intake_sql ----

/** The rows server/intake.ts writes for a JSON complaint without attachments or Idempotency-Key. */
const INSERT_COMPLAINT = `insert into "complaints" ("tracking_code", "channel", "title", "body", "category_id", "kecamatan_id", "kelurahan_id", "address", "lat", "lon", "incident_date", "reporter_name", "reporter_phone", "reporter_email", "reporter_nik", "anonymous", "confidential", "status", "suggested_opd_id", "suggested_external_id", "access_key_hash", "verification_due", "created_at", "updated_at") values ($1, 'web', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, null, $14, $15, 'received', $16, $17, $18, $19, $20, $20) on conflict ("tracking_code") do nothing returning "id", "tracking_code"`;
const INSERT_EVENT = `insert into "complaint_events" ("complaint_id", "created_at", "action", "actor_user_id", "actor_role", "from_status", "to_status", "channel", "data") values ($1, $2, 'submit', null, 'citizen', null, 'received', 'web', $3::jsonb)`;
const INSERT_OUTBOX = `insert into "outbox" ("topic", "complaint_id", "payload", "dedupe_key", "created_at", "next_attempt_at") values ('lapor.create_complaint', $1, $2::jsonb, $3, $4, $4)`;

/**
 * The same three rows written by one prepared statement (one round trip, atomic alone): what the
 * app does (db/queries/intake.ts), so the default. BENCH_SQL_MODE=transaction runs the earlier
 * interactive transaction of three inserts instead, BENCH_SQL_PREPARE=0 unprepared statements.
 */
const INSERT_ALL_CTE = `with c as (${INSERT_COMPLAINT.replace('returning "id", "tracking_code"', 'returning "id", "tracking_code", "created_at"')}),
e as (insert into "complaint_events" ("complaint_id", "created_at", "action", "actor_user_id", "actor_role", "from_status", "to_status", "channel", "data") select c.id, c.created_at, 'submit', null, 'citizen', null, 'received', 'web', $21::jsonb from c),
o as (insert into "outbox" ("topic", "complaint_id", "payload", "dedupe_key", "created_at", "next_attempt_at") select 'lapor.create_complaint', c.id, jsonb_build_object('complaintId', c.id), 'lapor.create_complaint:' || c.id, c.created_at, c.created_at from c)
select "id", "tracking_code" from c`;

export async function intakeSql(ctx: Ctx): Promise<Record<string, unknown>> {
  const pool = Number(process.env.BENCH_SQL_POOL ?? ctx.connections);
  const prepare = process.env.BENCH_SQL_PREPARE !== "0";
  const cte = process.env.BENCH_SQL_MODE !== "transaction";
  const workers = ctx.connections;
  const sql = postgres(ctx.databaseUrl, { max: pool, onnotice: () => {}, connection: { application_name: "pintu-bench" } });
  try {
    const cats = await sql<{ id: number; code: string; opd_id: number | null; external_id: number | null }[]>`select id, code, opd_id, external_id from categories`;
    const kel = await sql<{ kec_id: number; kel_id: number; kel_name: string }[]>`select k.id as kec_id, l.id as kel_id, l.name as kel_name from kelurahan l join kecamatan k on k.id = l.kecamatan_id`;
    const catByCode = new Map(cats.map((c) => [c.code, c]));
    const kelByName = new Map(kel.map((k) => [k.kel_name, k]));
    const next = complaintGenerator(ctx.ref, 2);

    const oneTx = async () => {
      const p = next();
      const now = new Date();
      const cat = p.categoryCode ? catByCode.get(p.categoryCode) : undefined;
      const area = p.kelurahan ? kelByName.get(p.kelurahan) : undefined;
      const accessKey = randomBytes(16).toString("base64url");
      const params = () => [
        makeTrackingCode("BTM", randomBytes(5)),
        p.title,
        p.body,
        cat?.id ?? null,
        area?.kec_id ?? null,
        area?.kel_id ?? null,
        p.address ?? null,
        p.lat ?? null,
        p.lon ?? null,
        p.incidentDate ?? null,
        p.reporterName ?? null,
        p.reporterPhone ?? null,
        p.reporterEmail ?? null,
        p.anonymous ?? false,
        p.confidential ?? false,
        cat?.opd_id ?? null,
        cat?.external_id ?? null,
        createHash("sha256").update(accessKey).digest("hex"),
        new Date(now.getTime() + 3 * 86_400_000).toISOString(),
        now.toISOString(),
      ];
      if (cte) {
        const data = JSON.stringify({ route: cat ? "category" : "none", attachments: 0 });
        for (let attempt = 0; attempt < 5; attempt++) {
          const rows = await sql.unsafe(INSERT_ALL_CTE, [...params(), data], { prepare });
          if (rows.length) return;
        }
        throw new Error("five tracking-code collisions in a row");
      }
      await sql.begin(async (tx) => {
        let inserted: { id: string; tracking_code: string } | undefined;
        while (!inserted) {
          [inserted] = await tx.unsafe<{ id: string; tracking_code: string }[]>(INSERT_COMPLAINT, params(), { prepare });
        }
        const id = inserted.id;
        await tx.unsafe(INSERT_EVENT, [id, now.toISOString(), JSON.stringify({ route: cat ? "category" : "none", attachments: 0 })], { prepare });
        await tx.unsafe(INSERT_OUTBOX, [id, JSON.stringify({ complaintId: Number(id) }), `lapor.create_complaint:${id}`, now.toISOString()], { prepare });
      });
    };

    const runFor = async (durationS: number) => {
      const end = Date.now() + durationS * 1000;
      const latencies: number[] = [];
      let errors = 0;
      let firstError: string | undefined;
      const t0 = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: workers }, async () => {
          while (Date.now() < end) {
            const s = process.hrtime.bigint();
            try {
              await oneTx();
              latencies.push(Number(process.hrtime.bigint() - s) / 1e6);
            } catch (err) {
              errors++;
              firstError ??= String(err);
              if (errors > 1000) return; // bounded: a broken statement must not spin for the whole run
            }
          }
        }),
      );
      const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
      latencies.sort((a, b) => a - b);
      return { latencies, errors, firstError, elapsedS };
    };

    log(`intake_sql: warm-up ${secs(ctx, 2)} s`);
    await runFor(secs(ctx, 2));
    const durationS = secs(ctx, 10);
    log(`intake_sql: measuring ${durationS} s with ${workers} workers, pool ${pool}, prepare ${prepare}${cte ? ", one CTE statement" : ""}`);
    const pids = ctx.server.pids();
    const otherBefore = await waitQuiet(pids, ctx.dbName, ctx.waitQuietS);
    const before = cpuSnapshot(pids, ctx.dbName);
    const r = await runFor(durationS);
    const cpu = cpuDelta(before, cpuSnapshot(pids, ctx.dbName));
    if (r.firstError) log(`intake_sql: first error: ${r.firstError}`);
    const tps = r.latencies.length / r.elapsedS;
    const result = {
      bench: "intake_sql",
      tps: round(tps, 1),
      p50_ms: round(percentile(r.latencies, 50), 2),
      p90_ms: round(percentile(r.latencies, 90), 2),
      p99_ms: round(percentile(r.latencies, 99), 2),
      workers,
      pool,
      prepared_statements: prepare,
      mode: cte ? "single-statement-cte" : "transaction",
      statements_per_tx: cte ? 1 : 5,
      duration_s: round(r.elapsedS, 1),
      transactions: r.latencies.length,
      errors: r.errors,
      cpu: {
        postgres_ms: cpu.postgres_ms,
        bench_ms: cpu.bench_ms,
        postgres_ms_per_tx: round(cpu.postgres_ms / Math.max(1, r.latencies.length), 3),
        bench_ms_per_tx: round(cpu.bench_ms / Math.max(1, r.latencies.length), 3),
        postgres_cores: round(cpu.postgres_ms / 1000 / r.elapsedS, 2),
        bench_cores: round(cpu.bench_ms / 1000 / r.elapsedS, 2),
        other_cores: round(cpu.other_ms / 1000 / r.elapsedS, 2),
        host_busy_cores: round(cpu.host_ms / 1000 / r.elapsedS, 2),
      },
      ...conditions(ctx, otherBefore),
    };
    emit(result);
    return result;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// ---- read benchmarks ----

/** Makes sure at least `n` complaints exist (created through the API) and remembers their codes. */
export async function ensureCodes(ctx: Ctx, n: number): Promise<void> {
  if (ctx.codes.length >= n) return;
  const next = complaintGenerator(ctx.ref, 3);
  log(`creating ${n - ctx.codes.length} complaints for the read benchmarks`);
  let failures = 0;
  const worker = async () => {
    while (ctx.codes.length < n && failures < 20) {
      const res = await fetch(`${ctx.server.base}/api/v1/complaints`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(next()),
      });
      const body = (await res.json()) as { trackingCode?: string };
      if (res.status === 201 && body.trackingCode) ctx.codes.push(body.trackingCode);
      else {
        failures++;
        log(`seed POST answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  if (ctx.codes.length === 0) throw new Error("could not create any complaint for the read benchmarks");
}

/**
 * Each code's first view, 8 at a time: for the tracking page this is Next rendering it (what a
 * visitor meets before the server's page cache holds it); the steady load after it is measured apart.
 */
async function firstViews(ctx: Ctx, paths: string[], accept: string): Promise<{ first_view_p50_ms: number | null; first_view_p95_ms: number | null }> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const t = performance.now();
      const res = await fetch(`${ctx.server.base}${path}`, { headers: { accept, "accept-language": "id" }, redirect: "manual" });
      await res.arrayBuffer();
      times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  times.sort((a, b) => a - b);
  return { first_view_p50_ms: round(percentile(times, 50), 1), first_view_p95_ms: round(percentile(times, 95), 1) };
}

async function readBench(ctx: Ctx, name: string, pathFor: (code: string) => string, accept: string) {
  await ensureCodes(ctx, 300);
  const codes = ctx.codes;
  const first = await firstViews(ctx, codes.map(pathFor), accept);
  let i = 0;
  const request: AutocannonRequest = {
    method: "GET",
    path: pathFor(codes[0]!),
    headers: { accept, "accept-language": "id" },
    setupRequest: (req: AutocannonRequest) => ({ ...req, path: pathFor(codes[i++ % codes.length]!) }),
  };
  const durationS = secs(ctx, 15);
  const { r, cpu, otherBefore } = await measured(ctx, name, secs(ctx, 3), durationS, request);
  const lat = latencyFields(r, [50, 90, 95, 99]);
  const result = {
    bench: name,
    rps: round(r.ok2xx / r.elapsedS, 1),
    ...lat,
    connections: ctx.connections,
    duration_s: round(r.elapsedS, 1),
    requests: r.total,
    codes: codes.length,
    avg_response_bytes: Math.round(r.bytes / Math.max(1, r.total)),
    ...first,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    status_codes: r.statusCodes,
    cpu: cpuFields(cpu, r.total, r.elapsedS),
    ...conditions(ctx, otherBefore),
    target: { p95_ms: 50 },
    pass: (lat.p95_ms ?? Infinity) <= 50 && r.errors === 0 && r.non2xx === 0,
  };
  emit(result);
  return result;
}

export const lacakHttp = (ctx: Ctx) => readBench(ctx, "lacak_http", (c) => `/lacak/${c}`, "text/html");
export const complaintApiHttp = (ctx: Ctx) => readBench(ctx, "complaint_api_http", (c) => `/api/v1/complaints/${c}`, "application/json");

/**
 * Not in the default set: GET /api/v1/categories answers from the per-process reference cache
 * without touching the database, so it approximates the cost of Next's request handling alone.
 */
export async function floorHttp(ctx: Ctx) {
  const request: AutocannonRequest = { method: "GET", path: "/api/v1/categories", headers: { accept: "application/json" } };
  const { r, cpu, otherBefore } = await measured(ctx, "floor_http", secs(ctx, 3), secs(ctx, 10), request);
  const result = {
    bench: "floor_http",
    path: "/api/v1/categories",
    rps: round(r.ok2xx / r.elapsedS, 1),
    ...latencyFields(r, [50, 90, 99]),
    connections: ctx.connections,
    duration_s: round(r.elapsedS, 1),
    requests: r.total,
    errors: r.errors,
    non2xx: r.non2xx,
    cpu: cpuFields(cpu, r.total, r.elapsedS),
    ...conditions(ctx, otherBefore),
    target: null,
    pass: null,
  };
  emit(result);
  return result;
}

// ---- lapor_js_bytes ----

type Fetched = { status: number; headers: Record<string, string | string[] | undefined>; raw: Buffer };

function get(url: string, headers: Record<string, string>): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timeout fetching ${url}`)));
    req.on("error", reject);
    req.end();
  });
}

function decode(f: Fetched): Buffer {
  const enc = String(f.headers["content-encoding"] ?? "").toLowerCase();
  if (enc === "br") return brotliDecompressSync(f.raw);
  if (enc === "gzip") return gunzipSync(f.raw);
  if (enc === "deflate") return inflateSync(f.raw);
  return f.raw;
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag)?.slice(2).find((x) => x !== undefined);

export async function laporJsBytes(ctx: Ctx): Promise<Record<string, unknown>> {
  const base = ctx.server.base;
  const page = await get(`${base}/lapor`, { accept: "text/html", "accept-encoding": "br, gzip", "accept-language": "id" });
  if (page.status !== 200) throw new Error(`GET /lapor answered ${page.status}`);
  const html = decode(page).toString("utf8");

  const scriptSrcs = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => attr(m[0], "src")).filter((s): s is string => !!s);
  const links = [...html.matchAll(/<link\b[^>]*>/gi)].map((m) => m[0]);
  const modulePreloads = links.filter((l) => /\brel\s*=\s*["']?modulepreload/i.test(l)).map((l) => attr(l, "href")).filter((s): s is string => !!s);
  // Next also announces its chunks as <link rel="preload" as="script">; the browser fetches them too.
  const scriptPreloads = links
    .filter((l) => /\brel\s*=\s*["']?preload/i.test(l) && /\bas\s*=\s*["']?script/i.test(l))
    .map((l) => attr(l, "href"))
    .filter((s): s is string => !!s);
  const urls = [...new Set([...scriptSrcs, ...modulePreloads, ...scriptPreloads].map((u) => new URL(u.replace(/&amp;/g, "&"), `${base}/lapor`).toString()))];
  const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1] ?? "");
  const inlineBytes = inlineScripts.reduce((a, s) => a + Buffer.byteLength(s), 0);

  const files: { url: string; status: number; encoding: string; transfer_bytes: number; bytes: number; gzip_bytes: number; brotli_bytes: number }[] = [];
  for (const url of urls) {
    const f = await get(url, { "accept-encoding": "br, gzip" });
    const body = decode(f);
    const encoding = String(f.headers["content-encoding"] ?? "identity");
    const declared = Number(f.headers["content-length"]);
    files.push({
      url: new URL(url).pathname,
      status: f.status,
      encoding,
      transfer_bytes: Number.isFinite(declared) ? declared : f.raw.length,
      bytes: body.length,
      gzip_bytes: gzipSync(body, { level: 6 }).length,
      brotli_bytes: brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  const sum = (k: "transfer_bytes" | "bytes" | "gzip_bytes" | "brotli_bytes") => files.reduce((a, f) => a + f[k], 0);
  const isCompressed = (f: (typeof files)[number]) => f.encoding === "br" || f.encoding === "gzip";
  const serverEncodings = [...new Set(files.filter(isCompressed).map((f) => f.encoding))];
  const notCompressed = files.filter((f) => !isCompressed(f));
  // Per file: the server's compressed size when it compressed, else gzip -6 measured here.
  const compressedBytes = files.reduce((a, f) => a + (isCompressed(f) ? f.transfer_bytes : f.gzip_bytes), 0);
  const compressedBy = [
    ...serverEncodings.map((e) => `server-${e}`),
    ...(notCompressed.length ? [`measured-gzip${serverEncodings.length ? ` (${notCompressed.length} files the server sent uncompressed)` : ""}`] : []),
  ].join(" + ");
  const result = {
    bench: "lapor_js_bytes",
    scripts: scriptSrcs.length,
    modulepreloads: modulePreloads.length,
    script_preloads: scriptPreloads.length,
    files: files.length,
    failed: files.filter((f) => f.status !== 200).length,
    compressed_bytes: compressedBytes,
    compressed_by: compressedBy,
    uncompressed_bytes: sum("bytes"),
    // Bytes as they actually crossed the wire (compressed or not).
    transfer_bytes: sum("transfer_bytes"),
    gzip_bytes_measured: sum("gzip_bytes"),
    brotli_bytes_measured: sum("brotli_bytes"),
    uncompressed_files: notCompressed.map((f) => ({ url: f.url, bytes: f.bytes })),
    inline_scripts: inlineScripts.length,
    inline_script_bytes: inlineBytes,
    html_bytes: Buffer.byteLength(html),
    html_encoding: String(page.headers["content-encoding"] ?? "identity"),
    ...(ctx.buildChanged() ? { build_changed: true } : {}),
    largest: [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 5).map((f) => ({ url: f.url, bytes: f.bytes, encoding: f.encoding, transfer_bytes: f.transfer_bytes })),
    target: null,
    pass: null,
  };
  emit(result);
  return result;
}
