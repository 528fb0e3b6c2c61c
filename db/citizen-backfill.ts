import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { rowsOf } from "./raw";

/** The migration that recomputes the citizen's deadlines (issue 19). */
export const BACKFILL = "0015_citizen_deadlines_backfill";

/** What the backfill changed, read inside its transaction (`now()` is the transaction's start). */
export async function backfillCounts(tx: Db) {
  const [r] = rowsOf<{ moved: number; resolution: number; later: number; disposed: number; shares: number; bounces: number }>(
    await tx.execute(sql`
      select
        (select count(*)::int from complaint_events where action = 'deadlines_recomputed' and data->>'reason' = 'citizen_clock' and created_at = now()) as moved,
        (select count(*)::int from complaint_events where action = 'deadlines_recomputed' and data->>'reason' = 'citizen_clock' and created_at = now()
           and data->'due'->>'resolution' is distinct from data->'previous'->>'resolution') as resolution,
        (select count(*)::int from complaint_events where action = 'deadlines_recomputed' and data->>'reason' = 'citizen_clock' and created_at = now()
           and (data->'due'->>'resolution')::timestamptz > (data->'previous'->>'resolution')::timestamptz) as later,
        (select count(*)::int from complaints where first_disposed_at is not null) as disposed,
        (select count(*)::int from opd_clocks) as shares,
        (select count(*)::int from opd_clocks where end_reason in ('returned', 'redisposed')) as bounces`),
  );
  return r!;
}
