/**
 * A serving process for test/fault.test.ts: the portal's machine endpoints exactly as `npm start`
 * serves them (scripts/fast-paths.ts: the JSON intake, the lookup, SMS, Open311, calling the route
 * handlers of the production build) and its background worker, on PostgreSQL; any other request
 * is a 404. Next's server is not started: its route modules need none of it, and it would add its
 * own `unhandledRejection` logger (which also logs the one rejection db/pg-array-types.ts
 * recognises as harmless; see the test's check of the output).
 * Prints "ready" once listening; SIGTERM/SIGINT stop it as `npm start` does (scripts/graceful-stop.ts):
 * requests in flight finish, the worker gives back its leases, the pool closes, exit 0.
 */
import { createServer } from "node:http";
import path from "node:path";
import { sharedDb } from "@/db/client";
import { startWorker } from "@/queue/run";
import "@/jobs/topics";
import { loadFastPaths } from "@/scripts/fast-paths";
import { closeConnectionWhenStopping, onStopSignal, stopServing } from "@/scripts/graceful-stop";
import { drainable } from "@/scripts/http-drain";
import { runScript } from "@/scripts/run-script";
import { env } from "@/lib/env";
import { PEER_RECORDED_ENV, recordPeer } from "@/server/request-context";

await runScript(async () => {
  const e = env();
  process.env[PEER_RECORDED_ENV] = "1";
  const handle = sharedDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });
  const fast = await loadFastPaths(path.resolve(process.cwd(), process.env.PINTU_DIST_DIR || ".next"));
  const worker = e.PINTU_WORKER ? startWorker(handle.db) : undefined;
  const server = createServer((req, res) => {
    closeConnectionWhenStopping(req, res);
    recordPeer(req);
    const found = fast.match(req);
    if (found) return void fast.serve(req, res, found);
    res.writeHead(404).end();
  });
  const serving = drainable(server);
  server.listen(e.PORT, "127.0.0.1", () => console.log(`ready (worker ${worker?.id ?? "none"})`));
  onStopSignal((signal) => void stopServing(signal, { server: serving, worker, closeDb: () => handle.close(), graceMs: e.SHUTDOWN_GRACE_SECONDS * 1000 }));
});
