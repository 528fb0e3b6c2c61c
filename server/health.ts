import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import journal from "@/db/migrations/meta/_journal.json";
import { oldestPendingSeconds, queueDepth } from "@/db/queries/outbox";
import { rowsOf } from "@/db/raw";
import { channelHalts } from "@/db/schema-worker";
import { laporHealth, type LaporHealth } from "@/integrations/lapor/health";
import { channelHealth, channelReasons, type ChannelHealth } from "./channel-health";
import { isShuttingDown } from "./lifecycle";
import { log } from "@/lib/log";

/**
 * The three probes (README "Configuration"): liveness needs nothing but the process; readiness
 * says whether this process should get traffic; `/api/health` (CONTRACTS.md) describes the
 * service. Every check has its own timeout, so one slow query cannot hold a probe.
 */

/** Readiness: the database answers within this. */
const READY_DB_TIMEOUT_MS = 1000;
/** Each of /api/health's checks. */
const CHECK_TIMEOUT_MS = 2000;

class CheckTimeout extends Error {}

/** Rejects when `work` has not settled within `ms` (the query itself is left to finish). */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The newest migration this build knows, as drizzle records it (`created_at` = the journal's `when`). */
const NEWEST_MIGRATION = Math.max(...journal.entries.map((e) => e.when));
const migrated = new WeakSet<Db>();

async function migrationsApplied(db: Db): Promise<boolean> {
  // Once current, always current for this build (migrations are never undone).
  if (migrated.has(db)) return true;
  const [table] = rowsOf<{ t: string | null }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`));
  if (!table?.t) return false;
  const [row] = rowsOf<{ newest: number | string }>(await db.execute(sql`select coalesce(max(created_at), 0)::float8 as newest from drizzle.__drizzle_migrations`));
  if (Number(row?.newest ?? 0) < NEWEST_MIGRATION) return false;
  migrated.add(db);
  return true;
}

export type Readiness = { ready: true } | { ready: false; reason: "shutting_down" | "database_unreachable" | "migrations_pending" };

/** Ready for traffic: not stopping, the database answers within a second, its schema is this build's. */
export async function readiness(db: Db): Promise<Readiness> {
  if (isShuttingDown()) return { ready: false, reason: "shutting_down" };
  try {
    const current = await withTimeout(
      db.execute(sql`select 1`).then(() => migrationsApplied(db)),
      READY_DB_TIMEOUT_MS,
      "readiness database check",
    );
    return current ? { ready: true } : { ready: false, reason: "migrations_pending" };
  } catch (err) {
    log.warn("health: database not ready", { error: err instanceof Error ? err.message : String(err) });
    return { ready: false, reason: "database_unreachable" };
  }
}

export type HealthReport = {
  status: "ok" | "degraded";
  db: "ok" | "down";
  lapor: LaporHealth;
  queue: { pending: number; dead: number } | null;
  /** Why `status` is `degraded` (empty when ok). */
  reasons: string[];
  /** The SMS and e-mail channels (added December 2026): null when they could not be read. */
  channels: {
    smsInbound: { state: ChannelHealth["inbound"]["state"]; lastReceivedAt: string | null };
    sms: { state: string; pending: number; failing: number; dead: number };
    email: { state: string; pending: number; failing: number; dead: number };
  } | null;
};

/** Settles a check: its value, or `failed` when it threw or took too long (logged, never thrown). */
async function check<T>(name: string, work: () => Promise<T>): Promise<T | typeof FAILED> {
  try {
    return await withTimeout(work(), CHECK_TIMEOUT_MS, `health check ${name}`);
  } catch (err) {
    log.warn("health: check failed", { check: name, error: err instanceof Error ? err.message : String(err) });
    return FAILED;
  }
}
const FAILED = Symbol("failed");

/**
 * `/api/health`: `degraded` when the database is down, LAPOR is degraded, a delivery channel
 * (LAPOR, SMS, e-mail) is halted, or the oldest pending outbox item waited longer than
 * `maxOutboxAgeSeconds`; `queue` is null when it could not be counted.
 */
export async function healthReport(db: Db, opts: { maxOutboxAgeSeconds: number }): Promise<HealthReport> {
  const [alive, queue, lapor, halts, oldest, channels] = await Promise.all([
    check("db", () => db.execute(sql`select 1`)),
    check("queue", () => queueDepth(db)),
    check("lapor", () => laporHealth(db)),
    check("channels", () => db.select({ channel: channelHalts.channel }).from(channelHalts)),
    check("outbox_age", () => oldestPendingSeconds(db)),
    check("message_channels", () => channelHealth(db)),
  ]);
  const reasons: string[] = [];
  const dbOk = alive !== FAILED;
  if (!dbOk) reasons.push("db_down");
  if (lapor === FAILED || lapor === "degraded") reasons.push("lapor_degraded");
  if (halts === FAILED) reasons.push("channels_unknown");
  else for (const h of halts) reasons.push(`${h.channel}_halted`);
  if (oldest === FAILED) reasons.push("outbox_age_unknown");
  else if (oldest !== null && oldest > opts.maxOutboxAgeSeconds) reasons.push("outbox_backlog");
  if (channels === FAILED) reasons.push("channels_unknown");
  else reasons.push(...channelReasons(channels));
  const figures = (o: ChannelHealth["outbound"]["sms"]) => ({ state: o.state, pending: o.pending, failing: o.failing, dead: o.dead });
  return {
    status: reasons.length === 0 ? "ok" : "degraded",
    db: dbOk ? "ok" : "down",
    lapor: lapor === FAILED ? "degraded" : lapor,
    queue: queue === FAILED ? null : queue,
    reasons: [...new Set(reasons)],
    channels:
      channels === FAILED
        ? null
        : {
            smsInbound: { state: channels.inbound.state, lastReceivedAt: channels.inbound.lastReceivedAt?.toISOString() ?? null },
            sms: figures(channels.outbound.sms),
            email: figures(channels.outbound.email),
          },
  };
}
