/**
 * A serving process for test/fault.test.ts: the portal's machine endpoints exactly as `npm start`
 * serves them (scripts/fast-paths.ts: the JSON intake, the lookup, SMS) and its background worker,
 * on PostgreSQL, without Next's pages (which need a production build the unit suite does not make).
 * Prints "ready" once listening; SIGTERM/SIGINT stop it as `npm start` does (scripts/graceful-stop.ts):
 * requests in flight finish, the worker gives back its leases, the pool closes, exit 0.
 */
import { createServer } from "node:http";
import { register } from "node:module";
import { sharedDb } from "@/db/client";
import { startWorker } from "@/queue/run";
import "@/jobs/topics";
import { closeConnectionWhenStopping, onStopSignal, stopServing } from "@/scripts/graceful-stop";
import { drainable } from "@/scripts/http-drain";
import { runScript } from "@/scripts/run-script";
import { env } from "@/lib/env";
import { PEER_RECORDED_ENV, recordPeer } from "@/server/request-context";

await runScript(async () => {
  const e = env();
  process.env[PEER_RECORDED_ENV] = "1";
  const handle = sharedDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });
  register("../scripts/server-only-hook.mjs", import.meta.url);
  const { fastRoute, serveFast } = await import("@/scripts/fast-paths");
  const worker = e.PINTU_WORKER ? startWorker(handle.db) : undefined;
  const server = createServer((req, res) => {
    closeConnectionWhenStopping(req, res);
    recordPeer(req);
    const fast = fastRoute(req);
    if (fast) return void serveFast(req, res, handle.db, fast);
    res.writeHead(404).end();
  });
  const serving = drainable(server);
  server.listen(e.PORT, "127.0.0.1", () => console.log(`ready (worker ${worker?.id ?? "none"})`));
  onStopSignal((signal) => void stopServing(signal, { server: serving, worker, closeDb: () => handle.close(), graceMs: e.SHUTDOWN_GRACE_SECONDS * 1000 }));
});
