import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { expect, test } from "@playwright/test";
import { validComplaint } from "./support/data";
import { E2E_SERVER } from "./support/servers";

test.skip(E2E_SERVER === "next", "starts its own `npm start` servers: the same under either E2E_SERVER");

/**
 * `npm start` on PostgreSQL with PINTU_PROCESSES=2: one process prepares the database and forks two
 * serving processes on the same port; SIGTERM ends them all. Needs the real server
 * (TEST_DATABASE_URL, set by .ci/run); the embedded database allows one process only.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const PORT = Number(process.env.E2E_PORT ?? 3100) + 7;

test("with PostgreSQL, PINTU_PROCESSES=2 serves from two processes and stops cleanly @api", async ({ request }) => {
  test.skip(!serverUrl, "needs TEST_DATABASE_URL (a PostgreSQL server)");
  test.setTimeout(180_000);
  const name = `pintu_e2e_cluster_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: url.toString(), PINTU_PROCESSES: "2", PINTU_DEMO: "0", PINTU_WORKER: "0", PORT: String(PORT), PINTU_SKIP_BUILD: "1", AUTH_SECRET: randomBytes(24).toString("hex") },
    stdio: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await expect.poll(async () => (await request.get(`${base}/api/health`).catch(() => null))?.status() ?? 0, { timeout: 120_000, intervals: [1000] }).toBe(200);
    expect(execFileSync("pgrep", ["-P", String(child.pid)]).toString().trim().split("\n")).toHaveLength(2);

    const receipts = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await request.post(`${base}/api/v1/complaints`, { data: validComplaint({ title: `Saluran air tersumbat nomor ${i}` }) });
        expect(res.status()).toBe(201);
        return (await res.json()) as { trackingCode: string };
      }),
    );
    expect(new Set(receipts.map((r) => r.trackingCode)).size).toBe(20);
    for (const r of receipts) expect((await request.get(`${base}/api/v1/complaints/${r.trackingCode}`)).status()).toBe(200);

    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});
