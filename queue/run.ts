import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Db } from "@/db/client";
import { dbErrorCode, isConnectionError } from "@/db/errors";
import { backoffDelay } from "@/lib/backoff";
import { env } from "@/lib/env";
import { log as baseLog } from "@/lib/log";
import { observeJob } from "@/lib/metrics";
import { claimDue, clearHalt, haltChannel, markDead, markDelivered, PROBE_MS, reschedule, type ClaimedItem } from "./claim";
import { acquireLease, releaseHeld, releaseLease } from "./lease";
import {
  channelOf,
  HaltChannel,
  periodicJob,
  periodicJobs,
  PermanentFailure,
  registeredTopics,
  RetryAfter,
  topicDef,
  type JobContext,
  type Logger,
} from "./registry";
import { settle } from "./settle";

/** A handler that takes longer than this is abandoned (its signal aborts) and retried later; always well within the lease. */
const HANDLER_TIMEOUT_MS = 60_000;
const BACKOFF_CAP_MS = 60 * 60_000;

export type WorkerOptions = { id?: string; concurrency?: number; pollMs?: number; maxAttempts?: number; backoffMs?: number; leaseMs?: number; log?: Logger };
export type DrainResult = { delivered: number; retried: number; dead: number };

const defaultLog: Logger = (msg, fields) => baseLog.info(msg, fields);

function settings(opts: WorkerOptions) {
  const e = env();
  return {
    id: opts.id ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
    concurrency: opts.concurrency ?? e.WORKER_CONCURRENCY,
    pollMs: opts.pollMs ?? 1000,
    maxAttempts: opts.maxAttempts ?? e.WORKER_MAX_ATTEMPTS,
    backoffMs: opts.backoffMs ?? e.WORKER_BACKOFF_MS,
    backoffCapMs: e.WORKER_BACKOFF_CAP_MS ?? BACKOFF_CAP_MS,
    leaseMs: opts.leaseMs ?? e.WORKER_LEASE_MS,
    log: opts.log ?? defaultLog,
  };
}

type Settings = ReturnType<typeof settings>;
type Outcome = keyof DrainResult;

/** Delivers one claimed item, records the outcome and counts it in the metrics. */
async function deliver(db: Db, item: ClaimedItem, s: Settings, stopSignal: AbortSignal): Promise<Outcome> {
  const started = performance.now();
  const outcome = await deliverOnce(db, item, s, stopSignal);
  observeJob("outbox", item.topic, outcome, (performance.now() - started) / 1000);
  return outcome;
}

/**
 * Delivers one claimed item and records the outcome; never throws. The handler's result and the
 * writing of it are kept apart: a delivery that worked stays delivered even if the database was
 * unreachable at that moment (`settle` writes it once it is back).
 */
async function deliverOnce(db: Db, item: ClaimedItem, s: Settings, stopSignal: AbortSignal): Promise<Outcome> {
  const def = topicDef(item.topic);
  const signal = AbortSignal.any([stopSignal, AbortSignal.timeout(Math.min(HANDLER_TIMEOUT_MS, s.leaseMs / 2))]);
  const ctx: JobContext = { db, log: s.log, workerId: s.id, signal };
  let result: Awaited<ReturnType<NonNullable<typeof def>["handler"]>>;
  try {
    if (!def) throw new PermanentFailure(`no handler for topic ${item.topic}`);
    result = await def.handler(item, ctx);
  } catch (err) {
    return recordFailure(db, item, err, s);
  }
  const fields = { topic: item.topic, outbox: item.id, attempt: item.attempts };
  if (!(await settle(() => markDelivered(db, item.id, result ?? undefined), fields, s.leaseMs))) return "retried";
  if (item.probe) {
    const channel = channelOf(item.topic);
    if (await clearHalt(db, channel).catch(() => false)) s.log("worker: channel resumed", { channel });
  }
  return "delivered";
}

