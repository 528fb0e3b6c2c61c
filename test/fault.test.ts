/**
 * The operations fault test (issue 11), on a real PostgreSQL of its own (initdb + pg_ctl in a
 * temporary folder, so it may be restarted at will): two serving processes (test/fault-server.ts:
 * the intake exactly as `npm start` serves it, and the worker delivering to a LAPOR simulator)
 * take complaints from eight clients while
 *   1. one serving process is killed with SIGKILL and started again, and
 *   2. PostgreSQL is stopped for a second and started again, and
 *   3. the other serving process gets SIGTERM while uploads to it are still sending their bodies.
 * Afterwards: every acknowledged complaint (201) is stored, no request was answered 500 (503 with
 * Retry-After while the database was away), every stored complaint reached LAPOR exactly once,
 * and no serving process died on its own (an unhandled rejection would end it). The uploads in
 * flight at SIGTERM get their 201, a new connection after it is refused (or answered 503), the
 * process exits 0 within its drain window, and once both processes are stopped no lease is held.
 * Prints one JSON line with the figures. Needs the PostgreSQL 15 binaries (`PG_BIN`) and the
 * production build (the fast paths call its route handlers): made first when missing or stale
 * (test/production-build.ts; `PINTU_DIST_DIR` is honoured).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect, createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { complaints } from "@/db/schema";
import { prepareDb } from "@/db/seed";
import { startLaporSim, type LaporSim } from "@/lapor-sim/server";
import { validComplaint } from "./fixtures";
import { productionBuild } from "./production-build";
import { startPrivatePostgres, type PrivatePostgres } from "./private-postgres";

const root = fileURLToPath(new URL("..", import.meta.url));
const hasPostgres = existsSync(path.join(process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin", "pg_ctl"));
const CLIENTS = 8;
/** SHUTDOWN_GRACE_SECONDS of the serving processes. */
const GRACE_S = 10;
/** WORKER_LEASE_MS of the serving processes. */
const LEASE_MS = 15_000;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** Starts a POST of a complaint and sends only the first half of its body; `finish` sends the rest. */
function slowComplaint(port: number) {
  const body = Buffer.from(JSON.stringify(validComplaint()));
  const req = httpRequest({ host: "127.0.0.1", port, path: "/api/v1/complaints", method: "POST", headers: { "content-type": "application/json", "content-length": body.length } });
  const answered = new Promise<{ status: number | "no answer"; code?: string }>((resolve) => {
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, code: res.statusCode === 201 ? (JSON.parse(text) as { trackingCode: string }).trackingCode : undefined }));
    });
    req.on("error", () => resolve({ status: "no answer" }));
  });
  req.write(body.subarray(0, body.length >> 1));
  return { answered, finish: () => void req.end(body.subarray(body.length >> 1)) };
}

