import { and, eq, gte, like, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { channelHalts, jobLeases } from "@/db/schema-worker";
import { laporConfig } from "./config";
import { LAPOR_POLL_JOB } from "./jobs-names";

export type LaporHealth = "ok" | "degraded" | "disabled";

/** An item that failed this often in a row means LAPOR is not taking our deliveries. */
const FAILING_ATTEMPTS = 3;

/**
 * `disabled` when no LAPOR is configured; `degraded` when the channel is halted (401), the last
 * poll failed, or deliveries keep failing; otherwise `ok`.
 */
export async function laporHealth(db: Db): Promise<LaporHealth> {
  if (!laporConfig()) return "disabled";
  const [halt] = await db.select({ channel: channelHalts.channel }).from(channelHalts).where(eq(channelHalts.channel, "lapor"));
  if (halt) return "degraded";
  const [poll] = await db.select({ ok: jobLeases.lastOkAt, err: jobLeases.lastErrorAt }).from(jobLeases).where(eq(jobLeases.name, LAPOR_POLL_JOB));
  if (poll?.err && (!poll.ok || poll.err > poll.ok)) return "degraded";
  const [failing] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), like(outbox.topic, "lapor.%"), gte(outbox.attempts, FAILING_ATTEMPTS)));
  return (failing?.n ?? 0) > 0 ? "degraded" : "ok";
}
