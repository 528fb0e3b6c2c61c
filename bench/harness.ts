/**
 * Benchmark plumbing: a throw-away PostgreSQL database, the production portal as a child
 * process, CPU accounting per process group, and an autocannon wrapper that records every
 * response time so any percentile can be reported.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import autocannon, { type AutocannonRequest } from "autocannon";
import postgres from "postgres";

/** Logs go to stderr; stdout carries only the JSON result lines. */
export function log(msg: string): void {
  process.stderr.write(`bench: ${msg}\n`);
}

let resultFile: string | undefined;

/** Also append every result line to `file` (bench/results/ is git-ignored). */
export function recordResultsTo(file: string): void {
  resultFile = file;
}

export function emit(result: Record<string, unknown>): void {
  const line = `${JSON.stringify({ ...result, at: new Date().toISOString() })}\n`;
  process.stdout.write(line);
  if (resultFile) {
    try {
      appendFileSync(resultFile, line);
    } catch {
      /* the copy is a convenience */
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---- Database ----

export type BenchDb = { name: string; url: string; drop: () => Promise<void> };

/** Creates `pintu_bench_<random>` on the server of `adminUrl`; `drop()` removes it (idempotent). */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDb> {
  const name = `pintu_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: u.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const a = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
      try {
        await a.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        log(`dropped database ${name}`);
      } finally {
        await a.end({ timeout: 5 });
      }
    },
  };
}

// ---- Server ----

/** `preferred` if it is free on 127.0.0.1, else any free port. */
export async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const s = createServer();
      s.once("error", () => resolve(null));
      s.listen(port, "0.0.0.0", () => {
        const addr = s.address();
        const got = typeof addr === "object" && addr ? addr.port : null;
        s.close(() => resolve(got));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0)) ?? preferred;
}

export type PortalServer = {
  port: number;
  base: string;
  child: ChildProcess;
  /** Node processes of the portal (tsx launcher and the server it runs). */
  pids: () => number[];
  /** False once the portal process has exited (for any reason). */
  alive: () => boolean;
  stop: () => Promise<void>;
};

/** The node flags of `npm start` (`"start": "tsx <flags> scripts/start.ts"` in package.json). */
function startFlags(root: string): string[] {
  const start = (JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((a) => a.startsWith("--"));
}

/**
 * Starts `tsx scripts/start.ts` (builds if needed, migrates, seeds) and waits for
 * GET /api/health to answer 200, or fails when the process exits or `timeoutMs` passes.
 */
export async function startPortal(opts: {
  root: string;
  databaseUrl: string;
  port: number;
  timeoutMs: number;
  extraEnv?: Record<string, string>;
  /** Extra node flags (e.g. --cpu-prof); the portal then runs as `node <flags> --import tsx scripts/start.ts`. */
  nodeArgs?: string[];
}): Promise<PortalServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: opts.databaseUrl,
    PORT: String(opts.port),
    PUBLIC_RATE_LIMIT: "0",
    PINTU_DEMO: "0",
    // With PostgreSQL the worker runs as its own process (`npm run worker`): measure the web process.
    PINTU_WORKER: "0",
    // Required with PostgreSQL (every host signs sessions with the same secret).
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-only-secret-0123456789abcdef0123456789",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    ...opts.extraEnv,
  };
  // `npm start`'s own node flags (package.json), then any extra ones. Flags such as --cpu-prof are
  // refused in NODE_OPTIONS: node runs with tsx's loader directly (what the tsx command does).
  const [cmd, args] = [process.execPath, [...startFlags(opts.root), ...(opts.nodeArgs ?? []), "--import", "tsx", "scripts/start.ts"]];
  // Own process group, so a stuck server (and anything it spawned) can be ended as one.
  const child = spawn(cmd, args, {
    cwd: opts.root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      process.stderr.write(`portal: ${line}\n`);
    }
  };
  child.stdout!.on("data", relay);
  child.stderr!.on("data", relay);
  let exited: number | string | null = null;
  let stopping = false;
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = code ?? signal ?? "unknown";
      if (!stopping) log(`portal exited unexpectedly (${exited}); was it sent a signal by another process?`);
      resolve();
    }),
  );

  const base = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + opts.timeoutMs;
  const stop = async () => {
    if (exited !== null) return;
    stopping = true;
    log("stopping portal (SIGTERM)");
    child.kill("SIGTERM");
    const done = await Promise.race([exitPromise.then(() => true), sleep(20_000).then(() => false)]);
    if (!done && child.pid) {
      log("portal did not stop within 20 s; SIGKILL to its process group");
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
      await Promise.race([exitPromise, sleep(5_000)]);
    }
  };
  const server: PortalServer = { port: opts.port, base, child, pids: () => (child.pid ? descendants(child.pid) : []), alive: () => exited === null, stop };

  for (;;) {
    if (exited !== null) throw new Error(`portal exited (${exited}) before it was ready:\n${tail.join("\n")}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`portal not ready within ${Math.round(opts.timeoutMs / 1000)} s`);
    }
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) {
        log(`portal ready on ${base}: ${await res.text()}`);
        return server;
      }
      await res.body?.cancel();
    } catch {
      /* not listening yet */
    }
    await sleep(500);
  }
}

