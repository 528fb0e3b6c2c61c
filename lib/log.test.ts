import { spawnSync } from "node:child_process";
import type { IncomingMessage } from "node:http";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { installJsonConsole } from "./console-json";
import { log, setLogLevel } from "./log";
import { stampRequest } from "@/server/request-context";
import { currentRequestId, withRequestId } from "./request-id";

/** Every line written to stdout and stderr while `fn` runs, parsed as JSON (a line that is not JSON fails the test). */
async function captured(fn: () => unknown): Promise<{ raw: string; lines: Record<string, unknown>[] }> {
  const chunks: string[] = [];
  const grab = (chunk: unknown) => (chunks.push(String(chunk)), true);
  const out = vi.spyOn(process.stdout, "write").mockImplementation(grab);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(grab);
  try {
    await fn();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const raw = chunks.join("");
  return { raw, lines: raw.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

afterEach(() => setLogLevel(undefined));

describe.each(testDatabases())("error log lines on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  it("name the failing query's code and never its parameters", async () => {
    const secret = "0812-rahasia-pelapor";
    const err = await t.db.execute(sql`select ${secret}::int`).then(() => null, (e: unknown) => e);
    expect(String((err as Error).message)).toContain(secret); // drizzle's own message carries it…
    const { raw, lines } = await captured(() => log.error("lookup failed", { err }));
    expect(raw).not.toContain(secret); // …the log line does not
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "error", msg: "lookup failed", code: "22P02" });
    const logged = lines[0]!.err as { message: string; cause: { code: string } };
    expect(logged.message).toMatch(/^Failed query: select \$1::int\nparams: \[not logged\]/);
    expect(logged.cause.code).toBe("22P02");
  });

  it("keep a constraint's name but not the duplicate value PostgreSQL quotes in its detail", async () => {
    const email = `siapa-${Date.now()}@contoh.id`;
    const row = { email, name: "Petugas", passwordHash: "x", role: "admin" as const };
    await t.db.insert(users).values(row);
    const err = await t.db.insert(users).values(row).then(() => null, (e: unknown) => e);
    const { raw, lines } = await captured(() => log.error("insert failed", { err }));
    expect(raw).not.toContain(email);
    expect(raw).not.toContain("Petugas");
    expect(lines[0]).toMatchObject({ code: "23505" });
    expect(raw).toContain("users_email_unique");
  });

  it("route Next's console.error(err) through the same reduction", async () => {
    const secret = "jalan-rahasia-12";
    const err = await t.db.execute(sql`select ${secret}::int`).then(() => null, (e: unknown) => e);
    const restore = installJsonConsole();
    let result: Awaited<ReturnType<typeof captured>>;
    try {
      result = await captured(() => console.error(" ⨯", err));
    } finally {
      restore();
    }
    expect(result.raw).not.toContain(secret);
    expect(result.lines[0]).toMatchObject({ level: "error", code: "22P02" });
  });
});

describe("log lines", () => {
  it("carry the whole cause chain with codes", async () => {
    const root = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", syscall: "connect" });
    const err = new Error("cannot reach the database", { cause: new Error("pool gave up", { cause: root }) });
    const { lines } = await captured(() => log.warn("db down", { err }));
    expect(lines[0]).toMatchObject({ level: "warn", code: "ECONNREFUSED", err: { message: "cannot reach the database", cause: { message: "pool gave up", cause: { code: "ECONNREFUSED", syscall: "connect" } } } });
  });

  it("honour setLogLevel", async () => {
    setLogLevel("warn");
    const { lines } = await captured(() => {
      log.debug("d");
      log.info("i");
      log.warn("w");
      log.error("e");
    });
    expect(lines.map((l) => l.msg)).toEqual(["w", "e"]);
  });

  it.each([
    ["warn", ["w", "e"]],
    ["debug", ["d", "i", "w", "e"]],
    [undefined, ["i", "w", "e"]],
  ])("honour LOG_LEVEL=%s read from the environment of a fresh process (as npm start and the worker run)", (level, written) => {
    const script = `const { log } = await import(${JSON.stringify(fileURLToPath(new URL("./log.ts", import.meta.url)))}); for (const l of ["debug", "info", "warn", "error"]) log[l](l[0]);`;
    const environment = { ...process.env, LOG_LEVEL: level };
    if (level === undefined) delete environment.LOG_LEVEL;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: environment, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(0);
    const lines = `${run.stdout}${run.stderr}`.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg).sort()).toEqual([...written].sort());
  });

  it("carry the id of the request being handled, across awaits", async () => {
    const { lines } = await captured(() =>
      withRequestId("req-12345678", async () => {
        await new Promise((r) => setTimeout(r, 5));
        log.info("inside");
      }),
    );
    expect(lines[0]).toMatchObject({ msg: "inside", req: "req-12345678" });
    expect(currentRequestId()).toBeUndefined();
  });

  it("make console output JSON too (banners, libraries)", async () => {
    const restore = installJsonConsole();
    let result: Awaited<ReturnType<typeof captured>>;
    try {
      result = await captured(() => console.log("pintu: ready on http://localhost:3000 (%s)", { a: 1 }));
    } finally {
      restore();
    }
    expect(result.lines[0]).toMatchObject({ level: "info" });
    expect(String(result.lines[0]!.msg)).toContain("pintu: ready on http://localhost:3000");
  });
});

describe("stampRequest", () => {
  const request = (remoteAddress: string, headers: Record<string, string>) => ({ headers: { ...headers }, socket: { remoteAddress } }) as unknown as IncomingMessage;
  it("generates a request id, reusing a sane one only from a trusted proxy", () => {
    const proxied = request("127.0.0.1", { "x-request-id": "0f3a9c2d4b5e6f708192a3b4c5d6e7f8" });
    expect(stampRequest(proxied, { hops: 1 })).toBe("0f3a9c2d4b5e6f708192a3b4c5d6e7f8");
    const direct = request("203.0.113.7", { "x-request-id": "0f3a9c2d4b5e6f708192a3b4c5d6e7f8" });
    expect(stampRequest(direct, { hops: 0 })).toMatch(/^[0-9a-f-]{36}$/);
    const insane = request("127.0.0.1", { "x-request-id": "<script>alert(1)</script>" });
    expect(stampRequest(insane, { hops: 1 })).toMatch(/^[0-9a-f-]{36}$/);
  });
});
