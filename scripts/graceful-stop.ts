import type { IncomingMessage, ServerResponse } from "node:http";
import type { DrainableServer } from "./http-drain";
import { beginShutdown, isShuttingDown } from "@/server/lifecycle";

/**
 * While the process stops, each answer closes its connection, so a keep-alive client opens a new
 * one (to another host or process) for its next request instead of reusing ours.
 */
export function closeConnectionWhenStopping(_req: IncomingMessage, res: ServerResponse): void {
  if (isShuttingDown()) res.setHeader("connection", "close");
}

/** Runs `stop` once, on the first SIGTERM or SIGINT (a second signal changes nothing). */
export function onStopSignal(stop: (signal: NodeJS.Signals) => void): void {
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stop(signal);
    });
  }
}

type StopParts = {
  server: DrainableServer;
  worker: { stop: (graceMs: number) => Promise<void> } | undefined;
  closeDb: () => Promise<void>;
  graceMs: number;
};

/**
 * The serving process's graceful stop: readiness turns 503 at once and the listener closes; the
 * requests in flight and the worker's deliveries get `graceMs` to finish (the worker claims nothing
 * more and gives back what it holds); then the database closes (PGlite flushes to disk) and the
 * process exits 0.
 */
export async function stopServing(signal: NodeJS.Signals, parts: StopParts): Promise<never> {
  beginShutdown();
  console.log(`pintu: ${signal} received; finishing requests in flight (up to ${parts.graceMs / 1000} s), then stopping`);
  const since = Date.now();
  const took = (p: Promise<unknown> | undefined) => (p ?? Promise.resolve()).then((v) => ({ v, ms: Date.now() - since }));
  const [requests, worker] = await Promise.all([took(parts.server.drain(parts.graceMs)), took(parts.worker?.stop(parts.graceMs))]);
  const cut = requests.v as number;
  if (cut > 0) console.warn(`pintu: ${cut} connection(s) still busy after ${parts.graceMs / 1000} s were closed`);
  // What the stop waited for: an operator (and the fault test) can tell slow requests from a slow job.
  console.log(`pintu: requests drained in ${requests.ms} ms${parts.worker ? `, worker stopped in ${worker.ms} ms` : ""}`);
  try {
    await parts.closeDb();
  } catch (err) {
    console.error(`pintu: closing the database failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  process.exit(0);
}
