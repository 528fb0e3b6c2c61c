/**
 * LAPOR figures (issue 4), against the simulator (a real HTTP server in this process) with 50 ms
 * latency on every call and `npm run worker` processes on a throw-away PostgreSQL database:
 *
 *   lapor_drain   10,000 `lapor.create_complaint` outbox items (complaints received locally)
 *                 delivered by two worker processes; items/s (target ≥ 200/s), and that the
 *                 simulator received each complaint exactly once.
 *   lapor_import  10,000 complaints LAPOR disposed to the city, imported by the polling job
 *                 (`lapor.poll` in a worker process); seconds (target ≤ 60 s), and that all
 *                 10,000 arrived once.
 *
 * BENCH_LAPOR_ITEMS (10000), BENCH_LAPOR_LATENCY_MS (50), BENCH_LAPOR_WORKERS (2, drain only).
 * The portal is not involved: it is neither started nor measured.
 */
import { spawn, type ChildProcess } from "node:child_process";
import postgres from "postgres";
import { openDb } from "@/db/client";
import { prepareDb } from "@/db/seed";
import { startLaporSim, type LaporSim } from "@/lapor-sim/server";
import { createBenchDatabase, cpuDelta, cpuSnapshot, descendants, emit, log, round, sleep, waitQuiet, type BenchDb } from "./harness";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SIM = { apiKey: "bench-key", token: "bench-token", institutionId: "2171" };

type Opts = { adminUrl: string; root: string; waitQuietS: number };

const positive = (name: string, fallback: number) => {
  const n = Number(process.env[name] || fallback);
  return Number.isFinite(n) && n > 0 ? Math.round(n) : fallback;
};

/** A code in the tracking-code alphabet, unique per n (the bench's complaints only). */
function code(n: number): string {
  let s = "";
  for (let i = 0, v = n; i < 8; i++, v = Math.floor(v / 32)) s = CROCKFORD[v % 32] + s;
  return `BTM-${s}`;
}

type Worker = { child: ChildProcess; ready: Promise<void>; output: string[] };

function startWorker(root: string, databaseUrl: string, sim: LaporSim, extraEnv: Record<string, string>): Worker {
  // BENCH_CPU_PROF=1: V8 CPU profiles of the workers into bench/results/ (written when they stop).
  const prof = process.env.BENCH_CPU_PROF === "1" ? [`--cpu-prof`, `--cpu-prof-dir=${root}/bench/results/cpu-lapor`] : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PINTU_DEMO: "0",
      LAPOR_BASE_URL: sim.url,
      LAPOR_API_KEY: SIM.apiKey,
      LAPOR_INSTITUTION_TOKEN: SIM.token,
      LAPOR_INSTITUTION_ID: SIM.institutionId,
      // "worker: started" (info) tells the bench the worker is ready: with LOG_LEVEL honoured, "warn" hid it and the bench waited forever.
      LOG_LEVEL: "info",
      ...extraEnv,
    },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const seen = (d: Buffer) => {
      const text = d.toString();
      output.push(text);
      if (output.length > 40) output.shift();
      if (text.includes("worker: started")) resolve();
    };
    child.stdout!.on("data", seen);
    child.stderr!.on("data", seen);
    child.once("exit", (c) => reject(new Error(`worker exited (${c}) before it started:\n${output.join("")}`)));
  });
  return { child, ready, output };
}

async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
          const t = setTimeout(() => {
            try {
              process.kill(-w.child.pid!, "SIGKILL");
            } catch {
              /* gone */
            }
          }, 15_000);
          w.child.once("exit", () => (clearTimeout(t), resolve()));
          w.child.kill("SIGTERM");
        }),
    ),
  );
}

