import type { Db } from "@/db/client";
import { autoCloseCandidates, markCrossings, type MarkResult } from "@/db/queries/sla-sweep";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { performAction } from "./workflow/perform";

// No "server-only" here: the worker (`npm run worker`) runs this in a plain Node process.

export type SweepResult = MarkResult & { auto_closed: number };

/** How many complaints one auto-close round takes (each is its own short transaction). */
const AUTO_CLOSE_BATCH = 500;

/**
 * The SLA sweep over every open complaint: breaches and at-risk reminders in set-based
 * statements (db/queries/sla-sweep.ts), then auto-closes, each through the workflow executor —
 * the same event, clock effects, reporter notice and staff notice (server/workflow/staff-notices.ts) as any `auto_close`.
 * Safe to run twice or on two workers at once: a crossing is marked once (sla_marks' key), and
 * a complaint already closed by the other sweep is refused by the workflow table and skipped.
 */
export async function sweepSla(db: Db, opts: { now: Date; batch?: number; emailStaff?: boolean }): Promise<SweepResult> {
  const batch = opts.batch ?? 20_000;
  const marks = await markCrossings(db, { now: opts.now, batch, emailStaff: opts.emailStaff });
  const size = Math.min(batch, AUTO_CLOSE_BATCH);
  let closed = 0;
  for (;;) {
    const ids = await autoCloseCandidates(db, opts.now, size);
    let round = 0;
    for (const complaintId of ids) {
      try {
        await performAction(db, { complaintId, action: "auto_close", party: { kind: "system" }, input: {}, now: opts.now });
        round++;
      } catch (err) {
        // Closed (or answered) meanwhile, e.g. by a second worker's sweep: nothing to do.
        if (err instanceof AppError && err.status < 500) continue;
        log.error("sla sweep: auto-close failed", { complaintId, err });
      }
    }
    closed += round;
    // Fewer than a batch: none left. None closed: the rest fail the same way; the next run tries again.
    if (ids.length < size || round === 0) break;
  }
  return { ...marks, auto_closed: closed };
}