/** What a new connection gets: "refused" (no connection, or closed without an HTTP answer) or the status. */
function newConnection(port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    let answer = "";
    s.setTimeout(10_000, () => s.destroy());
    s.once("connect", () => s.write("GET /api/v1/complaints/BTM-0000000 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
    s.on("data", (c: Buffer) => (answer += c.toString("latin1")));
    s.on("error", () => {});
    s.once("close", () => resolve(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? "refused"));
  });
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

describe.skipIf(!hasPostgres)("faults under intake: a serving process killed, PostgreSQL restarted, a serving process stopped during uploads", () => {
  let pg: PrivatePostgres;
  let handle: DbHandle;
  let sim: LaporSim;
  const servers = new Map<number, ChildProcess>();
  /** Serving processes stopped on purpose (SIGTERM: they exit 0 by themselves). */
  const stopped = new Set<ChildProcess>();
  const unexpectedExits: string[] = [];
  const output: string[] = [];
  /** Each serving process's worker id (job_leases.locked_by). */
  const workerIds = new Map<ChildProcess, string>();

  async function serve(port: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", "test/fault-server.ts"], {
      cwd: root,
      env: {
        ...process.env,
        // Next's production server, not vitest's NODE_ENV=test.
        NODE_ENV: "production",
        DATABASE_URL: pg.url,
        PORT: String(port),
        PINTU_DEMO: "0",
        PUBLIC_RATE_LIMIT: "0",
        LAPOR_BASE_URL: sim.url,
        LAPOR_API_KEY: "k",
        LAPOR_INSTITUTION_TOKEN: "t",
        LAPOR_INSTITUTION_ID: "2171",
        LAPOR_POLL_SECONDS: "3600",
        WORKER_BACKOFF_MS: "200",
        WORKER_LEASE_MS: String(LEASE_MS),
        SHUTDOWN_GRACE_SECONDS: String(GRACE_S),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (d: Buffer) => output.push(...d.toString().split("\n").filter(Boolean).slice(-20));
    child.stderr!.on("data", keep);
    servers.set(port, child);
    child.on("exit", (code, signal) => {
      if (servers.get(port) === child && signal !== "SIGKILL" && !stopped.has(child)) unexpectedExits.push(`port ${port}: ${signal ?? code}`);
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => {
        const ready = /ready \(worker (\S+)\)/.exec(d.toString());
        if (!ready) return void output.push(d.toString());
        workerIds.set(child, ready[1]!);
        resolve();
      });
      child.once("exit", (code) => reject(new Error(`serving process exited ${code}:\n${output.slice(-10).join("\n")}`)));
    });
    return child;
  }

  beforeAll(async () => {
    await productionBuild(root);
    pg = startPrivatePostgres(await freePort());
    handle = openDb({ url: pg.url, poolSize: 4 });
    await prepareDb(handle, { region: "BTM", demo: false });
    sim = await startLaporSim({ apiKey: "k", token: "t", institutionId: "2171" });
  }, 20 * 60_000);

  afterAll(async () => {
    for (const child of servers.values()) child.kill("SIGKILL");
    await handle?.close();
    await sim?.close();
    pg?.dispose();
  });

  it("acknowledged = stored, no 500, no duplicate to LAPOR, uploads in flight at SIGTERM answered, no lease left", { timeout: 240_000 }, async () => {
    const ports = [await freePort(), await freePort()];
    await Promise.all(ports.map(serve));

    const statuses = new Map<number | string, number>();
    const acknowledged = new Set<string>();
    let retryAfterMissing = 0;
    let running = true;
    let turn = 0;
    const client = async () => {
      while (running) {
        const port = ports[turn++ % ports.length]!;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/complaints`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(validComplaint()),
            signal: AbortSignal.timeout(15_000),
          });
          const body = (await res.json()) as { trackingCode?: string; error?: string };
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201) acknowledged.add(body.trackingCode!);
          if (res.status === 503 && (!res.headers.get("retry-after") || body.error !== "unavailable")) retryAfterMissing++;
        } catch {
          // The process was killed: no answer, nothing acknowledged. Try the other one.
          statuses.set("no answer", (statuses.get("no answer") ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const until = async (what: string, check: () => boolean, ms = 60_000) => {
      const end = Date.now() + ms;
      while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const load = Array.from({ length: CLIENTS }, client);
    const t0 = Date.now();

    await until("the first complaints", () => acknowledged.size >= 50);
    // 1. SIGKILL a serving process in the middle of intake, then start it again.
    const killedAt = acknowledged.size;
    const killed = servers.get(ports[0]!)!;
    const killedTime = Date.now();
    killed.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 1000));
    await serve(ports[0]!);
    await until("intake after the restart", () => acknowledged.size >= killedAt + 50);

    // 2. Restart PostgreSQL in the middle of intake (down for a second).
    const beforeRestart = acknowledged.size;
    await pg.restart(1000);
    await until("intake after PostgreSQL came back", () => acknowledged.size >= beforeRestart + 50);

    // 3. SIGTERM the other serving process while three uploads to it are still sending.
    const beforeStop = acknowledged.size;
    const stopping = servers.get(ports[1]!)!;
    const uploads = Array.from({ length: 3 }, () => slowComplaint(ports[1]!));
    await new Promise((r) => setTimeout(r, 300));
    stopped.add(stopping);
    const signalledAt = Date.now();
    stopping.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    const afterSignal = await newConnection(ports[1]!);
    for (const u of uploads) u.finish();
    const uploaded = await Promise.all(uploads.map((u) => u.answered));
    for (const u of uploaded) {
      statuses.set(u.status, (statuses.get(u.status) ?? 0) + 1);
      if (u.code) acknowledged.add(u.code);
    }
    const stopExit = await exitOf(stopping);
    const stopMs = Date.now() - signalledAt;
    const leasesOf = async (worker: string) =>
      ((await handle.db.execute(sql`select count(*)::int as n from job_leases where locked_by = ${worker} and locked_until > now()`)) as unknown as Array<{ n: number }>)[0]!.n;
    const stoppedLeases = await leasesOf(workerIds.get(stopping)!);
    await until("intake after the SIGTERM", () => acknowledged.size >= beforeStop + 50);
    running = false;
    await Promise.all(load);
    const loadMs = Date.now() - t0;

    // Every acknowledged complaint is stored, and every stored complaint reaches LAPOR once.
    const codes = [...acknowledged];
    const stored = await handle.db.select({ code: complaints.trackingCode }).from(complaints).where(inArray(complaints.trackingCode, codes));
    // Counted again while waiting for LAPOR: a request whose client gave up (no answer within 15 s,
    // e.g. while PostgreSQL was away) may still commit after the clients stopped.
    const countStored = async () =>
      ((await handle.db.execute(sql`select count(*)::int as n from complaints`)) as unknown as Array<{ n: number }>)[0]!.n;
    let storedTotal = await countStored();
    const creates = () => sim.store.received.filter((r) => r.call === "create");
    for (const end = Date.now() + 120_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      storedTotal = await countStored();
      if (creates().length >= storedTotal) break;
    }
    const perCode = new Map<string, number>();
    for (const r of creates()) {
      const code = /\[Pintu (BTM-[0-9A-Z]+)\]/.exec(String(r.fields.content ?? ""))?.[1] ?? "?";
      perCode.set(code, (perCode.get(code) ?? 0) + 1);
    }
    const duplicates = [...perCode.values()].filter((n) => n > 1).length;

    // The last serving process stops gracefully too; then (once the killed one's leases have run
    // out) no outbox item and no periodic job is held by anyone.
    const last = servers.get(ports[0]!)!;
    stopped.add(last);
    last.kill("SIGTERM");
    const lastExit = await exitOf(last);
    await new Promise((r) => setTimeout(r, Math.max(0, killedTime + LEASE_MS + 1000 - Date.now())));
    const [held] = (await handle.db.execute(sql`select
      (select count(*) from outbox where leased_until > now())::int as items,
      (select count(*) from job_leases where locked_until > now() and locked_by is distinct from ${workerIds.get(killed)!})::int as jobs`)) as unknown as Array<{ items: number; jobs: number }>;

    const report = {
      bench: "ops_fault",
      load_ms: loadMs,
      acknowledged: acknowledged.size,
      acknowledged_stored: stored.length,
      stored_total: storedTotal,
      statuses: Object.fromEntries(statuses),
      lapor_creates: creates().length,
      lapor_distinct: perCode.size,
      lapor_duplicates: duplicates,
      unexpected_exits: unexpectedExits,
      sigterm: { uploads: uploaded.map((u) => u.status), new_connection: afterSignal, exit: stopExit, exit_ms: stopMs, leases_left: stoppedLeases },
      // Each stop's own account (scripts/graceful-stop.ts): what it waited for.
      stops: output.join("").match(/requests drained in \d+ ms(?:, worker stopped in \d+ ms)?/g),
      leases_held_after_stop: held,
    };
    console.log(JSON.stringify(report));
    expect(stored.length).toBe(acknowledged.size);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(retryAfterMissing).toBe(0);
    expect(duplicates).toBe(0);
    expect(perCode.size).toBe(storedTotal);
    expect(unexpectedExits, output.slice(-20).join("\n")).toEqual([]);
    // SIGTERM: the uploads in flight were answered 201 (and are stored, above), a new connection
    // was refused or answered 503, the process left within its drain window holding nothing.
    expect(uploaded.map((u) => u.status)).toEqual([201, 201, 201]);
    expect(["refused", "503"]).toContain(afterSignal);
    expect(stopExit).toBe(0);
    // Requests and the worker get GRACE_S, then the database closes: the stop's bound is the grace
    // plus closing time. It took 3.4 s in session 5 and 7.5–10.7 s on 2026-12-02 (after the
    // duplicates.flag job and the fast paths on Next's build; cause not yet found, issue 17 note).
    expect(stopMs).toBeLessThan(GRACE_S * 1000 + 5_000);
    expect(stoppedLeases).toBe(0);
    expect(lastExit).toBe(0);
    expect(held).toEqual({ items: 0, jobs: 0 });
    expect(output.join("\n")).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
  });
});
