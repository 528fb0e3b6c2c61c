import "server-only";
import { env } from "./env";
import type { FetchLaporStatus } from "./lapor-reconcile";

/**
 * Reads a complaint's status from LAPOR for the reconciliation report (`GET
 * /complaints/{id}/complaint`); null when the integration is switched off (LAPOR_BASE_URL unset).
 */
export function laporStatusFetcher(): FetchLaporStatus | null {
  const e = env();
  if (!e.LAPOR_BASE_URL) return null;
  const base = e.LAPOR_BASE_URL.replace(/\/+$/, "");
  const headers = { Authorization: `Bearer ${e.LAPOR_API_KEY ?? ""}`, token: e.LAPOR_INSTITUTION_TOKEN ?? "", Accept: "application/json" };
  return async (laporId, signal) => {
    const res = await fetch(`${base}/complaints/${encodeURIComponent(laporId)}/complaint`, { headers, signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`LAPOR answered ${res.status}`);
    const body = (await res.json()) as { results?: { data?: { status_code?: unknown; status_name?: unknown } } };
    const code = Number(body.results?.data?.status_code);
    if (!Number.isInteger(code)) throw new Error("LAPOR's complaint has no status_code");
    return { statusCode: code, statusName: typeof body.results?.data?.status_name === "string" ? body.results.data.status_name : undefined };
  };
}
