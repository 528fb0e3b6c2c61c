import { sharedDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { startWorker } from "@/queue/run";
import "@/jobs/topics";
import { installJsonConsole } from "@/lib/console-json";
import { env } from "@/lib/env";
import { serveWorkerMetrics } from "@/server/metrics/endpoint";
import { onStopSignal } from "./graceful-stop";
import { UsageError, runScript } from "./run-script";

/**
 * `npm run worker`: the job worker as its own process. Any number may run against one
 * PostgreSQL database; the embedded database belongs to `npm start`, which runs the worker itself.
 */
installJsonConsole();

await runScript(async () => {
  const e = env();
  if (e.embedded) throw new UsageError("npm run worker needs DATABASE_URL (the embedded database is used by npm start, which runs the worker in-process)");
  // A connection for every delivery in flight, and a few for the periodic jobs (the LAPOR poll
  // imports up to 16 complaints at once, each in its own transaction; they share).
  const handle = sharedDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: e.WORKER_CONCURRENCY + 8 });
  await migrateDb(handle);
  const worker = startWorker(handle.db);
  const metricsServer = e.WORKER_METRICS_PORT ? serveWorkerMetrics(handle.db, e.WORKER_METRICS_PORT, e.METRICS_TOKEN) : undefined;
  // Deliveries in flight get the grace period to finish; what is left is given back for others.
  onStopSignal((signal) => {
    console.log(`worker: ${signal} received, finishing in-flight deliveries`);
    metricsServer?.close();
    void worker
      .stop(e.SHUTDOWN_GRACE_SECONDS * 1000)
      .then(() => handle.close())
      .finally(() => process.exit(0));
  });
});
