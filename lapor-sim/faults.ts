import { z } from "zod";

/** Faults the simulator injects into the LAPOR API (never into the admin API). Rates are 0–1. */
export const faultsSchema = z.object({
  /** Added to every call, plus up to `latencyJitterMs` more. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  latencyJitterMs: z.number().int().min(0).max(60_000).default(0),
  /** Share of calls answered 500/502/503 without doing anything. */
  errorRate: z.number().min(0).max(1).default(0),
  /** Share of calls that hang for `hangMs` and then lose the connection, without doing anything. */
  timeoutRate: z.number().min(0).max(1).default(0),
  hangMs: z.number().int().min(0).max(600_000).default(30_000),
  /** Share of calls answered 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitRate: z.number().min(0).max(1).default(0),
  retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  /** Every call answered 401 (an expired token). */
  unauthorized: z.boolean().default(false),
  /** Share of writes that are performed and then lose the connection before the answer. */
  lostResponseRate: z.number().min(0).max(1).default(0),
  /** Payload shapes: "v4" changes them (renamed fields, ISO timestamps). */
  version: z.enum(["v3", "v4"]).default("v3"),
});
export type Faults = z.output<typeof faultsSchema>;

export const NO_FAULTS: Faults = faultsSchema.parse({});

/** What happens to one call, decided before it is handled. */
export type Fate =
  | { kind: "unauthorized" }
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "error"; status: number }
  | { kind: "hang"; ms: number }
  | { kind: "serve"; delayMs: number; loseResponse: boolean };

export function decideFate(f: Faults, isWrite: boolean, random: () => number = Math.random): Fate {
  if (f.unauthorized) return { kind: "unauthorized" };
  if (f.rateLimitRate > 0 && random() < f.rateLimitRate) return { kind: "rate_limited", retryAfterSeconds: f.retryAfterSeconds };
  if (f.errorRate > 0 && random() < f.errorRate) return { kind: "error", status: [500, 502, 503][Math.floor(random() * 3)]! };
  if (f.timeoutRate > 0 && random() < f.timeoutRate) return { kind: "hang", ms: f.hangMs };
  const delayMs = f.latencyMs + (f.latencyJitterMs > 0 ? Math.floor(random() * f.latencyJitterMs) : 0);
  return { kind: "serve", delayMs, loseResponse: isWrite && f.lostResponseRate > 0 && random() < f.lostResponseRate };
}
