import { eq, inArray, sql } from "drizzle-orm";
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

/** How long the oldest pending outbox item has waited, in seconds (null: none waits). */
export async function oldestPendingSeconds(db: Db): Promise<number | null> {
  const [row] = await db
    .select({ s: sql<number | null>`extract(epoch from now() - min(${outbox.createdAt}))::float8` })
    .from(outbox)
    .where(eq(outbox.status, "pending"));
  return row?.s === null || row?.s === undefined ? null : Number(row.s);
}