/** A failed delivery: retried later, the channel halted, or dead. Never throws. */
async function recordFailure(db: Db, item: ClaimedItem, err: unknown, s: Settings): Promise<Outcome> {
  const message = err instanceof Error ? err.message : String(err);
  const fields = { topic: item.topic, outbox: item.id, attempt: item.attempts, error: message };
  const write = (what: () => Promise<unknown>) => settle(what, fields, s.leaseMs);
  if (err instanceof RetryAfter) {
    await write(() => reschedule(db, item.id, err.delayMs, message, true));
    return "retried";
  }
  if (err instanceof HaltChannel) {
    await write(() => haltChannel(db, err.channel, message));
    await write(() => reschedule(db, item.id, PROBE_MS, message, true));
    baseLog.error("worker: channel halted", { ...fields, channel: err.channel });
    return "retried";
  }
  // The handler could not reach our own database: soon again, and never dead for it. The attempt
  // stays counted: the handler may have reached the receiver before it lost the database (LAPOR
  // created the complaint, its id could not be saved), and a handler looks at the receiver before
  // sending again only when `attempts > 1` — refunding it sent the same complaint twice.
  if (isConnectionError(err)) {
    await write(() => reschedule(db, item.id, backoffDelay(1, s.backoffMs, s.backoffCapMs), message));
    baseLog.warn("worker: database unreachable during delivery, will retry", { ...fields, code: dbErrorCode(err) });
    return "retried";
  }
  const maxAttempts = topicDef(item.topic)?.maxAttempts ?? s.maxAttempts;
  if (err instanceof PermanentFailure || item.attempts >= maxAttempts) {
    await write(() => markDead(db, item.id, message));
    baseLog.error("worker: delivery failed for good", fields);
    return "dead";
  }
  await write(() => reschedule(db, item.id, backoffDelay(item.attempts, s.backoffMs, s.backoffCapMs), message));
  baseLog.warn("worker: delivery failed, will retry", fields);
  return "retried";
}

/** Delivers every item that is due now (and those that fall due meanwhile), then returns. For tests and scripts. */
export async function drainOnce(db: Db, opts: WorkerOptions & { topics?: string[] } = {}): Promise<DrainResult> {
  const s = settings(opts);
  const totals: DrainResult = { delivered: 0, retried: 0, dead: 0 };
  const stop = new AbortController();
  for (;;) {
    const items = await claimDue(db, opts.topics ?? registeredTopics(), s.concurrency, s.leaseMs);
    if (items.length === 0) return totals;
    for (const outcome of await Promise.all(items.map((i) => deliver(db, i, s, stop.signal)))) totals[outcome]++;
  }
}

/** Runs a periodic job now if no other worker holds it; false when it was held elsewhere. */
export async function runPeriodicNow(db: Db, name: string, opts: WorkerOptions = {}): Promise<boolean> {
  const def = periodicJob(name);
  if (!def) throw new Error(`unknown periodic job ${name}`);
  return runPeriodic(db, name, def, settings(opts), new AbortController().signal, 0);
}

async function runPeriodic(
  db: Db,
  name: string,
  def: NonNullable<ReturnType<typeof periodicJob>>,
  s: Settings,
  signal: AbortSignal,
  everyMs: number,
): Promise<boolean> {
  const state = await acquireLease(db, name, s.id, def.leaseMs, everyMs);
  if (!state) return false;
  const started = performance.now();
  try {
    const next = await def.run({ db, log: s.log, workerId: s.id, signal, state });
    observeJob("periodic", name, "ok", (performance.now() - started) / 1000);
    await settle(() => releaseLease(db, name, s.id, { ok: true, state: next ?? undefined }), { job: name }, def.leaseMs);
  } catch (err) {
    observeJob("periodic", name, "failed", (performance.now() - started) / 1000);
    const message = err instanceof Error ? err.message : String(err);
    baseLog.error("worker: periodic job failed", { job: name, code: dbErrorCode(err), error: message });
    await settle(() => releaseLease(db, name, s.id, { ok: false, error: message }), { job: name }, def.leaseMs);
  }
  return true;
}

/**
 * The worker loop: keeps up to `concurrency` deliveries in flight, claiming more as they finish,
 * and runs each periodic job when its period has passed. `stop()` lets in-flight work finish.
 */