// ---- CPU accounting (Linux /proc) ----

const TICK_MS = 10; // USER_HZ is 100 on Linux.

function procStat(pid: number): { ppid: number; comm: string; ticks: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = s.lastIndexOf(")");
    const comm = s.slice(s.indexOf("(") + 1, close);
    const f = s.slice(close + 2).split(" ");
    // After "pid (comm) ": state ppid … utime(14th field → index 11) stime(index 12).
    return { ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

function allPids(): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** `root` and every process below it. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const st = procStat(pid);
    if (!st) continue;
    children.set(st.ppid, [...(children.get(st.ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}

/** Busy CPU milliseconds of the whole machine (all cores), from /proc/stat. */
function hostBusyMs(): number {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * TICK_MS;
  } catch {
    return NaN;
  }
}

/** CPU milliseconds used so far by the portal, by every `postgres` process, by this process and by the machine. */
export function cpuSnapshot(portalPids: number[], dbName?: string): { portal: number; postgres: number; bench: number; host: number } {
  let portal = 0;
  let pg = 0;
  for (const pid of portalPids) portal += (procStat(pid)?.ticks ?? 0) * TICK_MS;
  const titles = new Map<number, string>();
  const pgProcs: { pid: number; ticks: number }[] = [];
  for (const pid of allPids()) {
    const st = procStat(pid);
    if (!st || st.comm !== "postgres") continue;
    try {
      titles.set(pid, readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim());
      pgProcs.push({ pid, ticks: st.ticks });
    } catch {
      /* gone */
    }
  }
  // Count the bench database's backends (and their parallel workers and autovacuum) and the
  // server's own processes (WAL writer, checkpointer…), not other databases' work (tests and
  // other people's queries running alongside, with their parallel workers).
  const ofBench = (title: string) => !!dbName && (title.includes(` ${dbName} `) || title.endsWith(` ${dbName}`));
  for (const { pid, ticks } of pgProcs) {
    const title = titles.get(pid) ?? "";
    const leader = /parallel worker for PID (\d+)/.exec(title)?.[1];
    const clientBackend = /\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]/.test(title);
    const counted = leader
      ? ofBench(titles.get(Number(leader)) ?? "")
      : /autovacuum worker/.test(title)
        ? ofBench(title)
        : !clientBackend || !dbName || ofBench(title);
    if (counted) pg += ticks * TICK_MS;
  }
  const u = process.cpuUsage();
  return { portal, postgres: pg, bench: (u.user + u.system) / 1000, host: hostBusyMs() };
}

/**
 * CPU used between two snapshots. `other_ms` is what everything else on the machine used (other
 * postgres databases' backends count as postgres): on a shared 2-core machine it explains noisy runs.
 */
/**
 * Waits (at most `maxS` seconds) until the rest of the machine is nearly idle, so that a
 * measurement does not start while a build or a test suite runs alongside. Returns the busy
 * cores seen last (other than the portal, the bench database and this process).
 */
export async function waitQuiet(portalPids: number[], dbName: string, maxS: number, threshold = 0.3): Promise<number> {
  const deadline = Date.now() + maxS * 1000;
  let other: number;
  let waited = false;
  for (;;) {
    const a = cpuSnapshot(portalPids, dbName);
    await sleep(1000);
    const d = cpuDelta(a, cpuSnapshot(portalPids, dbName));
    other = d.other_ms / 1000;
    if (other <= threshold || Date.now() > deadline) break;
    if (!waited) log(`machine busy (${other.toFixed(2)} cores used by other processes); waiting up to ${maxS} s for a quieter moment`);
    waited = true;
  }
  if (waited) log(`${other <= threshold ? "quiet enough" : "still busy, measuring anyway"} (${other.toFixed(2)} other cores)`);
  return other;
}

export function cpuDelta(a: ReturnType<typeof cpuSnapshot>, b: ReturnType<typeof cpuSnapshot>) {
  const portal_ms = b.portal - a.portal;
  const postgres_ms = b.postgres - a.postgres;
  const bench_ms = Math.round(b.bench - a.bench);
  const host_ms = b.host - a.host;
  return { portal_ms, postgres_ms, bench_ms, host_ms, other_ms: Math.max(0, host_ms - portal_ms - postgres_ms - bench_ms) };
}

// ---- Latency statistics ----

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const round = (x: number, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

// ---- HTTP load ----

export type LoadResult = {
  elapsedS: number;
  total: number;
  ok2xx: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  latencies: number[]; // sorted, ms
  bytes: number;
};

/** Runs autocannon against `base` and returns every response's latency (sorted). */
export async function load(opts: {
  base: string;
  connections: number;
  durationS: number;
  request: AutocannonRequest;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const t0 = process.hrtime.bigint();
  const instance = autocannon({
    url: opts.base,
    connections: opts.connections,
    duration: opts.durationS,
    timeout: 10,
    requests: [opts.request],
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const r = await instance;
  const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
  latencies.sort((a, b) => a - b);
  const statusCodes: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = v.count;
  return {
    elapsedS,
    total: latencies.length,
    ok2xx: r["2xx"],
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes,
    latencies,
    bytes: r.throughput.total,
  };
}
