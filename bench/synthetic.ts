/**
 * The synthetic data generator behind `npm run bench:seed` (bench/seed.ts): staff accounts, then
 * the set-based SQL of bench/seed-sql.ts, then indexes and statistics. PostgreSQL only.
 */
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { openDb } from "@/db/client";
import { opds, users } from "@/db/schema";
import { prepareDb } from "@/db/seed";
import { seedHolidays } from "@/db/seed/holidays";
import { hashPassword } from "@/lib/passwords";
import { NAMES, PLACES, SUBJECTS } from "./payloads";
import { BACKFILL } from "@/db/citizen-backfill";
import { migrationStatements } from "@/db/pending-migrations";
import { refreshSlaFacts } from "@/db/queries/sla-facts";
import { CALENDAR, CLOCK_MOMENTS, COMPLAINTS, EVENTS, NOTES, OUTBOX, PLAN } from "./seed-sql";

export const MARK = "pintu-synthetic";
export const BENCH_EMAIL_DOMAIN = "bench.pintu.invalid";
/** Password of every synthetic staff account (synthetic databases only). */
export const benchStaffPassword = () => process.env.BENCH_STAFF_PASSWORD || "bench-staff-password";
const TABLES = ["complaints", "complaint_events", "outbox"];
const log = (msg: string) => process.stderr.write(`bench:seed: ${msg}\n`);

/** What the comment on a synthetic database says. */
export type Mark = { mark: string; complaints: number; complete: boolean; at: string; seconds?: number };

/** CPU seconds a local process has used (null when it is not on this machine). */
function backendCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Math.round((Number(f[11]) + Number(f[12])) / 10) / 10;
  } catch {
    return null;
  }
}

export type SeedDecision = "create" | "refuse" | "reuse" | "recreate" | "append";

/**
 * What to do with the target database: never touch real complaints without --force; reuse a
 * complete synthetic database of the requested size (others may be measuring on it); otherwise
 * regenerate a synthetic one from scratch.
 */
export function decideSeed(state: { exists: boolean; complaints: number; mark: Mark | null }, o: { n: number; fresh: boolean; force: boolean }): SeedDecision {
  if (!state.exists) return "create";
  if (o.force) return "append";
  if (state.complaints > 0 && !state.mark) return "refuse";
  if (state.mark?.complete && state.mark.complaints === o.n && !o.fresh) return "reuse";
  if (state.mark) return "recreate";
  return "append";
}

export async function readSeedState(url: string): Promise<{ complaints: number; mark: Mark | null }> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [row] = await sql<{ comment: string | null; has_table: boolean }[]>`
      select shobj_description(d.oid, 'pg_database') as comment, to_regclass('public.complaints') is not null as has_table
      from pg_database d where d.datname = current_database()`;
    const complaints = row!.has_table ? Number((await sql`select count(*)::bigint as n from complaints`)[0]!.n) : 0;
    let mark: Mark | null = null;
    try {
      const m = JSON.parse(row!.comment ?? "null") as Mark | null;
      if (m?.mark === MARK) mark = m;
    } catch {
      /* not ours */
    }
    return { mark, complaints };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The synthetic staff (one hash for all: hashing is deliberately slow). */
export async function ensureSyntheticStaff(url: string, region: string) {
  const handle = openDb({ url, poolSize: 1 });
  try {
    await prepareDb(handle, { region, demo: false });
    const year = new Date().getUTCFullYear();
    await seedHolidays(handle.db, Array.from({ length: 8 }, (_, i) => year - 6 + i));
    const passwordHash = await hashPassword(benchStaffPassword());
    const agencies = await handle.db.select({ id: opds.id, code: opds.code }).from(opds);
    const at = (local: string) => `${local}@${BENCH_EMAIL_DOMAIN}`;
    const rows: (typeof users.$inferInsert)[] = [
      { email: at("koordinator"), name: "Koordinator (sintetis)", passwordHash, role: "coordinator" },
      { email: at("admin"), name: "Admin (sintetis)", passwordHash, role: "admin" },
      { email: at("auditor"), name: "Auditor (sintetis)", passwordHash, role: "auditor" },
      ...agencies.flatMap((o) => [
        { email: at(`${o.code.toLowerCase()}.petugas`), name: `Petugas ${o.code}`, passwordHash, role: "opd_officer" as const, opdId: o.id },
        { email: at(`${o.code.toLowerCase()}.kepala`), name: `Kepala ${o.code}`, passwordHash, role: "opd_head" as const, opdId: o.id },
      ]),
    ];
    await handle.db.insert(users).values(rows).onConflictDoNothing();
  } finally {
    await handle.close();
  }
}

