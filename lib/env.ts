import { z } from "zod";
import { parseTrustProxy } from "./forwarded";

const flag = z
  .enum(["1", "0", "true", "false", "on", "off", "yes", "no", ""])
  .transform((v) => ["1", "true", "on", "yes"].includes(v));

/** Whether Intl knows the zone (a typo would otherwise fail every deadline and page later). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name);
  } catch {
    return false;
  }
}

/** The settings read from the environment (exported for the test that checks the README lists them). */
export const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().min(1).default("./.data"),
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(3000),
  /** The address `npm start` listens on; unset: 127.0.0.1 in demo mode (nobody else reaches the demo), 0.0.0.0 otherwise. */
  HOST: z
    .string()
    .regex(/^(?:[A-Za-z0-9.-]+|[0-9A-Fa-f:]+)$/, "must be an IP address or host name, such as 127.0.0.1 or 0.0.0.0")
    .optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PINTU_REGION: z.string().regex(/^[A-Z]{2,6}$/, "must be 2–6 capital letters").default("BTM"),
  PINTU_DEMO: flag.optional(),
  /** The region's zone (IANA name): deadlines count its working days, pages show its times. */
  PINTU_TIME_ZONE: z
    .string()
    .default("Asia/Jakarta")
    .refine(isTimeZone, "must be a time zone name such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura"),
  PUBLIC_RATE_LIMIT: z.coerce.number({ error: "must be a whole number (0 turns the limit off)" }).int().min(0).default(30),
  /** Proxies trusted to name the client in X-Forwarded-For: a number counted from the right, or addresses/CIDRs (lib/forwarded.ts). */
  TRUST_PROXY: z
    .string()
    .default("0")
    .transform((v, ctx) => {
      const trust = parseTrustProxy(v);
      if (typeof trust !== "string") return trust;
      ctx.addIssue({ code: "custom", message: trust });
      return z.NEVER;
    }),
  /** `npm run worker` serves GET /metrics on this port (same access rules as the portal's); unset → none. */
  WORKER_METRICS_PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).optional(),
  /** Bearer token for GET /metrics; unset → /metrics answers loopback clients only. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** How long `npm start` may keep a public tracking page (checked against the database on each hit); 0 turns it off. */
  PAGE_CACHE_SECONDS: z.coerce.number({ error: "must be a whole number of seconds (0 turns the cache off)" }).int().min(0).max(3600).default(60),
  LAPOR_BASE_URL: z.url().optional(),
  LAPOR_API_KEY: z.string().optional(),
  LAPOR_INSTITUTION_TOKEN: z.string().optional(),
  LAPOR_INSTITUTION_ID: z.string().optional(),
  /** The demo's in-process LAPOR simulator: its admin API's token (a random one, printed at start, when unset). */
  LAPOR_SIM_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  LAPOR_POLL_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).int().min(5).default(60),
  /**
   * Where the very first poll starts (later polls follow their watermark): an ISO date (midnight
   * WIB) or date and time with an offset. Unset: LAPOR's whole history of complaints disposed to the city.
   */
  LAPOR_POLL_SINCE: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be an ISO date such as 2026-01-01 (or a date and time with an offset)" })
    .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00+07:00` : v))
    .optional(),
  /** How long one LAPOR call may take before it counts as a timeout. */
  LAPOR_TIMEOUT_MS: z.coerce.number({ error: "must be a number of milliseconds" }).int().min(100).default(15_000),
  SMS_INBOUND_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  SMS_OUTBOUND_URL: z
    .string()
    .regex(/^https?:\/\//, "must be an http:// or https:// URL")
    .refine((v) => v.includes("{to}") && v.includes("{text}"), "must contain {to} and {text}")
    .optional(),
  SMS_PER_SENDER_PER_HOUR: z.coerce.number({ error: "must be a whole number (0 turns the limit off)" }).int().min(0).default(20),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  SMTP_FROM: z.string().min(3).default("Pintu <no-reply@pintu.local>"),
  PUBLIC_BASE_URL: z.url({ error: "must be a URL such as https://pintu.batam.go.id" }).optional(),
  /**
   * Map tiles for the reporter's optional map pin on /lapor, a Leaflet URL template
   * (`https://tiles.example/{z}/{x}/{y}.png`). Unset: no map, only "use my location" and the
   * typed coordinates. Its origin is added to the Content-Security-Policy's img-src.
   */
  MAP_TILE_URL: z
    .string()
    .regex(/^(https?:\/\/[^/]+)?\/.*\{z\}.*\{x\}.*\{y\}/, "must be an http(s) URL (or a path) containing {z}, {x} and {y}")
    .optional(),
  /** Who the tiles are from, shown on the map (e.g. "© OpenStreetMap contributors"). */
  MAP_TILE_ATTRIBUTION: z.string().max(200).optional(),
  /** Where the map opens when the reporter has no point yet: "lat,lon,zoom" (default Batam). */
  MAP_CENTER: z
    .string()
    .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?,\d{1,2}$/, "must be lat,lon,zoom such as 1.0828,104.0305,12")
    .default("1.0828,104.0305,12"),
  /** Public pages that need no JavaScript are sent without Next's scripts (scripts/light-pages.ts); off only to compare. */
  LIGHT_PAGES: flag.default(true),
  /** `npm start` calls the route handlers of the JSON intake, lookup, SMS and Open311 itself, ahead of Next's request pipeline (scripts/fast-paths.ts); off: through Next's pipeline. */
  PINTU_FAST_PATHS: flag.default(true),
  PINTU_WORKER: flag.default(true),
  /** Serving processes `npm start` runs with PostgreSQL (the embedded database allows one). */
  PINTU_PROCESSES: z.coerce.number({ error: "must be a whole number of processes" }).int().min(1).max(64).default(1),
  /** On SIGTERM/SIGINT: how long requests in flight and the worker's deliveries may take to finish before they are cut. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number({ error: "must be a whole number of seconds" }).int().min(0).max(600).default(25),
  /** /api/health reports `degraded` when the oldest pending outbox item is older than this. */
  HEALTH_OUTBOX_MAX_AGE_SECONDS: z.coerce.number({ error: "must be a whole number of seconds" }).int().min(1).default(900),
  WORKER_MAX_ATTEMPTS: z.coerce.number({ error: "must be a whole number" }).int().min(1).max(100).default(8),
  WORKER_BACKOFF_MS: z.coerce.number({ error: "must be a number of milliseconds" }).int().min(10).default(2000),
  /** The longest wait between two attempts of one item (default one hour). */
  WORKER_BACKOFF_CAP_MS: z.coerce.number({ error: "must be a number of milliseconds" }).int().min(100).optional(),
  /** How long a claimed item stays invisible to other workers (a killed worker's items return after it). */
  WORKER_LEASE_MS: z.coerce.number({ error: "must be a number of milliseconds" }).int().min(1000).default(120_000),
  WORKER_CONCURRENCY: z.coerce.number({ error: "must be a whole number" }).int().min(1).max(64).default(16),
  /** How often the worker brings the SLA board's and public statistics' figures up to date. */
  SLA_STATS_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).int().min(1).max(3600).default(60),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.output<typeof envSchema> & { demo: boolean; embedded: boolean; listenHost: string };

/** Parses configuration, or throws one line naming the first invalid variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // `VAR=` (as compose files and systemd units write it) means unset: without this an empty
  // PUBLIC_RATE_LIMIT coerced to 0 and silently turned rate limiting off.
  const result = envSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${String(issue.path[0])} ${issue.message}`);
  }
  const env = result.data;
  const embedded = !env.DATABASE_URL;
  const demo = env.PINTU_DEMO ?? embedded;
  return { ...env, embedded, demo, listenHost: env.HOST ?? (demo ? "127.0.0.1" : "0.0.0.0") };
}

export class ConfigError extends Error {}

let cached: Env | undefined;

/** The validated process configuration; the only reader of process.env. */
export function env(): Env {
  return (cached ??= parseEnv(process.env));
}
