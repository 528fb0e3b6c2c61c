import { z } from "zod";

/**
 * Payload variants a real LAPOR may show: CONTRACTS.md says field types are as observed, not
 * guaranteed. Each switch changes how the simulator writes its records (v3 only).
 */
const variantSchema = z.object({
  /** `status_code`, `status_old`, `status_new` as LAPOR's status names ("didisposisikan"). */
  statusNames: z.boolean().default(false),
  /** Numeric ids as strings ("100001"), in lists and in the answers to writes. */
  stringIds: z.boolean().default(false),
  /** Optional fields left out (category, location, channel, names, template, rating…). */
  omitOptional: z.boolean().default(false),
  /** Fields the contract does not name, in every record, page and answer. */
  extraFields: z.boolean().default(false),
  /** `reporter: []` (PHP's empty array) instead of null. */
  reporterArray: z.boolean().default(false),
});
export type Variant = z.output<typeof variantSchema>;
export const VARIANTS = Object.keys(variantSchema.shape) as (keyof Variant)[];

/** The writes a lost answer can be aimed at. */
export const WRITE_CALLS = ["create", "followup", "forward"] as const;
export type WriteCall = (typeof WRITE_CALLS)[number];

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
  /**
   * "Store the write, lose the answer", aimed: the next N creates (`POST /complaints/complaint`),
   * follow-ups (`…/followup/add`) or forwards (`…/process/{id}/reject`) are performed and their
   * connection is then dropped, after `lostAnswerDelayMs` (time for a test to kill the worker).
   */
  loseAnswerOf: z
    .object({ create: z.number().int().min(0).default(0), followup: z.number().int().min(0).default(0), forward: z.number().int().min(0).default(0) })
    .default({ create: 0, followup: 0, forward: 0 }),
  lostAnswerDelayMs: z.number().int().min(0).max(600_000).default(0),
  /** Every read of the LAPOR API answered 200 with a body that is not LAPOR's JSON (a list that cannot be read). */
  unreadableReads: z.boolean().default(false),
  /** Payload shapes: "v4" changes them (renamed fields, ISO timestamps). */
  version: z.enum(["v3", "v4"]).default("v3"),
  /** Payload variants of v3 (see variantSchema). */
  variant: variantSchema.default({ statusNames: false, stringIds: false, omitOptional: false, extraFields: false, reporterArray: false }),
});
export type Faults = z.output<typeof faultsSchema>;
/** What a test or the admin API may change: any subset, defaults filled in. */
export type FaultsInput = Partial<z.input<typeof faultsSchema>>;

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

/** An answer of the simulator: status, JSON body, extra headers. */
export type Reply = { status: number; body: unknown; headers?: Record<string, string> };
