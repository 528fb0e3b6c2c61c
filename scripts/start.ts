import cluster from "node:cluster";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { sharedDb } from "@/db/client";
import { prepareDb } from "@/db/seed";
import { setLaporConfig } from "@/integrations/lapor/config";
import { processWorker } from "@/queue/run";
import { seedDemoComplaints } from "@/server/demo-complaints";
import { env, type Env } from "@/lib/env";
import { installJsonConsole } from "@/lib/console-json";
import { superviseClusterMetrics } from "@/server/metrics/cluster";
import { requestProblem, sendRefusal } from "@/server/request-guard";
import { PEER_RECORDED_ENV } from "@/server/request-context";
import { applySecurityHeaders, isHttps, tileOrigins } from "@/server/security-headers";
import { seedSimDemo } from "@/lapor-sim/demo";
import { createLaporSim, randomSecret, SIM_DEFAULTS } from "@/lapor-sim/server";
import { authSecretFor } from "./auth-secret";
import { buildIfNeeded } from "./build-if-needed";
import { requestEntry } from "./http-entry";
import { closeConnectionWhenStopping, onStopSignal, stopServing } from "./graceful-stop";
import { drainable } from "./http-drain";
import { loadFastPaths, type FastPaths } from "./fast-paths";
import { isLightPage, serveLight } from "./light-pages";
import { createPageCache } from "./page-cache";
import { runScript } from "./run-script";

/** Where the in-process LAPOR simulator is mounted under `npm start` (demo mode only). */
const SIM_MOUNT = "/lapor-sim";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Every line this process prints is JSON (lib/log.ts), Next's own included (instrumentation.ts
// installs the same in Next's bundle, and under `next start`).
installJsonConsole();

/**
 * One process runs the whole portal: it owns the embedded database (PGlite allows one process),
 * serves Next, and appends each request's socket address to X-Forwarded-For, as a proxy would, so
 * rate limits cannot be dodged by a forged entry. With PostgreSQL, PINTU_PROCESSES > 1 makes this process
 * prepare the database and then fork that many serving processes sharing the port (Node's
 * cluster), so every core serves; the first of them also runs the background worker (started by
 * Next's instrumentation hook, instrumentation.ts, as under `next start`).
 */
await runScript(async () => {
  const e = env();
  if (cluster.isWorker) return serve(e);
  if (process.env.PINTU_SKIP_BUILD !== "1") buildIfNeeded(root);
  process.env.AUTH_SECRET = authSecretFor(e);
  const handle = sharedDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });
  await prepareDb(handle, { region: e.PINTU_REGION, demo: e.demo });
  if (e.demo) await seedDemoComplaints(handle.db, e.PINTU_REGION);
  // The embedded database and the in-process LAPOR simulator of the demo live in one process.
  const processes = e.embedded || withSimulator(e) ? 1 : e.PINTU_PROCESSES;
  if (processes <= 1) return serve(e);
  await handle.close();
  superviseCluster(processes, e.PINTU_WORKER, e.SHUTDOWN_GRACE_SECONDS * 1000);
});

/** Demo without a real LAPOR: the simulator is mounted at /lapor-sim on the portal itself. */
function withSimulator(e: Env): boolean {
  return !e.LAPOR_BASE_URL && e.demo;
}

/**
 * Forks the serving processes and replaces any that dies. On SIGINT/SIGTERM it passes the signal
 * on and waits for them to finish (their grace period plus time to close the database); any still
 * running then is killed, and the exit code says so.
 */
function superviseCluster(processes: number, runJobs: boolean, graceMs: number) {
  let stopping = false;
  const fork = (i: number) => {
    const child = cluster.fork({ PINTU_SKIP_BUILD: "1", PINTU_RUN_JOBS: runJobs && i === 0 ? "1" : "0" });
    child.on("exit", (code, signal) => {
      if (stopping) return;
      console.error(`pintu: serving process ${i + 1} ended (${signal ?? `exit ${code}`}); starting another`);
      setTimeout(() => fork(i), 1000);
    });
  };
  superviseClusterMetrics();
  for (let i = 0; i < processes; i++) fork(i);
  console.log(`pintu: ${processes} serving processes`);
  onStopSignal((signal) => {
    stopping = true;
    const running = () => Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    const deadline = setTimeout(() => {
      console.error(`pintu: ${running().length} serving process(es) still running ${graceMs / 1000 + 10} s after ${signal}; killing them`);
      for (const child of running()) child.process.kill("SIGKILL");
      process.exit(1);
    }, graceMs + 10_000);
    cluster.on("exit", () => {
      if (running().length > 0) return;
      clearTimeout(deadline);
      process.exit(0);
    });
    for (const child of running()) child.process.kill(signal);
  });
}

