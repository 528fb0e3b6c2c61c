/**
 * Backup and restore round trips with the real commands (`npm run db:backup` / `db:restore`, run
 * as processes): complaints with attachments go in, a backup is taken, more is written (and on
 * PGlite the folder is even emptied), the backup is restored, and every table's row count, a sample
 * of complaints and the attachments' bytes are exactly as at the backup. PGlite always; PostgreSQL
 * (pg_dump/pg_restore, custom format) with TEST_DATABASE_URL.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { asc, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb, type Db, type DbHandle } from "./client";
import { attachments, complaints } from "./schema";
import { prepareDb } from "./seed";
import { testDatabases } from "@/test/databases";
import { intakeComplaint } from "@/server/intake";
import { PDF, PNG, validComplaint } from "@/test/fixtures";

const root = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), "pintu-backup-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function command(mode: "backup" | "restore", file: string, target: { url?: string; dataDir: string }) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-backup.ts", mode, file], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: target.url ?? "", DATA_DIR: target.dataDir, PINTU_DEMO: "0" },
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

/** Everything a restore must bring back: every table's row count, complaints, attachments' bytes. */
async function snapshot(db: Db) {
  const tables = (await db.execute(sql`
    select table_name::text as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) as unknown as { rows?: { name: string }[] } & { name: string }[];
  const names = (tables.rows ?? tables).map((t) => t.name);
  const counts: Record<string, number> = {};
  for (const name of names) {
    const r = (await db.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`)) as unknown as { rows?: { n: number }[] } & { n: number }[];
    counts[name] = (r.rows ?? r)[0]!.n;
  }
  const sample = await db
    .select({ code: complaints.trackingCode, title: complaints.title, body: complaints.body, status: complaints.status, createdAt: complaints.createdAt })
    .from(complaints)
    .orderBy(asc(complaints.id));
  const files = await db.select({ sha: attachments.sha256, size: attachments.size, content: attachments.content }).from(attachments).orderBy(asc(attachments.id));
  return { counts, sample, files: files.map((f) => ({ sha: f.sha, size: f.size, bytes: Buffer.from(f.content).toString("base64") })) };
}

async function fill(db: Db, n: number) {
  for (let i = 0; i < n; i++) {
    const files = i % 2 === 0 ? [{ name: `foto-${i}.png`, bytes: PNG }] : [{ name: `surat-${i}.pdf`, bytes: PDF }];
    await intakeComplaint(db, { raw: validComplaint(), files, channel: "web", region: "BTM", now: new Date() });
  }
}

describe("backup and restore of the embedded database", () => {
  it("restores exactly what was backed up, keeping the replaced folder", { timeout: 300_000 }, async () => {
    const dataDir = path.join(work, "data");
    const file = path.join(work, "embedded.tar.gz");
    let handle: DbHandle = openDb({ dataDir });
    await prepareDb(handle, { region: "BTM", demo: false });
    await fill(handle.db, 6);
    const before = await snapshot(handle.db);
    await handle.close();

    expect(command("backup", file, { dataDir })).toContain(file);
    handle = openDb({ dataDir });
    await fill(handle.db, 2); // written after the backup: gone after the restore
    await handle.close();

    expect(command("restore", file, { dataDir })).toMatch(/restored from .*kept in .*before-restore/);
    handle = openDb({ dataDir });
    try {
      const after = await snapshot(handle.db);
      expect(after.counts.complaints).toBe(6);
      expect(after).toEqual(before);
    } finally {
      await handle.close();
    }
  });
});

const postgres = testDatabases().find((b) => b.name === "postgres");

describe.skipIf(!postgres)("backup and restore of PostgreSQL (pg_dump / pg_restore)", () => {
  it("restores exactly what was backed up", { timeout: 300_000 }, async () => {
    const t = await postgres!.open();
    try {
      const target = { url: t.handle.url!, dataDir: path.join(work, "unused") };
      const file = path.join(work, "pg.dump");
      await fill(t.db, 6);
      const before = await snapshot(t.db);
      expect(command("backup", file, target)).toContain(file);
      await fill(t.db, 2);
      expect(command("restore", file, target)).toContain("restored");
      const after = await snapshot(t.db);
      expect(after.counts.complaints).toBe(before.counts.complaints);
      expect(after).toEqual(before);
    } finally {
      await t.dispose();
    }
  });
});
