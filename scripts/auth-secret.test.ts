import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";
import { authSecretFor } from "./auth-secret";

const PG = "postgres://pintu@127.0.0.1:1/pintu";

describe("AUTH_SECRET", () => {
  it("is required with PostgreSQL: several hosts must sign sessions with one secret", () => {
    expect(() => authSecretFor(parseEnv({ DATABASE_URL: PG }))).toThrow(ConfigError);
    expect(() => authSecretFor(parseEnv({ DATABASE_URL: PG }))).toThrow(/^Invalid configuration: AUTH_SECRET is required with DATABASE_URL/);
    const secret = "x".repeat(40);
    expect(authSecretFor(parseEnv({ DATABASE_URL: PG, AUTH_SECRET: secret }))).toBe(secret);
  });

  it("is generated once into DATA_DIR for the embedded database", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pintu-secret-"));
    try {
      const first = authSecretFor(parseEnv({ DATA_DIR: dir }));
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(authSecretFor(parseEnv({ DATA_DIR: dir }))).toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("missing makes `npm start` on PostgreSQL refuse with one (JSON) line and exit 1, before touching the database", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: PG, PINTU_SKIP_BUILD: "1" };
    delete env.AUTH_SECRET;
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    const lines = `${run.stdout}${run.stderr}`.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", msg: expect.stringMatching(/^Invalid configuration: AUTH_SECRET is required with DATABASE_URL/) });
  });
});