export function startWorker(db: Db, opts: WorkerOptions = {}): { id: string; stop: (graceMs?: number) => Promise<void> } {
  const s = settings(opts);
  const stop = new AbortController();
  let claiming = true;
  const deliveries = new Set<Promise<unknown>>();
  // Outbox items this worker leased whose outcome is not recorded yet.
  const held = new Set<number>();
  const periodicRunning = new Map<string, Promise<unknown>>();
  let wake: (() => void) | undefined;
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => (clearTimeout(t), resolve());
    });

  // When each job's lease was last asked for: asking is a write, so a job is asked about at most
  // every few seconds (or its period, when shorter), not on every tick.
  const asked = new Map<string, number>();
  const tickPeriodic = () => {
    for (const [name, def] of periodicJobs()) {
      if (periodicRunning.has(name)) continue;
      const everyMs = typeof def.everyMs === "function" ? def.everyMs() : def.everyMs;
      if (Date.now() - (asked.get(name) ?? 0) < Math.min(everyMs, 5_000)) continue;
      asked.set(name, Date.now());
      const p = runPeriodic(db, name, def, s, stop.signal, everyMs)
        .catch((err) => baseLog.error("worker: periodic lease failed", { job: name, error: String(err) }))
        .finally(() => periodicRunning.delete(name));
      periodicRunning.set(name, p);
    }
  };

  const loop = (async () => {
    let lastPeriodic = 0;
    while (claiming && !stop.signal.aborted) {
      try {
        if (Date.now() - lastPeriodic >= 1000) {
          lastPeriodic = Date.now();
          tickPeriodic();
        }
        // Claims in batches (a quarter of the slots at least) rather than one item per finished
        // delivery: each claim is a round trip and a locking scan of the queue.
        const free = s.concurrency - deliveries.size;
        const batch = deliveries.size === 0 ? 1 : Math.ceil(s.concurrency / 4);
        const items = free >= batch ? await claimDue(db, registeredTopics(), free, s.leaseMs) : [];
        for (const item of items) {
          held.add(item.id);
          const p = deliver(db, item, s, stop.signal)
            .then(() => held.delete(item.id))
            .finally(() => {
              deliveries.delete(p);
              wake?.();
            });
          deliveries.add(p);
        }
        if (items.length === 0 || items.length < free) await nap(s.pollMs);
        else await nap(0);
      } catch (err) {
        baseLog.error("worker: loop error", { error: err instanceof Error ? err.message : String(err) });
        await nap(Math.max(s.pollMs, 1000));
      }
    }
  })();

  s.log("worker: started", { worker: s.id, topics: registeredTopics().length, periodic: periodicJobs().length });
  return {
    id: s.id,
    /**
     * Stops claiming at once and lets the work in flight finish for up to `graceMs` (0: abort it
     * now; its handlers see the signal). Whatever this worker still holds afterwards — an item
     * whose outcome could not be recorded, a periodic job's lease — is given back, so another
     * worker takes it now rather than when the lease runs out.
     */
    stop: async (graceMs = 0) => {
      claiming = false;
      const cut = setTimeout(() => stop.abort(), graceMs);
      if (graceMs <= 0) stop.abort();
      wake?.();
      try {
        await loop;
        await Promise.allSettled([...deliveries, ...periodicRunning.values()]);
      } finally {
        clearTimeout(cut);
        stop.abort();
        await releaseHeld(db, s.id, [...held]).catch((err) => baseLog.error("worker: leases not released", { worker: s.id, error: String(err) }));
      }
    },
  };
}

type RunningWorker = ReturnType<typeof startWorker>;
// On globalThis: `npm start` stops the worker that Next's bundle started (instrumentation.ts).
const processWorkerKey = Symbol.for("pintu.process-worker");

/**
 * Starts the serving process's in-process worker, once (instrumentation.ts, under `npm start` and
 * `next start` alike); later calls return the same one.
 */
export function startProcessWorker(db: Db): RunningWorker {
  const g = globalThis as Record<symbol, RunningWorker | undefined>;
  return (g[processWorkerKey] ??= startWorker(db));
}

/** The serving process's in-process worker, if it started one (scripts/start.ts stops it on SIGTERM). */
export function processWorker(): RunningWorker | undefined {
  return (globalThis as Record<symbol, RunningWorker | undefined>)[processWorkerKey];
}
