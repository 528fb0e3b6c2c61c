import { flagSuspectedDuplicate } from "@/db/queries/duplicates";
import { defineTopic } from "@/queue/registry";

/**
 * `duplicates.flag`: the suspected-duplicate check of a new complaint (db/queries/duplicates.ts),
 * queued by the intake statement in the same commit as the complaint, so it is never lost, and
 * run here just after: the queue shows the flag a moment after the complaint arrives. Running it
 * again stores the same answer (and writes nothing when it is already stored).
 */
defineTopic("duplicates.flag", async (item, ctx) => {
  const found = await flagSuspectedDuplicate(ctx.db, item.payload.complaintId);
  return found ? { duplicateOf: found.duplicateOf, changed: found.changed } : { skipped: "no such complaint" };
});
