/**
 * Whether this process is stopping. The production server (scripts/start.ts) sets it on
 * SIGTERM/SIGINT and the readiness probe (app/api/health/ready) reads it; the two load this module
 * separately (the server directly, the probe inside Next's bundle), so the state is kept on
 * `globalThis` under a registered symbol, the one place both see.
 */
const KEY = Symbol.for("pintu.lifecycle");

type Lifecycle = { stoppingSince: number | null };

function state(): Lifecycle {
  const g = globalThis as unknown as Record<symbol, Lifecycle | undefined>;
  return (g[KEY] ??= { stoppingSince: null });
}

/** From now on the process is shutting down: readiness answers 503. */
export function beginShutdown(): void {
  state().stoppingSince ??= Date.now();
}

export function isShuttingDown(): boolean {
  return state().stoppingSince !== null;
}
