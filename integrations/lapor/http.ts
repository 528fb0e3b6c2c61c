/**
 * Transport for the LAPOR adapter: one request with LAPOR's auth headers, a timeout, and every
 * failure turned into a LaporHttpError whose `kind` says what the caller should do.
 */
import { createHash } from "node:crypto";

export type LaporConfig = {
  baseUrl: string;
  apiKey: string;
  token: string;
  /** The city's institution id in LAPOR (whose disposed complaints we read). */
  institutionId: string;
  timeoutMs: number;
  /** Where the very first poll starts (LAPOR_POLL_SINCE); null or absent: LAPOR's whole history. */
  pollSince?: Date | null;
};

export type LaporFailureKind = "timeout" | "network" | "server" | "rate_limited" | "unauthorized" | "rejected";

/**
 * A call that did not succeed. `timeout` and `network` (connection lost) mean a write may or may
 * not have happened; `server` (5xx) and `rate_limited` (429) are worth retrying; `unauthorized`
 * (401) needs a person; `rejected` (another 4xx) will fail again unchanged.
 */
export class LaporHttpError extends Error {
  constructor(
    readonly kind: LaporFailureKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "LaporHttpError";
  }
}

/** What LAPOR sent that this adapter version cannot read: kept raw and quarantined. */
export type Unreadable = { source: string; raw: string; reason: string; fingerprint: string };

export class LaporShapeError extends Error {
  constructor(readonly unreadable: Unreadable) {
    super(`LAPOR payload from ${unreadable.source} does not match the adapter: ${unreadable.reason}`);
    this.name = "LaporShapeError";
  }
}

export function unreadable(source: string, raw: string, reason: string): Unreadable {
  return { source, raw, reason: reason.slice(0, 1000), fingerprint: createHash("sha256").update(source).update("\0").update(raw).digest("hex") };
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds (default 30 s when missing). */
function retryAfterMs(header: string | null, now = Date.now()): number {
  if (!header) return 30_000;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : 30_000;
}

export type Body = { kind: "form"; fields: Record<string, string> } | { kind: "multipart"; fields: Record<string, string>; files?: { field: string; name: string; mime: string; bytes: Uint8Array }[] };

/** Sends one request; returns the raw response text (or bytes with `binary`). */
export async function laporRequest(
  cfg: LaporConfig,
  method: "GET" | "POST",
  path: string,
  opts: { query?: Record<string, string | number | undefined>; body?: Body; signal?: AbortSignal; binary?: boolean } = {},
): Promise<{ text: string; bytes: Uint8Array; contentType: string }> {
  const url = path.startsWith("http") ? new URL(path) : new URL(cfg.baseUrl.replace(/\/$/, "") + path);
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { authorization: `Bearer ${cfg.apiKey}`, token: cfg.token, accept: "application/json" };
  let body: string | FormData | undefined;
  if (opts.body?.kind === "form") {
    body = new URLSearchParams(opts.body.fields).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
  } else if (opts.body?.kind === "multipart") {
    const fd = new FormData();
    for (const [k, v] of Object.entries(opts.body.fields)) fd.append(k, v);
    for (const f of opts.body.files ?? []) fd.append(f.field, new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.mime }), f.name);
    body = fd;
  }
  const timeout = AbortSignal.timeout(cfg.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, signal });
  } catch (err) {
    if (timeout.aborted) throw new LaporHttpError("timeout", `LAPOR ${method} ${path}: no answer within ${cfg.timeoutMs} ms`);
    if (opts.signal?.aborted) throw err;
    throw new LaporHttpError("network", `LAPOR ${method} ${path}: connection failed (${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message})`);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch {
    if (timeout.aborted) throw new LaporHttpError("timeout", `LAPOR ${method} ${path}: answer not complete within ${cfg.timeoutMs} ms`);
    throw new LaporHttpError("network", `LAPOR ${method} ${path}: connection lost while reading the answer`);
  }
  const text = opts.binary ? "" : new TextDecoder().decode(bytes);
  const where = `LAPOR ${method} ${path}`;
  if (res.status === 401 || res.status === 403) throw new LaporHttpError("unauthorized", `${where}: ${res.status} (token rejected)`, res.status);
  if (res.status === 429) {
    const ms = retryAfterMs(res.headers.get("retry-after"));
    throw new LaporHttpError("rate_limited", `${where}: 429, retry after ${ms} ms`, 429, ms);
  }
  if (res.status >= 500) throw new LaporHttpError("server", `${where}: ${res.status}`, res.status);
  if (res.status >= 400) throw new LaporHttpError("rejected", `${where}: ${res.status} ${text.slice(0, 200)}`, res.status);
  return { text, bytes, contentType: res.headers.get("content-type") ?? "" };
}
