/**
 * Next's instrumentation hook: `register()` runs once when a serving process starts, under
 * `npm start` and `next start` alike (Next calls it while preparing its server; scripts/start.ts,
 * like `next start`, prepares Next once it is listening). In the Node.js runtime it makes every
 * line the process prints JSON (lib/console-json.ts) and starts the in-process background worker
 * (queue/run.ts) when this process is to run it: PINTU_WORKER (default on) for a single serving
 * process, PINTU_RUN_JOBS for the processes `npm start` forks with PINTU_PROCESSES (the first one
 * only). The worker runs in this process because the embedded database allows one process; with
 * PostgreSQL, `npm run worker` processes may run beside it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installJsonConsole } = await import("@/lib/console-json");
  installJsonConsole();
  const { env } = await import("@/lib/env");
  const forked = process.env.PINTU_RUN_JOBS;
  if (!(forked === undefined ? env().PINTU_WORKER : forked === "1")) return;
  const [{ getDb }, { startProcessWorker }] = await Promise.all([import("@/server/db"), import("@/queue/run"), import("@/jobs/topics")]);
  startProcessWorker(getDb());
}
