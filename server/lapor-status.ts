import "server-only";
import type { Db } from "@/db/client";
import { quarantinePayload } from "@/db/queries/lapor";
import { ADAPTER_VERSION, fetchComplaint, LaporHttpError, LaporShapeError, laporConfig } from "@/integrations/lapor";
import type { FetchLaporStatus } from "./lapor-reconcile";

/**
 * Reads a complaint's status from LAPOR through the adapter, for the reconciliation report; null
 * when the integration is switched off. A payload the adapter cannot read is quarantined (shown
 * on the integration page) and counts as a failed fetch.
 */
export function laporStatusFetcher(db: Db): FetchLaporStatus | null {
  const cfg = laporConfig();
  if (!cfg) return null;
  return async (laporId, signal) => {
    try {
      const { complaint } = await fetchComplaint(cfg, laporId, { signal });
      return { statusCode: complaint.status_code, statusName: complaint.status_name ?? undefined };
    } catch (err) {
      if (err instanceof LaporHttpError && err.status === 404) return null;
      if (err instanceof LaporShapeError) await quarantinePayload(db, { ...err.unreadable, adapterVersion: ADAPTER_VERSION });
      throw err;
    }
  };
}