/** A throw-away database with the schema and Batam's reference data (and LAPOR mappings), a simulator, cleanup. */
async function setup(opts: Opts, latencyMs: number) {
  const db: BenchDb = await createBenchDatabase(opts.adminUrl);
  log(`created database ${db.name}`);
  const handle = openDb({ url: db.url, poolSize: 4 });
  await prepareDb(handle, { region: "BTM", demo: false });
  await handle.close();
  const sim = await startLaporSim({ ...SIM, faults: { latencyMs } });
  const sql = postgres(db.url, { max: 2, onnotice: () => {} });
  return {
    db,
    sim,
    sql,
    cleanup: async () => {
      await sql.end({ timeout: 5 });
      await sim.close();
      if (process.env.BENCH_KEEP_DB === "1") log(`keeping database ${db.name} (BENCH_KEEP_DB=1)`);
      else await db.drop();
    },
  };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, workers: Worker[]): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) {
      log(`${what}: not done within ${timeoutMs / 1000} s; last worker output:\n${workers.flatMap((w) => w.output.slice(-3)).join("")}`);
      return false;
    }
    await sleep(100);
  }
  return true;
}

/** CPU per item of the worker processes, PostgreSQL and this process (which runs the simulator), and the rest of the machine's load. */
const cpuFigures = (cpu: ReturnType<typeof cpuDelta>, n: number, elapsedS: number, other: number) => ({
  cpu_ms_per_item: { workers: round(cpu.portal_ms / n, 2), postgres: round(cpu.postgres_ms / n, 2), bench_and_simulator: round(cpu.bench_ms / n, 2) },
  other_cores: round(other, 2),
  other_cores_during: round(cpu.other_ms / 1000 / elapsedS, 2),
});

const pidsOf = (workers: Worker[]) => workers.flatMap((w) => (w.child.pid ? descendants(w.child.pid) : []));

/** `lapor_drain`: two worker processes deliver 10,000 LAPOR creates to the simulator. */
export async function laporDrainBench(opts: Opts): Promise<Record<string, unknown>> {
  const n = positive("BENCH_LAPOR_ITEMS", 10_000);
  const latencyMs = positive("BENCH_LAPOR_LATENCY_MS", 50);
  const workerCount = positive("BENCH_LAPOR_WORKERS", 2);
  const env = await setup(opts, latencyMs);
  const workers: Worker[] = [];
  try {
    const { sql, sim } = env;
    // Complaints received locally (as intake writes them), with a mapped category and kelurahan.
    const [ref] = await sql<{ cat: number; kec: number; kel: number }[]>`
      select (select id from categories order by id limit 1) as cat, k.kecamatan_id as kec, k.id as kel from kelurahan k order by k.id limit 1`;
    const codes = Array.from({ length: n }, (_, i) => code(i + 1));
    await sql`
      insert into complaints (tracking_code, channel, title, body, category_id, kecamatan_id, kelurahan_id, reporter_name, reporter_phone, access_key_hash)
      select c, 'web', 'Jalan berlubang di depan pasar ' || i, 'Jalan di depan pasar berlubang cukup dalam dan membahayakan pengendara motor (' || i || ').',
        ${ref!.cat}, ${ref!.kec}, ${ref!.kel}, 'Warga ' || i, '+6281234567890', md5(c)
      from unnest(${codes}::text[]) with ordinality as t(c, i)`;
    // The poll would read the simulator's growing listing meanwhile: measured on its own (lapor_import).
    const workerEnv = { LAPOR_POLL_SECONDS: "3600", LAPOR_TIMEOUT_MS: "15000" };
    for (let i = 0; i < workerCount; i++) workers.push(startWorker(opts.root, env.db.url, sim, workerEnv));
    await Promise.all(workers.map((w) => w.ready));
    const other = await waitQuiet(pidsOf(workers), env.db.name, opts.waitQuietS);
    const cpu0 = cpuSnapshot(pidsOf(workers), env.db.name);
    const t0 = Date.now();
    await sql`
      insert into outbox (topic, complaint_id, payload, dedupe_key)
      select 'lapor.create_complaint', id, jsonb_build_object('complaintId', id), 'lapor.create_complaint:' || id from complaints`;
    const done = async () => (await sql<{ n: number }[]>`select count(*)::int as n from outbox where status <> 'pending'`)[0]!.n >= n;
    const finished = await waitFor("lapor_drain", done, 30 * 60_000, workers);
    const elapsedS = (Date.now() - t0) / 1000;
    const cpu = cpuDelta(cpu0, cpuSnapshot(pidsOf(workers), env.db.name));
    const [counts] = await sql<{ done: number; dead: number; linked: number }[]>`
      select count(*) filter (where status = 'done')::int as done, count(*) filter (where status = 'dead')::int as dead,
        (select count(*)::int from complaints where lapor_id is not null) as linked from outbox`;
    const creates = sim.store.received.filter((r) => r.call === "create");
    const refs = new Set(creates.map((r) => /\[Pintu (BTM-[0-9A-Z]{8})\]\s*$/.exec(r.fields.content ?? "")?.[1]));
    const exactlyOnce = creates.length === n && refs.size === n && codes.every((c) => refs.has(c));
    const result = {
      bench: "lapor_drain",
      items: n,
      workers: workerCount,
      worker_concurrency: Number(process.env.WORKER_CONCURRENCY || 0) || "default",
      latency_ms: latencyMs,
      finished,
      elapsed_s: round(elapsedS, 2),
      items_per_s: round(n / elapsedS, 1),
      done: counts!.done,
      dead: counts!.dead,
      complaints_linked: counts!.linked,
      simulator_received: creates.length,
      simulator_distinct: refs.size,
      exactly_once: exactlyOnce,
      ...cpuFigures(cpu, n, elapsedS, other),
      target: ">= 200 items/s, each received exactly once",
    };
    emit(result);
    return result;
  } finally {
    await stopWorkers(workers);
    await env.cleanup();
  }
}

