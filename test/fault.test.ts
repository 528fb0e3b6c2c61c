/**
 * The operations fault test (issue 11), on a real PostgreSQL of its own (initdb + pg_ctl in a
 * temporary folder, so it may be restarted at will): two serving processes (test/fault-server.ts:
 * the intake exactly as `npm start` serves it, and the worker delivering to a LAPOR simulator)
 * take complaints from eight clients while
 *   1. one serving process is killed with SIGKILL and started again, and
 *   2. PostgreSQL is stopped for a second and started again.
 * Afterwards: every acknowledged complaint (201) is stored, no request was answered 500 (503 with
 * Retry-After while the database was away), every stored complaint reached LAPOR exactly once,
 * and no serving process died on its own (an unhandled rejection would end it).
 * Prints one JSON line with the figures. Needs the PostgreSQL 15 binaries (`PG_BIN`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { complaints } from "@/db/schema";
import { prepareDb } from "@/db/seed";
import { startLaporSim, type LaporSim } from "@/lapor-sim/server";
import { validComplaint } from "./fixtures";
import { startPrivatePostgres, type PrivatePostgres } from "./private-postgres";

const root = fileURLToPath(new URL("..", import.meta.url));
const hasPostgres = existsSync(path.join(process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin", "pg_ctl"));
const CLIENTS = 8;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe.skipIf(!hasPostgres)("faults under intake: a serving process killed, PostgreSQL restarted", () => {
  let pg: PrivatePostgres;
  let handle: DbHandle;
  let sim: LaporSim;
  const servers = new Map<number, ChildProcess>();
  const unexpectedExits: string[] = [];
  const output: string[] = [];

  async function serve(port: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", "test/fault-server.ts"], {
      cwd: root,
      env: {
        ...process.env,
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
        WORKER_LEASE_MS: "15000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (d: Buffer) => output.push(...d.toString().split("\n").filter(Boolean).slice(-20));
    child.stderr!.on("data", keep);
    servers.set(port, child);
    child.on("exit", (code, signal) => {
      if (servers.get(port) === child && signal !== "SIGKILL" && signal !== "SIGTERM") unexpectedExits.push(`port ${port}: ${signal ?? code}`);
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => (d.toString().includes("ready") ? resolve() : output.push(d.toString())));
      child.once("exit", (code) => reject(new Error(`serving process exited ${code}:\n${output.slice(-10).join("\n")}`)));
    });
    return child;
  }

  beforeAll(async () => {
    pg = startPrivatePostgres(await freePort());
    handle = openDb({ url: pg.url, poolSize: 4 });
    await prepareDb(handle, { region: "BTM", demo: false });
    sim = await startLaporSim({ apiKey: "k", token: "t", institutionId: "2171" });
  }, 180_000);

  afterAll(async () => {
    for (const child of servers.values()) child.kill("SIGKILL");
    await handle?.close();
    await sim?.close();
    pg?.dispose();
  });

  it("acknowledged = stored, no 500, no duplicate to LAPOR", { timeout: 240_000 }, async () => {
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
    servers.get(ports[0]!)!.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 1000));
    await serve(ports[0]!);
    await until("intake after the restart", () => acknowledged.size >= killedAt + 50);

    // 2. Restart PostgreSQL in the middle of intake (down for a second).
    const beforeRestart = acknowledged.size;
    await pg.restart(1000);
    await until("intake after PostgreSQL came back", () => acknowledged.size >= beforeRestart + 50);
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
    };
    console.log(JSON.stringify(report));
    expect(stored.length).toBe(acknowledged.size);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(retryAfterMissing).toBe(0);
    expect(duplicates).toBe(0);
    expect(perCode.size).toBe(storedTotal);
    expect(unexpectedExits, output.slice(-20).join("\n")).toEqual([]);
    expect(output.join("\n")).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
  });
});
