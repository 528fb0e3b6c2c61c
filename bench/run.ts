/**
 * `npm run bench [-- name …]`: creates a throw-away PostgreSQL database, starts the production
 * portal against it, runs the selected benchmarks, stops the portal and drops the database.
 * stdout: one JSON line per result (also appended to bench/results/run-<time>.jsonl);
 * everything else goes to stderr.
 *
 * Benchmarks (default: all but floor_http):
 *   lapor_js_bytes      JavaScript shipped to /lapor (compressed and uncompressed)
 *   lighthouse_mobile   Lighthouse mobile on /, /lapor, /lacak/<code> (public and private) and /aduan:
 *                       performance ≥ 95, accessibility 100, JS ≤ 100 kB on /lapor, ≤ 60 kB on the
 *                       others (bench/lighthouse.ts; not in the default run)
 *   intake_sql          the intake transaction as raw SQL (postgres.js, 50 workers, ~10 s)
 *   intake_http         POST /api/v1/complaints, 50 connections, ~20 s (target ≥ 500/s, p99 ≤ 100 ms)
 *   lacak_http          GET /lacak/<code>, 50 connections, ~15 s (target p95 ≤ 50 ms)
 *   complaint_api_http  GET /api/v1/complaints/<code>, same load and target (runs with lacak_http)
 *   floor_http          GET /api/v1/categories (no database work): Next's own per-request cost
 *   sms_inbound_http    GET /api/sms/inbound as Kannel's get-url, `BTM <complaint>` each, 20
 *                       connections (BENCH_SMS_CONNECTIONS), ~15 s (target ≥ 300/s, p99 ≤ 100 ms)
 *   sla_sweep           the SLA deadline sweep over all open complaints of the `npm run bench:seed`
 *                       database (pintu_bench; BENCH_SLA_DATABASE_URL), rolled back (target ≤ 10 s
 *                       with 1,000,000 complaints); needs no portal
 *   lapor_drain         10,000 LAPOR outbox items delivered by two `npm run worker` processes to the
 *                       simulator (50 ms latency) on a throw-away database (target ≥ 200 items/s, each
 *                       received once); needs no portal (see bench/lapor.ts)
 *   lapor_import        10,000 complaints LAPOR disposed to the city, imported by the polling job
 *                       (target ≤ 60 s, each once); needs no portal
 *   intake_pglite       the intake pipeline on the embedded database, as PGlite ships (no fsync) and
 *                       durable (every commit fsynced); BENCH_PGLITE_COMPLAINTS (300); needs no portal
 *   staff_queue_http, staff_inbox_http, staff_dispose_http   signed-in staff pages and the dispose
 *                       action on the synthetic database of `npm run bench:seed` (see bench/staff.ts;
 *                       BENCH_STAFF_DATABASE_URL, default pintu_bench on the same server)
 *   sla_board_http, statistik_http   the coordinator's SLA board with a 90-day period and the
 *                       public statistics on the same database (bench/sla-http.ts)
 *   open311_post, open311_list   Open311 GeoReport v2: POST requests.json (target ≥ 300/s) and
 *                       GET requests.json with 1,000 items (target p95 ≤ 150 ms) on the same
 *                       synthetic database (bench/open311.ts)
 *   staff_lists_http    the queue and an OPD inbox with filters, and their second page (keyset)
 *   staff_search        /petugas/cari's search by code, phone and words (and words within one OPD)
 *                       on the same database, one query at a time (bench/search.ts; target p95 ≤ 150 ms)
 *
 * Environment:
 *   BENCH_DATABASE_URL | TEST_DATABASE_URL  server on which to create the throw-away database
 *                         (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_PORT=3200       preferred port (any free one otherwise)
 *   BENCH_CONNECTIONS=50  concurrent connections / SQL workers; 1 gives one request at a time
 *                         (the unloaded latency)
 *   BENCH_DURATION_SCALE=1  multiplies every duration (e.g. 0.25 for a quick trial)
 *   BENCH_WAIT_QUIET_S=60 before each measurement, wait up to this long for the rest of the
 *                         machine to go idle (results carry other_cores: CPU others used meanwhile)
 *   BENCH_START_TIMEOUT_S=900  covers a first build
 *   BENCH_SKIP_BUILD=1    serve the existing .next build as is
 *   BENCH_CPU_PROF=1      V8 CPU profiles of the portal into bench/results/ (see profile-summary.ts)
 *   BENCH_SQL_POOL, BENCH_SQL_PREPARE=0, BENCH_SQL_MODE=transaction   intake_sql variants (pool
 *                         size, unprepared statements, the three inserts as a transaction)
 *   PINTU_PROCESSES=2     serving processes of the portal (passed through to `npm start`)
 *   BENCH_RATE_LIMIT      PUBLIC_RATE_LIMIT for the portal (default 0 = off; e.g. 100000000 keeps
 *                         the counter query in the path)
 *   BENCH_KEEP_DB=1       keep the database for inspection
 *
 * The portal serves from the shared .next directory. When another process rebuilds it during
 * a run (another `npm start` after a source edit), the running portal loses its files: the runner
 * then restarts the portal before the next benchmark and marks affected results "build_changed".
 */
