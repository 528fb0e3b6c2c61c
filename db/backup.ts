import { spawnSync } from "node:child_process";
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { openDb } from "./client";
import { lockDataDir } from "./data-dir-lock";

/**
 * Backups of either database, as `npm run db:backup -- FILE` / `npm run db:restore -- FILE` run
 * them (docs/OPERATIONS.md):
 * - PostgreSQL: `pg_dump --format=custom` / `pg_restore --clean --if-exists --single-transaction`
 *   (all or nothing). pg_dump takes a consistent snapshot while the portal keeps running.
 * - Embedded (PGlite): PGlite's own dump of its data folder (gzip tar, `dumpDataDir`). The folder
 *   has one owner, so the portal is stopped for it; a restore keeps the replaced folder beside it
 *   (`pglite.before-restore-<time>`).
 */
export type Target = { url?: string; dataDir: string };

/** Thrown for a wrong call or file: one line for the operator. */
export class BackupError extends Error {}

const PG_BIN = process.env.PG_BIN;
const tool = (name: string) => (PG_BIN ? path.join(PG_BIN, name) : name);

function run(name: string, args: string[]) {
  const r = spawnSync(tool(name), args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (r.error) throw new BackupError(`${name} could not be run (${r.error.message}); install the PostgreSQL client tools or set PG_BIN`);
  if (r.status !== 0) throw new BackupError(`${name} failed: ${(r.stderr || r.stdout).trim().split("\n").slice(-3).join(" | ")}`);
}

/** Writes `bytes` to `file` via a temporary file, synced, then renamed: never a half-written backup. */
function writeDurably(file: string, bytes: Uint8Array) {
  const tmp = `${file}.partial`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export async function backupDb(target: Target, file: string): Promise<string> {
  const out = path.resolve(file);
  if (target.url) {
    run("pg_dump", ["--format=custom", "--no-owner", `--file=${out}.partial`, `--dbname=${target.url}`]);
    renameSync(`${out}.partial`, out);
    return `PostgreSQL dump (custom format) written to ${out}`;
  }
  const handle = openDb({ dataDir: target.dataDir });
  try {
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    // PGlite 0.5's dumpDataDir never settles when called before the database is ready.
    await client.waitReady;
    const dump = await client.dumpDataDir("gzip");
    writeDurably(out, new Uint8Array(await dump.arrayBuffer()));
  } finally {
    await handle.close();
  }
  return `embedded database in ${path.resolve(target.dataDir)} written to ${out}`;
}

/** Which database a backup file is from, by its first bytes. */
function kindOf(file: string): "postgres" | "pglite" {
  const head = readFileSync(file).subarray(0, 5);
  if (head.toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  throw new BackupError(`${file} is not a Pintu backup (neither a pg_dump custom-format file nor an embedded-database dump)`);
}

export async function restoreDb(target: Target, file: string): Promise<string> {
  const src = path.resolve(file);
  if (!existsSync(src)) throw new BackupError(`${src} does not exist`);
  const kind = kindOf(src);
  if (target.url) {
    if (kind !== "postgres") throw new BackupError(`${src} is an embedded-database dump; unset DATABASE_URL to restore it into DATA_DIR`);
    run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", `--dbname=${target.url}`, src]);
    return `PostgreSQL database restored from ${src}`;
  }
  if (kind !== "pglite") throw new BackupError(`${src} is a PostgreSQL dump; set DATABASE_URL to restore it into PostgreSQL`);
  const dir = path.resolve(target.dataDir, "pglite");
  // Taken first, so a running portal makes the restore refuse before anything is moved.
  const lock = lockDataDir(target.dataDir);
  let kept: string | null = null;
  try {
    if (existsSync(dir)) {
      kept = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      renameSync(dir, kept);
    }
  } finally {
    lock.release();
  }
  const handle = openDb({ dataDir: target.dataDir, loadDataDir: new Blob([readFileSync(src)]) });
  try {
    await (handle.db as unknown as { $client: PGlite }).$client.query("select 1");
  } finally {
    await handle.close();
  }
  return `embedded database in ${path.resolve(target.dataDir)} restored from ${src}${kept ? `; the replaced one is kept in ${kept}` : ""}`;
}