/** Serves the portal from this process (and its background worker: see instrumentation.ts). */
async function serve(e: Env) {
  // Every request's socket address goes into X-Forwarded-For (scripts/http-entry.ts), so the app
  // reads the client's address by the same rule as under `next start` (server/client-address.ts).
  process.env[PEER_RECORDED_ENV] = "1";
  const handle = sharedDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });

  // Demo without a real LAPOR: the simulator is mounted at /lapor-sim on this same server (no
  // other port to collide with), with a few complaints LAPOR "disposed" to the city, so the whole
  // two-way flow is visible on a fresh machine. LAPOR_BASE_URL set → that LAPOR; otherwise off.
  // Its LAPOR API takes only the credentials generated here for the portal; its admin API only
  // callers on this machine with the admin token.
  const sim = withSimulator(e) ? createLaporSim({ apiKey: randomSecret(), token: randomSecret(), adminToken: e.LAPOR_SIM_ADMIN_TOKEN }) : null;
  if (sim) {
    sim.setUrl(`http://${["0.0.0.0", "::"].includes(e.listenHost) ? "127.0.0.1" : e.listenHost}:${e.PORT}${SIM_MOUNT}`);
    seedSimDemo(sim.store, e.PINTU_REGION);
    sim.store.startIdsAt(Math.floor(Date.now() / 1000));
    setLaporConfig({ baseUrl: sim.url, apiKey: sim.apiKey, token: sim.token, institutionId: SIM_DEFAULTS.institutionId, timeoutMs: e.LAPOR_TIMEOUT_MS });
  }

  const pages = e.PAGE_CACHE_SECONDS > 0 ? createPageCache(handle.db, { ttlMs: e.PAGE_CACHE_SECONDS * 1000, maxBytes: 64 * 1024 * 1024 }) : null;

  const app = next({ dev: false, dir: root, port: e.PORT, hostname: "0.0.0.0" });
  // Next is prepared once this server listens (below), then the fast paths are loaded from its
  // build; what comes before then waits for both.
  let nextReady: () => void = () => {};
  let ready = false;
  const prepared = new Promise<void>((resolve) => (nextReady = resolve));
  const handler = app.getRequestHandler();
  let fast: FastPaths | null = null;
  const tiles = tileOrigins(e.MAP_TILE_URL);
  const entry = { root, trust: e.TRUST_PROXY, db: handle.db, postgres: handle.kind === "postgres", metricsToken: e.METRICS_TOKEN };
  const serveRequest = requestEntry(entry, (req, res) => {
    closeConnectionWhenStopping(req, res);
    // The demo's LAPOR simulator is another program that happens to share the port.
    if (sim && req.url?.startsWith(`${SIM_MOUNT}/`)) return void sim.handle(req, res, req.url.slice(SIM_MOUNT.length));
    const refusal = requestProblem(req);
    if (refusal) return void sendRefusal(req, res, refusal);
    if (!ready) return void prepared.then(() => dispatch(req, res));
    dispatch(req, res);
  });
  function dispatch(req: IncomingMessage, res: ServerResponse) {
    // The JSON API's, the SMS gateway's and Open311's many small requests skip Next's pipeline but
    // not its code: the fast paths call the route handlers of this very build (scripts/fast-paths.ts).
    const found = fast?.match(req);
    if (fast && found) return void fast.serve(req, res, found);
    // Public pages that need no JavaScript are sent without Next's scripts.
    const render = e.LIGHT_PAGES && isLightPage(req) ? () => serveLight(req, res, () => void handler(req, res)) : () => void handler(req, res);
    if (pages?.handles(req)) return void pages.serve(req, res, render);
    render();
  }
  // The security headers go on every answer, /metrics (answered by the request entry) included.
  const server = createServer((req, res) => {
    applySecurityHeaders(req, res, isHttps(req, e.PUBLIC_BASE_URL), tiles);
    serveRequest(req, res);
  });
  const serving = drainable(server);
  server.keepAliveTimeout = 65_000;
  server.on("error", (err) => {
    console.error(`pintu: cannot serve on port ${e.PORT}: ${err.message}`);
    void handle.close().finally(() => process.exit(1));
  });
  server.listen(e.PORT, e.listenHost, () => {
    // Next is prepared once listening, as `next start` does: its instrumentation hook then starts
    // the worker, whose first LAPOR poll can reach the mounted simulator.
    app
      .prepare()
      .then(async () => {
        if (e.PINTU_FAST_PATHS) fast = await loadFastPaths(path.resolve(root, process.env.PINTU_DIST_DIR || ".next"));
        ready = true;
        nextReady();
      })
      .catch((err: unknown) => {
        // A fast path's own error (a route module of another shape) names itself.
        const message = err instanceof Error ? err.message : String(err);
        console.error(message.startsWith("pintu:") ? message : `pintu: Next could not start: ${message}`);
        void handle.close().finally(() => process.exit(1));
      });
    if (sim) console.log(`pintu: LAPOR simulator at ${sim.url} (admin API: ${sim.url}/_admin/… from this machine, header X-Admin-Token: ${e.LAPOR_SIM_ADMIN_TOKEN ? "LAPOR_SIM_ADMIN_TOKEN" : sim.adminToken})`);
    if (cluster.isWorker && cluster.worker?.id !== 1) return;
    console.log(`pintu: ready on http://localhost:${e.PORT} (${handle.kind === "pglite" ? `embedded database in ${e.DATA_DIR}` : "PostgreSQL"}${e.demo ? ", demo data" : ""})`);
  });

  onStopSignal((signal) => void stopServing(signal, { server: serving, worker: processWorker(), closeDb: () => handle.close(), graceMs: e.SHUTDOWN_GRACE_SECONDS * 1000 }));
}
