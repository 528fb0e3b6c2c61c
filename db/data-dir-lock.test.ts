/**
 * One owner per embedded database folder, with real processes: while one process holds DATA_DIR,
 * every command that opens it (npm start, db:migrate, user:create, another holder; db:seed,
 * db:backup and db:restore open it the same way) is
 * refused with one line naming the folder and the holder's pid, exit 1, and nothing the holder
 * wrote is lost; a holder killed with SIGKILL leaves no stale lock and its commits are on disk.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "./client";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "pintu-lock-"));
const N = 20;

function run(args: string[], extraEnv: Record<string, string> = {}) {
  return spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "", PINTU_DEMO: "0", PINTU_SKIP_BUILD: "1", ...extraEnv },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Runs a command to its end: exit code and what it printed. */
function finish(child: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d));
  child.stderr!.on("data", (d: Buffer) => (err += d));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, out, err })));
}

function printed(child: ChildProcess, word: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stdout!.on("data", (d: Buffer) => {
      seen += d;
      if (seen.includes(word)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`exited ${code} before printing ${word}`)));
  });
}

const rows = async () => {
  const h = openDb({ dataDir: dir });
  try {
    const r = (await h.db.execute(sql`select count(*)::int as n, count(distinct pid)::int as pids from held`)) as unknown as { rows: { n: number; pids: number }[] };
    return r.rows[0];
  } finally {
    await h.close();
  }
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("one owner per embedded database folder", () => {
  it("refuses every other command while a process holds DATA_DIR, and loses nothing", async () => {
    const holder = run(["test/hold-data-dir.ts", dir, String(N)]);
    const holderDone = finish(holder);
    await printed(holder, "held");

    const commands = [
      ["scripts/start.ts"],
      ["scripts/db-migrate.ts"],
      ["scripts/user-create.ts", "--email", "x@pintu.test", "--role", "admin"],
      ["test/hold-data-dir.ts", dir, "1"],
    ];
    const results = await Promise.all(commands.map((c) => finish(run(c))));
    for (const [i, r] of results.entries()) {
      expect(r.code, `${commands[i]!.join(" ")}: ${r.err}`).toBe(1);
      const lines = r.err.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(path.resolve(dir));
      expect(lines[0]).toContain(`pid ${holder.pid}`);
    }

    holder.stdin!.write("go on\n");
    expect((await holderDone).code).toBe(0);
    expect(await rows()).toEqual({ n: 2 * N, pids: 1 });
  }, 300_000);

  it("is released by the operating system when the holder is killed, with its commits on disk", async () => {
    const holder = run(["test/hold-data-dir.ts", dir, String(N)]);
    const done = finish(holder);
    await printed(holder, "held");
    holder.kill("SIGKILL");
    expect((await done).code).toBe(null);
    // No stale lock: the next owner opens at once, and the killed holder's acknowledged rows are there.
    expect(await rows()).toEqual({ n: 3 * N, pids: 2 });
  }, 120_000);
});