/** `lapor_import`: the polling job imports 10,000 complaints LAPOR disposed to the city. */
export async function laporImportBench(opts: Opts): Promise<Record<string, unknown>> {
  const n = positive("BENCH_LAPOR_ITEMS", 10_000);
  const latencyMs = positive("BENCH_LAPOR_LATENCY_MS", 50);
  const env = await setup(opts, latencyMs);
  const workers: Worker[] = [];
  try {
    const { sql, sim } = env;
    const ids = Array.from({ length: n }, (_, i) => sim.store.createDisposed({ n: i }).id);
    const other = await waitQuiet([], env.db.name, opts.waitQuietS);
    workers.push(startWorker(opts.root, env.db.url, sim, { LAPOR_POLL_SECONDS: "5" }));
    // The worker's first tick starts the poll: the clock starts when it says it has started.
    await workers[0]!.ready;
    const t0 = Date.now();
    const cpu0 = cpuSnapshot(pidsOf(workers), env.db.name);
    const imported = async () => (await sql<{ n: number }[]>`select count(*)::int as n from complaints where channel = 'lapor'`)[0]!.n;
    const finished = await waitFor("lapor_import", async () => (await imported()) >= n, 30 * 60_000, workers);
    const elapsedS = (Date.now() - t0) / 1000;
    const cpu = cpuDelta(cpu0, cpuSnapshot(pidsOf(workers), env.db.name));
    const rows = await sql<{ lapor_id: string }[]>`select lapor_id from complaints where channel = 'lapor'`;
    const got = new Set(rows.map((r) => r.lapor_id));
    const [poll] = await sql<{ state: Record<string, unknown> | null }[]>`select state from job_leases where name = 'lapor.poll'`;
    const result = {
      bench: "lapor_import",
      complaints: n,
      latency_ms: latencyMs,
      finished,
      elapsed_s: round(elapsedS, 2),
      complaints_per_s: round(n / elapsedS, 1),
      imported: rows.length,
      distinct: got.size,
      exactly_once: rows.length === n && got.size === n && ids.every((id) => got.has(String(id))),
      last_poll: poll?.state?.last ?? null,
      ...cpuFigures(cpu, n, elapsedS, other),
      target: "<= 60 s, each imported once",
    };
    emit(result);
    return result;
  } finally {
    await stopWorkers(workers);
    await env.cleanup();
  }
}
