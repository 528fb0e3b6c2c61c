import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { sweepSla, type SweepResult } from "@/server/sla-sweep";
import { emit, log, round, waitQuiet } from "./harness";
import { completeSynthetic } from "./synthetic";

/**
 * `sla_sweep`: the SLA sweep (server/sla-sweep.ts: marks in SQL, auto-closes through the executor) over every open complaint of the
 * synthetic database `npm run bench:seed` fills (default pintu_bench on the bench server;
 * BENCH_SLA_DATABASE_URL picks another). Measured inside one transaction that is rolled back,
 * so the shared synthetic data stays as it was: first the sweep that finds every clock already
 * at risk or breached (marks, events and notifications for all of them), then a second sweep
 * that finds nothing new (the every-minute steady state). Target: ≤ 10 s with 1,000,000
 * complaints. A database from an older generator is first completed as bench:seed does
 * (at-risk moments and auto-close deadlines of open complaints, not timed).
 */
export async function slaSweepBench(opts: { adminUrl: string; waitQuietS: number }): Promise<Record<string, unknown> | undefined> {
  const url = new URL(process.env.BENCH_SLA_DATABASE_URL || opts.adminUrl);
  if (!process.env.BENCH_SLA_DATABASE_URL) url.pathname = "/pintu_bench";
  const dbName = decodeURIComponent(url.pathname.slice(1));
  const admin = postgres(opts.adminUrl, { max: 1, onnotice: () => {} });
  const [row] = await admin`select shobj_description(oid, 'pg_database') as mark from pg_database where datname = ${dbName}`;
  await admin.end({ timeout: 5 });
  if (!row || !String(row.mark ?? "").includes("pintu-synthetic")) {
    log(`sla_sweep: no synthetic database ${dbName}; run \`npm run bench:seed -- --complaints 1000000\` first`);
    return undefined;
  }
  const handle = openDb({ url: url.toString(), poolSize: 2 });
  try {
    const t0 = Date.now();
    await migrateDb(handle);
    log(`sla_sweep: ${dbName} migrated (${Date.now() - t0} ms)`);
    for (const d of await completeSynthetic(url.toString(), "Asia/Jakarta")) log(`sla_sweep: completed ${d}`);
    const now = new Date();
    const counted = await handle.db.execute(sql`select count(*)::int as total, count(*) filter (where status in ('received', 'disposed', 'in_progress', 'awaiting_reporter', 'responded'))::int as open from complaints`);
    const { total, open } = (Array.isArray(counted) ? counted[0] : (counted as unknown as { rows: { total: number; open: number }[] }).rows[0]) as { total: number; open: number };
    let result: Record<string, unknown> = {};
    await handle.db
      .transaction(async (tx) => {
        const other = await waitQuiet([], dbName, opts.waitQuietS);
        const s1 = Date.now();
        const first: SweepResult = await sweepSla(tx, { now });
        const firstMs = Date.now() - s1;
        const s2 = Date.now();
        const second: SweepResult = await sweepSla(tx, { now });
        const secondMs = Date.now() - s2;
        result = {
          bench: "sla_sweep",
          complaints: total,
          open,
          first_sweep_s: round(firstMs / 1000, 2),
          first_sweep_found: Object.values(first).reduce((a, b) => a + b, 0),
          first_sweep: first,
          steady_sweep_s: round(secondMs / 1000, 2),
          steady_sweep_found: Object.values(second).reduce((a, b) => a + b, 0),
          other_cores: round(other, 2),
          target: "<= 10 s with 1,000,000 complaints",
        };
        throw new Rollback();
      })
      .catch((err) => {
        if (!(err instanceof Rollback)) throw err;
      });
    emit(result);
    return result;
  } finally {
    await handle.close();
  }
}

class Rollback extends Error {}