export async function generateSynthetic(url: string, n: number, region: string, timeZone: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {}, idle_timeout: 0 });
  const timings: Record<string, number> = {};
  const explain = process.env.BENCH_SEED_EXPLAIN === "1";
  const run = async (stmt: string, params: postgres.ParameterOrJSON<never>[] = []) => {
    if (!explain || !/^\s*INSERT/.test(stmt)) return sql.unsafe(stmt, params);
    const plan = await sql.unsafe(`EXPLAIN (ANALYZE, BUFFERS) ${stmt}`, params);
    log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
    return Object.assign([], { count: 0 });
  };
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const out = await run();
    timings[name] = Math.round((Date.now() - t) / 100) / 10;
    log(`${name}: ${timings[name]} s`);
    return out;
  };
  try {
    await sql.unsafe(`SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '256MB'; SET jit = off`);
    // Superuser only: skips per-row foreign-key and trigger work (the data is consistent by construction).
    const replica = await sql.unsafe(`SET session_replication_role = replica`).then(
      () => true,
      () => false,
    );
    log(replica ? "foreign-key checks off for the load (session_replication_role = replica)" : "not a superuser: foreign keys are checked row by row (slower)");
    const now = new Date();
    // CPU time of the backend doing the work (same machine): the load-independent cost.
    const backendPid = (await sql<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
    const base = (await sql<{ base: string }[]>`select coalesce(max(id), 0)::bigint as base from complaints`)[0]!.base;
    const ev = (await sql<{ ev: string }[]>`select coalesce(max(id), 0)::bigint as ev from complaint_events`)[0]!.ev;
    const coord = (await sql<{ id: number }[]>`select id from users where email = ${`koordinator@${BENCH_EMAIL_DOMAIN}`}`)[0]!.id;
    const kel = await sql<{ id: number; kec: number; name: string }[]>`select id, kecamatan_id as kec, name from kelurahan order by id`;
    const cats = await sql<{ code: string }[]>`select code from categories where active order by id`;
    const agencies = await sql<{ id: number }[]>`select id from opds where active and kind = 'opd' order by id`;
    const exts = await sql<{ id: number }[]>`select id from external_institutions where active order by id`;

    // Secondary indexes are rebuilt once at the end: much cheaper than maintaining them per row.
    const indexes = await sql<{ name: string; def: string }[]>`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i join pg_class t on t.oid = i.indrelid
      where t.relname in ${sql(TABLES)} and t.relnamespace = 'public'::regnamespace
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
    await step(`drop ${indexes.length} secondary indexes`, async () => {
      for (const ix of indexes) await sql.unsafe(`DROP INDEX IF EXISTS ${ix.name}`);
    });
    // Into empty tables nothing can collide (codes and dedupe keys derive from fresh ids): unique
    // constraints are then also rebuilt at the end. Beside existing rows (--force) they stay.
    const empty = base === "0" && ev === "0" && (await sql`select 1 from outbox limit 1`).length === 0;
    const uniques = empty
      ? await sql<{ tbl: string; name: string; def: string }[]>`
          select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def
          from pg_constraint c join pg_class t on t.oid = c.conrelid
          where c.contype = 'u' and t.relname in ${sql(TABLES)} and t.relnamespace = 'public'::regnamespace`
      : [];
    for (const u of uniques) await sql.unsafe(`ALTER TABLE ${u.tbl} DROP CONSTRAINT "${u.name}"`);

    await sql.unsafe(`DROP TABLE IF EXISTS bench_gen, bench_staff`);
    await step("calendar", async () => {
      for (const s of CALENDAR) await sql.unsafe(s, s.includes("$1") ? [now.toISOString(), timeZone] : []);
    });
    await sql.unsafe(`CREATE UNLOGGED TABLE bench_staff AS
      SELECT o.id AS opd_id,
        (SELECT id FROM users u WHERE u.email = lower(o.code) || '.petugas@${BENCH_EMAIL_DOMAIN}') AS officer_id,
        (SELECT id FROM users u WHERE u.email = lower(o.code) || '.kepala@${BENCH_EMAIL_DOMAIN}') AS head_id
      FROM opds o`);
    await sql.unsafe(`ANALYZE bench_staff`);
    await step("plan", () =>
      sql.unsafe(PLAN, [
        n,
        base,
        now.toISOString(),
        SUBJECTS.length,
        SUBJECTS.map((s) => s.category ?? ""),
        PLACES.length,
        NAMES.length,
        kel.map((k) => k.id),
        kel.map((k) => k.kec),
        cats.map((c) => c.code),
        agencies.map((a) => a.id),
        exts.map((e) => e.id),
      ]),
    );
    await sql.unsafe(`ANALYZE bench_gen`);
    const inserted = await step("complaints", () => run(COMPLAINTS(!empty), [now.toISOString(), timeZone, SUBJECTS.map((s) => s.title), SUBJECTS.map((s) => s.body), PLACES, NAMES, kel.map((k) => k.name)]));
    if (inserted.count !== n) {
      log(`${n - inserted.count} tracking codes collided with existing complaints; those are skipped`);
      await sql.unsafe(`DELETE FROM bench_gen g WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.id = g.id)`);
    }
    const events = await step("events", () => run(EVENTS, [now.toISOString(), coord]));
    const notes = await step("notes", () => run(NOTES, [now.toISOString()]));
    const outbox = await step("outbox", () => run(OUTBOX, [ev]));
    await step("clock moments", () => sql.unsafe(CLOCK_MOMENTS(), [timeZone]));
    await sql.unsafe(`SELECT setval(pg_get_serial_sequence('complaints', 'id'), (SELECT max(id) FROM complaints))`);
    await sql.unsafe(`DROP TABLE IF EXISTS bench_gen, bench_staff, bench_cal, bench_wd`);
    await step(`rebuild ${indexes.length} indexes and ${uniques.length} unique constraints`, async () => {
      for (const u of uniques) await sql.unsafe(`ALTER TABLE ${u.tbl} ADD CONSTRAINT "${u.name}" ${u.def}`);
      for (const ix of indexes) await sql.unsafe(ix.def);
    });
    await step("citizen clocks and OPD shares from the event log", () => citizenClocks(sql));
    await step("vacuum analyze", () => sql.unsafe(`VACUUM (ANALYZE) complaints, complaint_events, outbox, opd_clocks`));
    await step("sla facts and daily summary", () => fillSlaFacts(url));
    const byStatus = await sql<{ status: string; n: number }[]>`select status, count(*)::int as n from complaints group by 1 order by 2 desc`;
    return { backend_cpu_s: backendCpuSeconds(backendPid), complaints: inserted.count, events: events.count + notes.count, outbox: outbox.count, byStatus, timings };
  } finally {
    await sql.end({ timeout: 5 });
  }
}


/**
 * The citizen's deadlines from the first disposition and each OPD's shares, derived from the
 * generated event log by the backfill migration itself (db/migrations/0015…), in one transaction.
 */
async function citizenClocks(sql: postgres.Sql) {
  await sql.begin(async (tx) => {
    for (const statement of migrationStatements(BACKFILL)) await tx.unsafe(statement);
  });
}

/** The statistics facts and their daily summary, as the `sla.facts` job would build them. */
async function fillSlaFacts(url: string) {
  const handle = openDb({ url, poolSize: 1 });
  try {
    await refreshSlaFacts(handle.db, new Date(), "Asia/Jakarta");
  } finally {
    await handle.close();
  }
}

/**
 * Brings a synthetic database generated by an older generator up to date (bench:seed reusing
 * it): at-risk moments and auto-close deadlines of open complaints, statistics facts.
 */
export async function completeSynthetic(url: string, timeZone: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, idle_timeout: 0 });
  const done: string[] = [];
  try {
    const open = `c0.status IN ('received', 'disposed', 'in_progress', 'awaiting_reporter', 'responded')`;
    const missing = await sql.unsafe(`SELECT 1 FROM complaints c0 WHERE ${open} AND c0.verification_due IS NOT NULL AND c0.verification_risk_at IS NULL LIMIT 1`);
    if (missing.length) {
      for (const s of CALENDAR) await sql.unsafe(s, s.includes("$1") ? [new Date().toISOString(), timeZone] : []);
      const r = await sql.unsafe(CLOCK_MOMENTS(`${open} AND c0.verification_risk_at IS NULL`), [timeZone]);
      await sql.unsafe(`DROP TABLE IF EXISTS bench_cal, bench_wd`);
      // Index-only scans of open complaints need the visibility map the update cleared.
      await sql.unsafe(`VACUUM (ANALYZE) complaints`);
      done.push(`clock moments of ${r.count} open complaints`);
    }
    if ((await sql`select 1 from opd_clocks limit 1`).length === 0 && (await sql`select 1 from complaint_events where action = 'dispose' limit 1`).length > 0) {
      await citizenClocks(sql);
      await sql.unsafe(`VACUUM (ANALYZE) complaints, opd_clocks`);
      done.push("citizen clocks and OPD shares");
    }
    // One open complaint in forty suspected (at intake) to duplicate the one before it: the lists' flag and filter.
    const suspects = await sql`select 1 from information_schema.columns where table_name = 'complaints' and column_name = 'suspected_duplicate_of_id'`;
    if (suspects.length > 0 && (await sql`select 1 from complaints where suspected_duplicate_of_id is not null limit 1`).length === 0) {
      const r = await sql.unsafe(`UPDATE complaints c0 SET suspected_duplicate_of_id = c0.id - 1 WHERE ${open} AND c0.id % 40 = 0`);
      done.push(`${r.count} suspected duplicates`);
    }
    if ((await sql`select 1 from sla_facts limit 1`).length === 0) {
      await fillSlaFacts(url);
      done.push("sla facts");
    }
    return done;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
