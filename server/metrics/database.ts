import { sql } from "drizzle-orm";
import { Gauge, Registry } from "prom-client";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/raw";
import { laporHealth } from "@/integrations/lapor/health";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * Figures that live in the database, read when Prometheus scrapes: the same on every process and
 * every host (aggregate them with `max`, not `sum`, across instances). Each query reads an index
 * or a small table; the whole set is kept 5 seconds so two scrapers do not double the work, and
 * gives up after 5 seconds (`pintu_db_up 0`) so a database outage never hangs the scrape.
 */
const KEEP_MS = 5_000;
const TIMEOUT_MS = 5_000;
const CHANNEL_STATES = ["ok", "degraded", "halted", "disabled"] as const;

type Figures = {
  complaints: { status: string; n: number }[];
  outbox: { topic: string; status: string; n: number; oldest: number | null; failing: number | null }[];
  halted: string[];
  lapor: "ok" | "degraded" | "disabled";
  /** When the newest inbound SMS arrived (seconds since 1970), null when none ever did. */
  lastInbound: number | null;
  jobs: { name: string; ok: number | null; failed: number | null }[];
  connections: { state: string; n: number }[];
};

async function read(db: Db, postgres: boolean): Promise<Figures> {
  const [complaints, outbox, halted, jobs, connections, lapor, lastInbound] = await Promise.all([
    db.execute(sql`select status::text as status, count(*)::int as n from complaints group by status`),
    db.execute(sql`
      select topic, status::text as status, count(*)::int as n,
        extract(epoch from now() - min(created_at) filter (where status = 'pending'))::float8 as oldest,
        count(*) filter (where status = 'pending' and attempts > 0 and last_error is not null)::int as failing
      from outbox where status in ('pending', 'dead') group by topic, status`),
    db.execute(sql`select channel from channel_halts`),
    db.execute(sql`select name, extract(epoch from last_ok_at)::float8 as ok, extract(epoch from last_error_at)::float8 as failed from job_leases`),
    postgres
      ? db.execute(sql`select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'pintu' group by 1`)
      : Promise.resolve([]),
    laporHealth(db),
    db.execute(sql`select extract(epoch from received_at)::float8 as at from sms_messages order by id desc limit 1`),
  ]);
  return {
    complaints: rowsOf<Figures["complaints"][number]>(complaints),
    outbox: rowsOf<Figures["outbox"][number]>(outbox),
    halted: rowsOf<{ channel: string }>(halted).map((r) => r.channel),
    jobs: rowsOf<Figures["jobs"][number]>(jobs),
    connections: rowsOf<Figures["connections"][number]>(connections),
    lapor,
    lastInbound: rowsOf<{ at: number | null }>(lastInbound)[0]?.at ?? null,
  };
}

function channelState(channel: "lapor" | "sms" | "email", f: Figures): (typeof CHANNEL_STATES)[number] {
  if (f.halted.includes(channel)) return "halted";
  if (channel === "lapor") return f.lapor;
  // Items given up on, or waiting after a failed attempt, make a message channel degraded (server/channel-health.ts).
  if (f.outbox.some((o) => o.topic.startsWith(`${channel}.`) && (o.status === "dead" || Number(o.failing ?? 0) > 0))) return "degraded";
  return (channel === "sms" ? env().SMS_OUTBOUND_URL : env().SMTP_URL) ? "ok" : "disabled";
}

function render(f: Figures | null, seconds: number): Registry {
  const r = new Registry();
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) => new Gauge({ name, help, labelNames, registers: [r] });
  gauge("pintu_db_up", "1 when the database answered the metrics queries within 5 seconds").set(f ? 1 : 0);
  gauge("pintu_db_scrape_duration_seconds", "How long the metrics queries took").set(seconds);
  if (!f) return r;
  const complaints = gauge("pintu_complaints", "Complaints stored, by status", ["status"]);
  for (const c of f.complaints) complaints.set({ status: c.status }, Number(c.n));
  const items = gauge("pintu_outbox_items", "Outbox items waiting (pending) or given up (dead), by topic", ["topic", "status"]);
  const oldest = gauge("pintu_outbox_oldest_pending_age_seconds", "Age of the oldest pending outbox item, by topic", ["topic"]);
  for (const o of f.outbox) {
    items.set({ topic: o.topic, status: o.status }, Number(o.n));
    if (o.oldest !== null) oldest.set({ topic: o.topic }, Number(o.oldest));
  }
  const channels = gauge("pintu_channel_state", "Delivery channel state: 1 for the current state (ok, degraded, halted, disabled)", ["channel", "state"]);
  for (const channel of ["lapor", "sms", "email"] as const) {
    const now = channelState(channel, f);
    for (const state of CHANNEL_STATES) channels.set({ channel, state }, state === now ? 1 : 0);
  }
  gauge("pintu_sms_inbound_configured", "1 when SMS_INBOUND_KEY is set (else the gateway's posts are refused with 503)").set(env().SMS_INBOUND_KEY ? 1 : 0);
  if (f.lastInbound !== null) gauge("pintu_sms_inbound_last_received_timestamp_seconds", "When the newest inbound SMS arrived").set(Number(f.lastInbound));
  const failing = gauge("pintu_outbox_failing_items", "Outbox items waiting after a failed attempt, by topic", ["topic"]);
  for (const o of f.outbox) if (o.status === "pending" && Number(o.failing ?? 0) > 0) failing.set({ topic: o.topic }, Number(o.failing));
  const lastOk = gauge("pintu_job_last_success_timestamp_seconds", "When each periodic job last finished without error", ["job"]);
  const lastFail = gauge("pintu_job_last_failure_timestamp_seconds", "When each periodic job last failed", ["job"]);
  for (const j of f.jobs) {
    if (j.ok !== null) lastOk.set({ job: j.name }, Number(j.ok));
    if (j.failed !== null) lastFail.set({ job: j.name }, Number(j.failed));
  }
  if (f.connections.length) {
    const conns = gauge("pintu_db_connections", "Connections of all Pintu processes to this PostgreSQL database, by state (active = in use)", ["state"]);
    for (const c of f.connections) conns.set({ state: c.state }, Number(c.n));
  }
  return r;
}

type Kept = { at: number; text: Promise<string> };
const keptKey = Symbol.for("pintu.metrics.database");

/** The database figures in Prometheus text format (never rejects). */
export function databaseMetrics(db: Db, postgres: boolean): Promise<string> {
  const g = globalThis as Record<symbol, Kept | undefined>;
  const kept = g[keptKey];
  if (kept && Date.now() - kept.at < KEEP_MS) return kept.text;
  const started = performance.now();
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`metrics queries took over ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref());
  const text = Promise.race([read(db, postgres), timeout])
    .catch((err: unknown) => {
      log.warn("metrics: database figures unavailable", { err });
      return null;
    })
    .then((f) => render(f, (performance.now() - started) / 1000).metrics());
  g[keptKey] = { at: Date.now(), text };
  return text;
}
