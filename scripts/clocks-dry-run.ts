import { BACKFILL, backfillCounts } from "@/db/citizen-backfill";
import { openDb } from "@/db/client";
import { dryRunMigrations, pendingMigrations } from "@/db/pending-migrations";
import { env } from "@/lib/env";
import { runScript } from "./run-script";

// `npm run clocks:dry-run`: applies the pending migrations (up to and including the backfill) in a
// transaction, prints what would change, and rolls everything back.
await runScript(async () => {
  const e = env();
  const handle = openDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 1 });
  try {
    const pending = await pendingMigrations(handle.db);
    if (!pending.includes(BACKFILL)) {
      console.log(`${BACKFILL} is already applied: nothing to count`);
      return;
    }
    const counts = await dryRunMigrations(handle.db, pending.slice(0, pending.indexOf(BACKFILL) + 1), backfillCounts);
    console.log(JSON.stringify({ dryRun: true, pending, ...counts }));
    console.log(
      `would move the deadlines of ${counts.moved} complaints (resolution: ${counts.resolution}, of which earlier: ${counts.resolution - counts.later}), ` +
        `mark ${counts.disposed} as disposed, and record ${counts.shares} OPD shares (${counts.bounces} bounced); nothing was changed`,
    );
  } finally {
    await handle.close();
  }
});
