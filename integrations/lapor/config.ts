import { env } from "@/lib/env";
import type { LaporConfig } from "./http";

const key = Symbol.for("pintu.lapor.config");
type G = typeof globalThis & { [key]?: LaporConfig | null };

/**
 * Where LAPOR is for this process: set explicitly (the simulator `npm start` runs in-process,
 * or a test), else LAPOR_BASE_URL and its credentials, else null (integration disabled). Kept on
 * globalThis because Next bundles server code into several chunks.
 */
export function laporConfig(): LaporConfig | null {
  const g = globalThis as G;
  if (g[key] !== undefined) return g[key];
  const e = env();
  if (!e.LAPOR_BASE_URL) return null;
  return {
    baseUrl: e.LAPOR_BASE_URL,
    apiKey: e.LAPOR_API_KEY ?? "",
    token: e.LAPOR_INSTITUTION_TOKEN ?? "",
    institutionId: e.LAPOR_INSTITUTION_ID ?? "",
    timeoutMs: e.LAPOR_TIMEOUT_MS,
    pollSince: e.LAPOR_POLL_SINCE ?? null,
  };
}

/** Points this process at a LAPOR (null: disabled; undefined: back to the environment). */
export function setLaporConfig(cfg: LaporConfig | null | undefined): void {
  const g = globalThis as G;
  if (cfg === undefined) delete g[key];
  else g[key] = cfg;
}
