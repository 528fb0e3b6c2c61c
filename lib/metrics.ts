import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/**
 * The metrics each process counts itself (`pintu_*`): requests, intake, worker jobs, SLA breaches,
 * and Node's process metrics. With several serving processes (PINTU_PROCESSES) they are summed
 * across processes at scrape time (server/metrics/cluster.ts); figures that live in the database
 * (complaints by status, the outbox, channel state, connections) are read at scrape time instead
 * (server/metrics/database.ts), so every process and host reports the same truth.
 * Kept on globalThis: Next bundles its own copy of this module into the same process.
 */
function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "pintu_" });
  const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    httpRequests: new Counter({ name: "pintu_http_requests_total", help: "HTTP requests answered, by route, method and status", labelNames: ["route", "method", "status"] as const, registers: [registry] }),
    httpDuration: new Histogram({ name: "pintu_http_request_duration_seconds", help: "Time from a request's arrival to the end of its answer, by route, method and status", labelNames: ["route", "method", "status"] as const, buckets: latencyBuckets, registers: [registry] }),
    intake: new Counter({ name: "pintu_intake_total", help: "Complaints taken in by this process, by channel (replays of an Idempotency-Key and known LAPOR complaints not counted)", labelNames: ["channel"] as const, registers: [registry] }),
    jobDuration: new Histogram({ name: "pintu_worker_job_duration_seconds", help: "Worker deliveries (kind outbox, job = topic) and periodic jobs (kind periodic), by outcome", labelNames: ["kind", "job", "outcome"] as const, buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300], registers: [registry] }),
    jobFailures: new Counter({ name: "pintu_worker_job_failures_total", help: "Worker deliveries and periodic jobs that failed, by outcome (retried, dead, failed)", labelNames: ["kind", "job", "outcome"] as const, registers: [registry] }),
    slaBreaches: new Counter({ name: "pintu_sla_breaches_total", help: "Service-level deadlines the SLA sweep found breached, by clock", labelNames: ["clock"] as const, registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof create>;
const key = Symbol.for("pintu.metrics");

/** This process's metrics (created on first use). */
export function metrics(): Metrics {
  const g = globalThis as Record<symbol, unknown>;
  return (g[key] as Metrics | undefined) ?? (g[key] = create()) as Metrics;
}

/** Records one worker job: how long it took and, unless delivered, how it failed. */
export function observeJob(kind: "outbox" | "periodic", job: string, outcome: "delivered" | "retried" | "dead" | "ok" | "failed", seconds: number): void {
  const m = metrics();
  m.jobDuration.observe({ kind, job, outcome }, seconds);
  if (outcome !== "delivered" && outcome !== "ok") m.jobFailures.inc({ kind, job, outcome });
}
