import { env } from "@/lib/env";
import { sweepSla } from "@/server/sla-sweep";
import { metrics } from "@/lib/metrics";
import { definePeriodic } from "@/queue/registry";

/** The name of the SLA sweep in job_leases. */
export const SLA_SWEEP_JOB = "sla.sweep";

/**
 * Every minute: breaches (event + the OPD head and the coordinators notified), at-risk
 * reminders (the OPD) and auto-closes after the reporter's silence, for all open complaints in
 * a few set-based statements. Exactly once per clock by sla_marks' key, so a second worker or a
 * rerun after a crash changes nothing.
 */
definePeriodic(SLA_SWEEP_JOB, { everyMs: 60_000, leaseMs: 10 * 60_000 }, async ({ db, log }) => {
  const started = Date.now();
  const result = await sweepSla(db, { now: new Date(), emailStaff: Boolean(env().SMTP_URL) });
  const total = Object.values(result).reduce((a, b) => a + b, 0);
  for (const [k, n] of Object.entries(result)) if (k.endsWith("_breached") && n > 0) metrics().slaBreaches.inc({ clock: k.slice(0, -"_breached".length) }, n);
  if (total > 0) log("sla sweep", { ...result, ms: Date.now() - started });
  return { lastSweepMs: Date.now() - started, lastCounts: result };
});
