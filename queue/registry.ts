import type { Db } from "@/db/client";
import { TOPICS, type TopicName, type TopicPayload } from "@/domain/outbox-topics";

/**
 * What the worker does, registered by feature modules (imported from jobs/topics.ts): outbox
 * topics it delivers and periodic jobs it runs. No Next, no "server-only": `npm run worker`
 * runs this in a plain Node process.
 */

export type OutboxItem = {
  id: number;
  topic: string;
  complaintId: number | null;
  payload: Record<string, unknown>;
  /** Attempts so far, this one included. */
  attempts: number;
  dedupeKey: string | null;
  createdAt: Date;
};

/** An item of topic `T`, its payload parsed by the topic's schema (what `defineTopic`'s handler gets). */
export type TopicItem<T extends TopicName> = OutboxItem & { payload: TopicPayload<T> };

export type Logger = (msg: string, fields?: Record<string, unknown>) => void;

export type JobContext = { db: Db; log: Logger; workerId: string; signal: AbortSignal };

/** Delivers one item; resolves when delivered (the returned object is kept in outbox.result). */
export type TopicHandler = (item: OutboxItem, ctx: JobContext) => Promise<void | Record<string, unknown>>;

type PeriodicContext = JobContext & { state: Record<string, unknown> };

/** Runs once per period; the returned object (if any) replaces the job's persisted state. */
export type PeriodicJob = (ctx: PeriodicContext) => Promise<Record<string, unknown> | void>;

/** The receiver asked to wait (e.g. 429 with Retry-After): retried then, not counted as an attempt. */
export class RetryAfter extends Error {
  constructor(
    readonly delayMs: number,
    message = `retry after ${delayMs} ms`,
  ) {
    super(message);
    this.name = "RetryAfter";
  }
}

/**
 * The whole channel is unusable until someone acts (e.g. 401: the token expired): every topic
 * `<channel>.*` waits, the halt is recorded for the integration page, and the worker probes
 * again later, resuming by itself once a delivery succeeds.
 */
export class HaltChannel extends Error {
  constructor(
    readonly channel: string,
    message: string,
  ) {
    super(message);
    this.name = "HaltChannel";
  }
}

/** Retrying cannot help (e.g. the receiver rejects the content): straight to the dead letters. */
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentFailure";
  }
}

type TopicDef = { handler: TopicHandler; maxAttempts?: number };
type PeriodicDef = { everyMs: number | (() => number); leaseMs: number; run: PeriodicJob };

const key = Symbol.for("pintu.jobs");
type Registry = { topics: Map<string, TopicDef>; periodic: Map<string, PeriodicDef> };
// On globalThis: Next may bundle this module into several chunks of one process.
const registry: Registry = ((globalThis as Record<symbol, unknown>)[key] as Registry | undefined) ??
  ((globalThis as Record<symbol, Registry>)[key] = { topics: new Map(), periodic: new Map() });

/**
 * Registers the handler of an outbox topic of domain/outbox-topics.ts (e.g. `lapor.followup`).
 * The handler gets the payload parsed by the topic's schema; one that does not fit goes
 * straight to the dead letters.
 */
export function defineTopic<T extends TopicName>(
  topic: T,
  handler: (item: TopicItem<T>, ctx: JobContext) => Promise<void | Record<string, unknown>>,
  opts: { maxAttempts?: number } = {},
): void {
  const schema = TOPICS[topic].payload;
  const checked: TopicHandler = (item, ctx) => {
    const parsed = schema.safeParse(item.payload);
    if (!parsed.success) throw new PermanentFailure(`unreadable ${topic} payload`);
    return handler({ ...item, payload: parsed.data }, ctx);
  };
  registerTopic(topic, checked, opts);
}

/** The queue engine's own registration, for any topic name (its tests use made-up topics); the app uses `defineTopic`. */
export function registerTopic(topic: string, handler: TopicHandler, opts: { maxAttempts?: number } = {}): void {
  registry.topics.set(topic, { handler, maxAttempts: opts.maxAttempts });
}

/** Registers a periodic job; only one worker process runs it at a time (a lease in job_leases). */
export function definePeriodic(
  name: string,
  opts: { everyMs: number | (() => number); leaseMs?: number },
  run: PeriodicJob,
): void {
  registry.periodic.set(name, { everyMs: opts.everyMs, leaseMs: opts.leaseMs ?? 5 * 60_000, run });
}

/** The delivery channel of a topic: `lapor.followup` → `lapor`. */
export function channelOf(topic: string): string {
  const dot = topic.indexOf(".");
  return dot < 0 ? topic : topic.slice(0, dot);
}

export function topicDef(topic: string): TopicDef | undefined {
  return registry.topics.get(topic);
}

export function registeredTopics(): string[] {
  return [...registry.topics.keys()];
}

export function periodicJobs(): [string, PeriodicDef][] {
  return [...registry.periodic.entries()];
}

export function periodicJob(name: string): PeriodicDef | undefined {
  return registry.periodic.get(name);
}
