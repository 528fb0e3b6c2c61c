import { inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { outbox } from "../schema";

/** How many outbox items wait for delivery and how many gave up (dead letters). */
export async function queueDepth(db: Db): Promise<{ pending: number; dead: number }> {
  // Grouped over the status index, so delivered history (the bulk of the table) is not read.
  const rows = await db
    .select({ status: outbox.status, n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(inArray(outbox.status, ["pending", "dead"]))
    .groupBy(outbox.status);
  const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { pending: n("pending"), dead: n("dead") };
}
