/** The two servers the suite starts (see playwright.config.ts); E2E_PORT moves both, e.g. for a second checkout. */
export const MAIN_PORT = Number(process.env.E2E_PORT ?? 3100);
export const LIMITED_PORT = MAIN_PORT + 1;
/** Public writes per minute per client address on the rate-limited server. */
export const LIMITED_RATE = 3;
export const MAIN_URL = `http://127.0.0.1:${MAIN_PORT}`;
export const LIMITED_URL = `http://127.0.0.1:${LIMITED_PORT}`;
/** The admin token of the LAPOR simulator mounted in the e2e servers (`LAPOR_SIM_ADMIN_TOKEN`). */
export const E2E_SIM_ADMIN_TOKEN = "e2e-lapor-sim-admin-token-0123456789";
/** METRICS_TOKEN of the e2e servers under `next start`, whose /metrics cannot tell a local caller (app/metrics/route.ts). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789abcdef";
/**
 * Which server the suite's two portals run: "npm" (`npm start`'s scripts/start.ts, the default) or
 * "next" (plain `next start` after `npm run db:seed`, same environment; E2E_SERVER=next). Specs of
 * what only `npm start` does (request ids and request metrics, the mounted LAPOR simulator, the
 * page cache, starting `npm start` servers of their own) skip themselves under "next".
 */
export const E2E_SERVER: "npm" | "next" = process.env.E2E_SERVER === "next" ? "next" : "npm";
