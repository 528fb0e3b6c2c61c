import { and, asc, eq, like } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outbox } from "@/db/schema";

/** A complaint's LAPOR deliveries (create, follow-ups, forward), oldest first: what the staff page's sync panel shows. */
export function complaintLaporOutbox(db: Db, complaintId: number) {
  return db
    .select({
      id: outbox.id,
      topic: outbox.topic,
      status: outbox.status,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      doneAt: outbox.doneAt,
      nextAttemptAt: outbox.nextAttemptAt,
      lastError: outbox.lastError,
      deliveredVia: outbox.deliveredVia,
    })
    .from(outbox)
    .where(and(eq(outbox.complaintId, complaintId), like(outbox.topic, "lapor.%")))
    .orderBy(asc(outbox.id));
}

export type LaporOutboxItem = Awaited<ReturnType<typeof complaintLaporOutbox>>[number];
