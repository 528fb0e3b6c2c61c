import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { beginShutdown, isShuttingDown } from "../server/lifecycle";

/** How often, while draining, connections that have fallen idle are closed. */
const IDLE_SWEEP_MS = 200;

/**
 * While the process stops, each answer closes its connection, so a keep-alive client opens a new
 * one (to another host or process) for its next request instead of reusing ours.
 */
export function closeConnectionWhenStopping(_req: IncomingMessage, res: ServerResponse): void {
  if (isShuttingDown()) res.setHeader("connection", "close");
}

/**
 * Stops taking new connections and lets the requests in flight finish: keep-alive connections are
 * closed as soon as they are idle; whatever is still open at the deadline is cut. Resolves with the
 * number of connections that had to be cut (0 when everything finished in time).
 */
export function drainHttpServer(server: Server, graceMs: number): Promise<number> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (cut: number) => {
      if (settled) return;
      settled = true;
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve(cut);
    };
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const deadline = setTimeout(() => {
      server.getConnections((_err, open) => {
        server.closeAllConnections();
        finish(open ?? 0);
      });
    }, graceMs);
    // One turn of the event loop first: bytes that arrived while it was busy (PGlite runs on this
    // thread) are read, so a request that had begun counts as in flight rather than as an idle
    // connection, which `close()` would cut at once.
    setTimeout(() => server.close(() => finish(0)), 50);
  });
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
  server: Server;
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
  const [cut] = await Promise.all([drainHttpServer(parts.server, parts.graceMs), parts.worker?.stop(parts.graceMs)]);
  if (cut > 0) console.warn(`pintu: ${cut} connection(s) still busy after ${parts.graceMs / 1000} s were closed`);
  try {
    await parts.closeDb();
  } catch (err) {
    console.error(`pintu: closing the database failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  process.exit(0);
}