import { mkdirSync, readFileSync } from "node:fs";
import postgres from "postgres";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { complaintApiHttp, floorHttp, intakeHttp, intakeSql, lacakHttp, laporJsBytes, type Ctx } from "./benches";
import { createBenchDatabase, freePort, log, recordResultsTo, startPortal, type BenchDb, type PortalServer } from "./harness";
import { laporDrainBench, laporImportBench } from "./lapor";
import { lighthouseBench } from "./lighthouse";
import { intakePgliteBench } from "./intake-pglite";
import { open311List, open311Post } from "./open311";
import { loadReferenceData } from "./payloads";
import { BENCH_SMS_KEY, smsInboundHttp } from "./sms";
import { slaBoardHttp, statistikHttp } from "./sla-http";
import { slaSweepBench } from "./sla-sweep";
import { staffSearchBench } from "./search";
import { staffDisposeHttp, staffInboxHttp, staffQueueHttp } from "./staff";
import { staffListsHttp } from "./staff-lists";
import { readSeedState } from "./synthetic";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Run order matters: intake_sql before intake_http so the HTTP line can carry the ratio, and the
// page-weight check before the database fills up.
const BENCHES: Record<string, (ctx: Ctx) => Promise<unknown>> = {
  lapor_js_bytes: laporJsBytes,
  lighthouse_mobile: (ctx) => lighthouseBench(ctx.server.base),
  intake_sql: intakeSql,
  intake_http: intakeHttp,
  lacak_http: lacakHttp,
  complaint_api_http: complaintApiHttp,
  floor_http: floorHttp,
  sms_inbound_http: smsInboundHttp,
  sla_sweep: (ctx) => slaSweepBench({ adminUrl: benchServer(), waitQuietS: ctx.waitQuietS }),
  lapor_drain: (ctx) => laporDrainBench({ adminUrl: benchServer(), root, waitQuietS: ctx.waitQuietS }),
  lapor_import: (ctx) => laporImportBench({ adminUrl: benchServer(), root, waitQuietS: ctx.waitQuietS }),
  intake_pglite: () => intakePgliteBench(),
  staff_queue_http: staffQueueHttp,
  staff_inbox_http: staffInboxHttp,
  staff_dispose_http: staffDisposeHttp,
  staff_lists_http: staffListsHttp,
  sla_board_http: slaBoardHttp,
  statistik_http: statistikHttp,
  open311_post: open311Post,
  open311_list: open311List,
  staff_search: (ctx) => staffSearchBench({ adminUrl: benchServer(), waitQuietS: ctx.waitQuietS }),
};
/** Run against the synthetic database of `npm run bench:seed` (BENCH_STAFF_DATABASE_URL, default pintu_bench). */
const STAFF = new Set(["staff_queue_http", "staff_inbox_http", "staff_dispose_http", "staff_lists_http", "sla_board_http", "statistik_http", "open311_post", "open311_list"]);
const DEFAULT = ["lapor_js_bytes", "intake_sql", "intake_http", "lacak_http", "complaint_api_http", "sms_inbound_http", "sla_sweep", "lapor_drain", "lapor_import", ...STAFF, "staff_search"];
/** Benchmarks that need no portal (the synthetic database, or their own throw-away database and worker processes). */
const NO_PORTAL = new Set(["sla_sweep", "lapor_drain", "lapor_import", "intake_pglite", "staff_search"]);
const benchServer = () => process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

