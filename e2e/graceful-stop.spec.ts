import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import { request as httpRequest } from "node:http";
import postgres from "postgres";
import { expect, test } from "@playwright/test";
import { TRACKING_CODE, validComplaint } from "./support/data";
import { E2E_SERVER, MAIN_PORT } from "./support/servers";

test.skip(E2E_SERVER === "next", "starts its own `npm start` servers: the same under either E2E_SERVER");

/**
 * Issue 11 item 3: SIGTERM lets requests in flight finish. Each test starts its own real server
 * process (`npm start`'s scripts/start.ts), sends a complaint whose body is still arriving when the
 * signal lands, and checks it gets its 201 while new connections are refused, readiness says 503
 * on a connection that was already open, and the process exits 0.
 */
const PORTS = { embedded: MAIN_PORT + 8, cluster: MAIN_PORT + 9 };
const serverUrl = process.env.TEST_DATABASE_URL;

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
}

async function waitReady(child: ChildProcess, port: number): Promise<void> {
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
        return (await fetch(`http://127.0.0.1:${port}/api/health/ready`).catch(() => null))?.status ?? 0;
      },
      { timeout: 300_000, intervals: [500] },
    )
    .toBe(200);
}

/** Starts a POST of a JSON complaint and sends only the first part of its body. */
function startSlowComplaint(port: number) {
  const body = Buffer.from(JSON.stringify(validComplaint({ title: "Lampu jalan padam saat server berhenti" })));
  const half = Math.floor(body.length / 2);
  let status = 0;
  let text = "";
  const req = httpRequest({ host: "127.0.0.1", port, path: "/api/v1/complaints", method: "POST", headers: { "content-type": "application/json", "content-length": body.length } });
  const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.on("response", (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status, text }));
    });
    req.on("error", reject);
  });
  req.write(body.subarray(0, half));
  return { answered, finish: () => req.end(body.subarray(half)) };
}

/** A connection that has begun a readiness request (headers not finished) before the signal. */
async function openProbe(port: number): Promise<{ socket: Socket; finish: () => Promise<string> }> {
  const socket = connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  socket.on("error", () => {});
  socket.write("GET /api/health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  let answer = "";
  socket.setEncoding("utf8");
  socket.on("data", (c: string) => (answer += c));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return {
    socket,
    finish: async () => {
      socket.write("\r\n");
      await closed;
      return answer;
    },
  };
}

/**
 * A new connection gets no answer: refused, or (when the kernel took it into the listen queue
 * before the listener closed) reset without a byte of HTTP.
 */
async function refusesNewConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    let answer = "";
    s.setTimeout(10_000, () => (s.destroy(), resolve(false)));
    s.once("connect", () => s.write("GET /api/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
    s.on("data", (c: Buffer) => (answer += c.toString("latin1")));
    s.once("error", () => resolve(answer === ""));
    s.once("close", () => resolve(answer === ""));
  });
}

async function stopDuringUpload(child: ChildProcess, port: number) {
  const probe = await openProbe(port);
  const upload = startSlowComplaint(port);
  await new Promise((r) => setTimeout(r, 300));
  child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 700));
  const readiness = await probe.finish();
  expect(readiness).toMatch(/^HTTP\/1\.1 503/);
  expect(readiness).toMatch(/"reason":"shutting_down"/);
  expect(readiness.toLowerCase()).toContain("connection: close");
  expect(await refusesNewConnections(port)).toBe(true);
  upload.finish();
  const { status, text } = await upload.answered;
  expect(status, text).toBe(201);
  expect(JSON.parse(text).trackingCode).toMatch(TRACKING_CODE);
  expect(await exitOf(child)).toBe(0);
}

test.describe("graceful stop", { tag: "@api" }, () => {
  // A start on a loaded machine can take minutes (PGlite, migrations, seed, Next).
  test.setTimeout(420_000);

  // One process on the embedded database: PGlite holds the thread for long turns, so the upload's
  // connection often still waits in the listener's accept queue when the signal is taken
  // (scripts/http-drain.ts accepts those before closing the listener).
  test("embedded database: a complaint still arriving at SIGTERM gets its 201; the process exits 0", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "e2e/support/serve.ts", String(PORTS.embedded), "1000"], {
      env: { ...process.env, PINTU_SKIP_BUILD: "1", SHUTDOWN_GRACE_SECONDS: "10" },
      stdio: "ignore",
    });
    try {
      await waitReady(child, PORTS.embedded);
      await stopDuringUpload(child, PORTS.embedded);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  test("PostgreSQL, two serving processes: the supervisor passes SIGTERM on and waits; no lease is left held", async () => {
    test.skip(!serverUrl, "needs TEST_DATABASE_URL (a PostgreSQL server)");
    const name = `pintu_e2e_stop_${randomBytes(4).toString("hex")}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        PINTU_PROCESSES: "2",
        PINTU_DEMO: "0",
        PORT: String(PORTS.cluster),
        PINTU_SKIP_BUILD: "1",
        SHUTDOWN_GRACE_SECONDS: "10",
        AUTH_SECRET: randomBytes(24).toString("hex"),
      },
      stdio: "ignore",
    });
    try {
      await waitReady(child, PORTS.cluster);
      await stopDuringUpload(child, PORTS.cluster);
      const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
      try {
        const [held] = await db`select (select count(*) from job_leases where locked_until > now())::int as jobs,
          (select count(*) from outbox where leased_until > now())::int as items`;
        expect(held).toEqual({ jobs: 0, items: 0 });
      } finally {
        await db.end();
      }
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
