import { refreshSlaFacts, type FactsState } from "@/db/queries/sla-facts";
import { env } from "@/lib/env";
import { definePeriodic } from "@/queue/registry";

/**
 * Keeps `sla_facts` current: complaints changed since the last run, and running clocks that
 * have fallen due since. The first run backfills every complaint (minutes for a million), so
 * the lease is long enough for it.
 */
definePeriodic("sla.facts", { everyMs: () => env().SLA_STATS_SECONDS * 1000, leaseMs: 30 * 60_000 }, async ({ db, state, log }) => {
  const started = Date.now();
  const { written, ...next } = await refreshSlaFacts(db, new Date(), env().PINTU_TIME_ZONE, state as FactsState);
  if (written > 0) log("sla.facts: refreshed", { rows: written, ms: Date.now() - started });
  // The facts' version: public statistics are recomputed exactly when it moves (server/public-stats.ts).
  return { ...next, changedAt: written > 0 ? new Date().toISOString() : (state.changedAt ?? null) };
});
