import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import postgres from "postgres";

/**
 * `npm start` (built app, PINTU_SKIP_BUILD) on PostgreSQL, for specs that need the server's
 * PostgreSQL mode (several processes, several hosts behind a proxy).
 */

/** A throw-away database on TEST_DATABASE_URL's server. */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; sql: postgres.Sql; drop: () => Promise<void> }> {
  const name = `pintu_e2e_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  return {
    url: url.toString(),
    sql,
    drop: async () => {
      await sql.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export type Portal = { url: string; child: ChildProcess; output: () => string; stop: () => Promise<void> };

/** Starts the portal on `databaseUrl` and waits for /api/health; one shared AUTH_SECRET unless given. */
export async function startPortal(databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<Portal> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PINTU_DEMO: "0", PINTU_WORKER: "0", PORT: String(port), PINTU_SKIP_BUILD: "1", AUTH_SECRET: "e2e-shared-auth-secret-0123456789abcdef", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const s of [child.stdout!, child.stderr!]) s.on("data", (d: Buffer) => (output += d.toString("utf8")));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    const status = await fetch(`${url}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`portal did not start:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return { url, child, output: () => output, stop };
}

export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * One HTTP(S) request on a connection of its own (so a cluster spreads them over its processes),
 * optionally from a given local address (127.0.0.2 is another client than 127.0.0.1 on Linux).
 * HTTPS accepts the self-signed certificate of the test's nginx.
 */
export function freshConnectionRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {}): Promise<Answer> {
  const send = url.startsWith("https:") ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: opts.method ?? "GET", headers: opts.headers, agent: false, localAddress: opts.localAddress, rejectUnauthorized: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}
