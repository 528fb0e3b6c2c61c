/**
 * `npm run lapor-sim`: the simulator as its own HTTP server. Configured by its own variables
 * (it is a test tool, not part of the portal): LAPOR_SIM_PORT (3900), LAPOR_SIM_HOST
 * (127.0.0.1), LAPOR_SIM_API_KEY, LAPOR_SIM_TOKEN, LAPOR_SIM_INSTITUTION_ID, LAPOR_SIM_DEMO=1 to
 * start with a few demo complaints, LAPOR_SIM_ADMIN_TOKEN (the admin API's token; a random one,
 * printed here, when unset).
 */
import { seedSimDemo } from "./demo";
import { SIM_DEFAULTS, startLaporSim } from "./server";

const e = process.env;
const sim = await startLaporSim({
  port: Number(e.LAPOR_SIM_PORT ?? 3900),
  host: e.LAPOR_SIM_HOST ?? "127.0.0.1",
  apiKey: e.LAPOR_SIM_API_KEY || SIM_DEFAULTS.apiKey,
  token: e.LAPOR_SIM_TOKEN || SIM_DEFAULTS.token,
  institutionId: e.LAPOR_SIM_INSTITUTION_ID || SIM_DEFAULTS.institutionId,
  adminToken: e.LAPOR_SIM_ADMIN_TOKEN || undefined,
});
if (e.LAPOR_SIM_DEMO === "1") seedSimDemo(sim.store);
const shown = e.LAPOR_SIM_ADMIN_TOKEN ? "the value of LAPOR_SIM_ADMIN_TOKEN" : sim.adminToken;
console.log(`lapor-sim: listening on ${sim.url}; admin API at ${sim.url}/_admin/… from this machine only, with the header X-Admin-Token: ${shown}`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
