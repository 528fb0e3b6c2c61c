import { dbErrorCode, isConnectionError } from "@/db/errors";
import { log } from "@/lib/log";

const RETRY_MS = 1000;

/**
 * Writes what became of a claimed item or a periodic job (delivered, retry later, dead, lease
 * released). A delivery may well have succeeded while the database is unreachable (a PostgreSQL
 * restart): the outcome is then kept in memory and written again every second until the database
 * is back — the item's lease ends the moment it is written, not when the lease runs out, and a
 * delivered item is never sent again. Gives up (logged, never thrown) once `withinMs` has passed:
 * the lease then runs out and the item is retried, which the handlers make safe to repeat.
 */
export async function settle(write: () => Promise<unknown>, fields: Record<string, unknown>, withinMs: number): Promise<boolean> {
  const giveUpAt = Date.now() + withinMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      if (attempt > 1) log.info("worker: outcome written after the database came back", { ...fields, attempts: attempt });
      return true;
    } catch (err) {
      const code = dbErrorCode(err);
      if (!isConnectionError(err) || Date.now() + RETRY_MS >= giveUpAt) {
        log.error("worker: outcome could not be written", { ...fields, code, error: err instanceof Error ? err.message : String(err) });
        return false;
      }
      if (attempt === 1) log.warn("worker: database unreachable, keeping the outcome until it is back", { ...fields, code });
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
