/**
 * The LAPOR integration's work for the worker: the inbound poll (every LAPOR_POLL_SECONDS) and
 * the outbound topics. Imported once from jobs/topics.ts.
 */
import { clearHalt } from "@/queue/claim";
import type { TopicName } from "@/domain/outbox-topics";
import { definePeriodic, defineTopic, RetryAfter, type JobContext, type TopicItem } from "@/queue/registry";
import { env } from "@/lib/env";
import { laporConfig } from "./config";
import { LAPOR_POLL_JOB } from "./jobs-names";
import type { LaporConfig } from "./http";
import { pollOnce } from "./inbound";
import { asDelivery, deliverCreate, deliverFollowup, deliverForward } from "./outbound";

/** Each poll re-reads this much before the last one started: clock skew, and pages that shifted while read. */
const POLL_OVERLAP_MS = 2 * 60_000;
const DISABLED_RETRY_MS = 10 * 60_000;

function requireConfig(): LaporConfig {
  const cfg = laporConfig();
  // Integration off: items wait (and are offered for manual entry), they are not failures.
  if (!cfg) throw new RetryAfter(DISABLED_RETRY_MS, "LAPOR integration is disabled");
  return cfg;
}

const topic = <T extends Extract<TopicName, `lapor.${string}`>>(name: T, fn: (ctx: { db: JobContext["db"]; cfg: LaporConfig; signal: AbortSignal }, item: TopicItem<T>) => Promise<Record<string, unknown>>) =>
  defineTopic(name, (item, ctx) => {
    const cfg = requireConfig();
    return asDelivery(ctx.db, () => fn({ db: ctx.db, cfg, signal: ctx.signal }, item));
  });

topic("lapor.create_complaint", deliverCreate);
topic("lapor.followup", deliverFollowup);
topic("lapor.forward", deliverForward);

// The lease outlives a normal poll; a killed worker's poll is taken over after it. A longer
// poll may overlap the next one, which is safe (imports and follow-ups are idempotent).
definePeriodic(LAPOR_POLL_JOB, { everyMs: () => env().LAPOR_POLL_SECONDS * 1000, leaseMs: Math.max(15_000, env().LAPOR_POLL_SECONDS * 3000) }, async (ctx) => {
  const cfg = laporConfig();
  if (!cfg) return ctx.state;
  const startedAt = new Date();
  const watermark = typeof ctx.state.watermark === "string" ? new Date(ctx.state.watermark) : null;
  // The very first poll starts where the operator said (LAPOR_POLL_SINCE), not at LAPOR's beginning.
  const since = watermark ? new Date(watermark.getTime() - POLL_OVERLAP_MS) : (cfg.pollSince ?? null);
  const stats = await pollOnce({ db: ctx.db, cfg, region: env().PINTU_REGION, signal: ctx.signal, log: ctx.log }, since);
  if (stats.created || stats.followups || stats.quarantined) ctx.log("lapor: poll", { ...stats });
  // LAPOR took our token for every page: a channel halted on 401 works again. Clearing the halt
  // shows the recovery (health, integration page) and lets the waiting deliveries go when due,
  // without waiting for a probe delivery to succeed first.
  if (await clearHalt(ctx.db, "lapor")) ctx.log("lapor: channel resumed after a successful poll");
  // The next poll starts from when this one started (minus the overlap), not from the newest
  // item seen: an item that changed while we paged moved behind our position and is read then.
  return { watermark: startedAt.toISOString(), last: stats };
});