function selection(argv: string[]): string[] {
  const asked = argv.filter((a) => a !== "--");
  const unknown = asked.filter((a) => !(a in BENCHES));
  if (unknown.length) {
    console.error(`bench: unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(BENCHES).join(", ")}`);
    process.exit(2);
  }
  const chosen = asked.length ? new Set(asked) : new Set(DEFAULT);
  // The tracking page and its JSON twin are one item of the brief: asking for one runs both.
  if (chosen.has("lacak_http")) chosen.add("complaint_api_http");
  return Object.keys(BENCHES).filter((b) => chosen.has(b));
}

const num = (name: string, fallback: number) => {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`bench: ${name} must be a positive number`);
    process.exit(2);
  }
  return n;
};

async function main(): Promise<number> {
  const chosen = selection(process.argv.slice(2));
  const adminUrl = benchServer();
  const connections = num("BENCH_CONNECTIONS", 50);
  const scale = num("BENCH_DURATION_SCALE", 1);
  const startTimeoutMs = num("BENCH_START_TIMEOUT_S", 900) * 1000;

  let db: BenchDb | undefined;
  let server: PortalServer | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      try {
        await server?.stop();
      } catch (err) {
        log(`stopping the portal failed: ${String(err)}`);
      }
      if (db && process.env.BENCH_KEEP_DB === "1") log(`keeping database ${db.name} (BENCH_KEEP_DB=1)`);
      else {
        try {
          await db?.drop();
        } catch (err) {
          log(`dropping ${db?.name} failed: ${String(err)}`);
        }
      }
    })());
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      log(`${sig}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  recordResultsTo(path.join(root, "bench", "results", `run-${stamp}.jsonl`));
  if (chosen.every((name) => NO_PORTAL.has(name))) {
    let failedAlone = false;
    for (const name of chosen) {
      log(`— ${name}`);
      try {
        await BENCHES[name]!({ waitQuietS: Number(process.env.BENCH_WAIT_QUIET_S ?? 60) } as Ctx);
      } catch (err) {
        failedAlone = true;
        log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
    return failedAlone ? 1 : 0;
  }

  let failed = false;
  try {
    const publicNames = chosen.filter((n) => !STAFF.has(n));
    const staffNames = chosen.filter((n) => STAFF.has(n));
    // Public benchmarks run on a throw-away database; staff ones on the synthetic 1M database.
    let target = { url: "", name: "" };
    if (publicNames.length) {
      db = await createBenchDatabase(adminUrl);
      log(`created database ${db.name}`);
      target = { url: db.url, name: db.name };
    }
    const port = await freePort(num("BENCH_PORT", 3200));
    let nodeArgs: string[] | undefined;
    if (process.env.BENCH_CPU_PROF === "1") {
      const dir = path.join(root, "bench", "results", `cpu-${stamp}`);
      mkdirSync(dir, { recursive: true });
      nodeArgs = ["--cpu-prof", `--cpu-prof-dir=${dir}`];
      log(`CPU profiles of the portal go to ${dir} (written when it stops)`);
    }
    const buildId = () => {
      try {
        return readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8").trim();
      } catch {
        return "";
      }
    };
    let servedBuild = "";
    const start = async () => {
      log(`starting the portal on port ${port} (builds first if the sources changed)`);
      server = await startPortal({
        root,
        databaseUrl: target.url,
        port,
        timeoutMs: startTimeoutMs,
        extraEnv: {
          ...(process.env.BENCH_SKIP_BUILD === "1" ? { PINTU_SKIP_BUILD: "1" } : {}),
          // The public limit is off by default (one client address sends everything); a huge
          // limit keeps the counter query in the path to measure its cost.
          ...(process.env.BENCH_RATE_LIMIT ? { PUBLIC_RATE_LIMIT: process.env.BENCH_RATE_LIMIT } : {}),
          // The gateway's key; the per-sender limit stays in the path, high enough never to refuse.
          SMS_INBOUND_KEY: BENCH_SMS_KEY,
          SMS_PER_SENDER_PER_HOUR: "1000000",
        },
        nodeArgs,
      });
      servedBuild = buildId();
      return server;
    };
    const staffUrl = process.env.BENCH_STAFF_DATABASE_URL || Object.assign(new URL(adminUrl), { pathname: "/pintu_bench" }).toString();
    if (!publicNames.length) target = { url: staffUrl, name: new URL(staffUrl).pathname.slice(1) };
    const ctx: Ctx = {
      server: await start(),
      databaseUrl: target.url,
      dbName: target.name,
      ref: loadReferenceData(root),
      connections,
      scale,
      results: new Map(),
      codes: [],
      waitQuietS: Number(process.env.BENCH_WAIT_QUIET_S ?? 60),
      buildChanged: () => buildId() !== servedBuild,
    };
    const runAll = async (names: string[]) => {
      for (const name of names) {
        if (ctx.buildChanged() || !ctx.server.alive()) {
          log(ctx.server.alive() ? ".next was rebuilt by another process while the portal ran; restarting the portal" : "the portal is gone; starting it again");
          await ctx.server.stop();
          ctx.server = await start();
        }
        log(`— ${name}`);
        try {
          const result = await BENCHES[name]!(ctx);
          if (result && typeof result === "object") ctx.results.set(name, result as Record<string, unknown>);
        } catch (err) {
          failed = true;
          log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        }
      }
    };
    await runAll(publicNames);
    if (staffNames.length) {
      const seeded = await readSeedState(staffUrl).catch(() => null);
      if (!seeded?.mark?.complete) {
        failed = true;
        log(`staff benchmarks need the synthetic database ${staffUrl.replace(/\/\/[^@]*@/, "//")}: run \`npm run bench:seed -- --complaints 1000000\` first`);
      } else {
        log(`staff benchmarks on the synthetic database (${seeded.complaints} complaints)`);
        await vacuumAnalyze(staffUrl);
        if (publicNames.length) {
          await ctx.server.stop();
          target = { url: staffUrl, name: new URL(staffUrl).pathname.slice(1) };
          ctx.databaseUrl = target.url;
          ctx.dbName = target.name;
          ctx.server = await start();
        }
        await runAll(staffNames);
      }
    }
  } catch (err) {
    failed = true;
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  } finally {
    await cleanup();
  }
  return failed ? 1 : 0;
}

/**
 * Earlier runs leave dead rows (dispositions, the rolled-back sweep's notifications). A server
 * with autovacuum would have cleaned them; this machine's PostgreSQL runs with autovacuum off, so
 * the staff benchmarks vacuum first rather than measure scans over garbage.
 */
async function vacuumAnalyze(url: string): Promise<void> {
  const t = performance.now();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`vacuum (analyze)`;
  } finally {
    await sql.end();
  }
  log(`vacuum analyze: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

// Exit explicitly: a lingering socket must not keep a finished run alive.
process.exit(await main());
