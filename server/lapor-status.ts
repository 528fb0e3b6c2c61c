import "server-only";
import type { Db } from "@/db/client";
import { quarantinePayload } from "@/db/queries/lapor";
import { ADAPTER_VERSION, fetchStatus, LaporHttpError, LaporShapeError, laporConfig, listFollowups } from "@/integrations/lapor";
import { followupRefsIn } from "@/integrations/lapor/refs";
import type { LaporReader } from "./lapor-reconcile";

/**
 * Reads what the reconciliation report compares, through the adapter; null when the integration
 * is switched off. A payload the adapter cannot read is quarantined (shown on the integration
 * page) and counts as a failed fetch.
 */
export function laporReader(db: Db): LaporReader | null {
  const cfg = laporConfig();
  if (!cfg) return null;
  const quarantined = async <T>(read: () => Promise<T>, onMissing: T): Promise<T> => {
    try {
      return await read();
    } catch (err) {
      if (err instanceof LaporHttpError && err.status === 404) return onMissing;
      if (err instanceof LaporShapeError) await quarantinePayload(db, { ...err.unreadable, adapterVersion: ADAPTER_VERSION });
      throw err;
    }
  };
  return {
    status: (laporId, signal) => quarantined(() => fetchStatus(cfg, laporId, { signal }), null),
    // Pintu's references in the complaint's follow-ups, read from the raw entries (readable or
    // not); a reporter's entry quoting one is not Pintu's write.
    refs: (laporId, signal) =>
      quarantined(async () => {
        const listed = await listFollowups(cfg, laporId, { signal });
        const found = new Map<number, string[]>();
        for (const e of listed.entries) {
          if (e.item?.author_type === "reporter") continue;
          for (const ref of followupRefsIn(JSON.stringify(e.value))) found.set(ref, [...(found.get(ref) ?? []), e.item?.id ?? "?"]);
        }
        return found;
      }, new Map()),
  };
}
